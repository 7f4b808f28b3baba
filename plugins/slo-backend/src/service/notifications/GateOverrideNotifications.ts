import type { StoredGateOverride } from '@slo-kit/plugin-slo-node';
import type { GateOverrideListener } from '../gate/GateOverrides';
import type { EntityOwnersReader } from './EntityOwnersReader';
import type { GateOverrideChange } from './gateOverrideMessages';
import type { SloNotifier } from './SloNotifier';

/**
 * Tells the SRE owner and the service owner of an entity when an override
 * of its release gate is granted, revoked or expires. Each change is
 * reported by the one replica that made it (grant, revoke) or claimed it
 * (expiry, see `GateOverrideStore.claimExpiredOverrides`), so once.
 */
export class GateOverrideNotifications implements GateOverrideListener {
  constructor(
    private readonly deps: {
      notifier: Pick<SloNotifier, 'gateOverrideChanged'>;
      owners: Pick<EntityOwnersReader, 'read'>;
    },
  ) {}

  async overrideChanged(
    change: GateOverrideChange,
    override: StoredGateOverride,
  ): Promise<void> {
    const owners = (await this.deps.owners.read([override.entityRef])).get(
      override.entityRef,
    ) ?? { serviceOwner: null, sreOwner: null };
    await this.deps.notifier.gateOverrideChanged({ change, override, owners });
  }
}
