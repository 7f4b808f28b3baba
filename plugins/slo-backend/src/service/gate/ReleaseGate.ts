import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { GateDecision, ReleasePolicy } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { EntityVisibility } from '../routes/entityVisibility';
import { readVisibleEntitySlos } from '../routes/visibleEntitySlos';
import { decideEntityRelease } from './entityRelease';

/**
 * Answers "may this entity ship now?": reads the entity as the caller sees
 * it, its live SLOs and their stored status rows (never raw data), and
 * decides with {@link decideEntityRelease} under the policy the entity names.
 */
export class ReleaseGate {
  constructor(
    private readonly deps: {
      stores: Pick<SloStores, 'definitions' | 'statuses' | 'gateOverrides'>;
      visibility: EntityVisibility;
      policies: Record<string, ReleasePolicy>;
      now?: () => number;
    },
  ) {}

  /**
   * The decision for `entityRef`; NotFoundError when the caller may not see
   * the entity, or neither the catalog nor SLO Kit knows it.
   */
  async decide(
    entityRef: string,
    credentials: BackstageCredentials,
    options: {
      changeType?: string | null;
      environment?: string | null;
      version?: string | null;
    } = {},
  ): Promise<GateDecision> {
    const { stores, visibility, policies } = this.deps;
    const { entity, definitions } = await readVisibleEntitySlos(
      entityRef,
      credentials,
      { visibility, definitions: stores.definitions },
    );
    const now = (this.deps.now ?? Date.now)();
    const [statuses, overrides] = await Promise.all([
      stores.statuses.readStatuses(definitions.map(d => d.sloKey)),
      stores.gateOverrides.listActiveOverrides([entityRef], now),
    ]);
    return decideEntityRelease({
      entityRef,
      entity,
      slos: definitions.map(definition => ({
        definition,
        status: statuses.get(definition.sloKey),
      })),
      policies,
      now,
      changeType: options.changeType,
      environment: options.environment,
      version: options.version,
      overrides,
    });
  }
}
