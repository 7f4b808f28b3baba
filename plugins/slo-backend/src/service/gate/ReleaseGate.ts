import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_RELEASE_POLICY,
  DEFAULT_RELEASE_POLICY_NAME,
  GateDecision,
  GatePolicyChoice,
  GateSloInput,
  ReleasePolicy,
  decideRelease,
} from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { directOwners } from '../ownership';
import { sloDisplayName } from '../sloDisplayName';
import { EntityVisibility } from '../routes/entityVisibility';
import { readVisibleEntitySlos } from '../routes/visibleEntitySlos';

/** The policy an entity asks for with its annotation (default `default`). */
export function choosePolicy(
  entity: Entity | undefined,
  policies: Record<string, ReleasePolicy>,
): GatePolicyChoice {
  const name =
    entity?.metadata.annotations?.[ANNOTATION_RELEASE_POLICY]?.trim() ||
    DEFAULT_RELEASE_POLICY_NAME;
  return policies[name] ?? { name, unknown: true };
}

/**
 * Answers "may this entity ship now?": reads the entity as the caller sees
 * it, its live SLOs and their stored status rows (never raw data), picks the
 * entity's policy and hands everything to the pure {@link decideRelease}.
 */
export class ReleaseGate {
  constructor(
    private readonly deps: {
      stores: Pick<SloStores, 'definitions' | 'statuses'>;
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
    options: { changeType?: string | null } = {},
  ): Promise<GateDecision> {
    const { stores, visibility, policies } = this.deps;
    const { entity, definitions } = await readVisibleEntitySlos(
      entityRef,
      credentials,
      { visibility, definitions: stores.definitions },
    );
    const statuses = await stores.statuses.readStatuses(
      definitions.map(d => d.sloKey),
    );
    const slos: GateSloInput[] = definitions.map(definition => {
      const row = statuses.get(definition.sloKey);
      return {
        sloId: definition.id,
        displayName: sloDisplayName(definition),
        status: row
          ? {
              status: row.status,
              evaluation: row.evaluation,
              evaluatedAt: row.evaluatedAt,
              dataThrough: row.dataThrough,
            }
          : null,
      };
    });
    const ownership = entity
      ? directOwners(entity)
      : {
          serviceOwner: definitions[0]?.serviceOwner ?? null,
          sreOwner: definitions[0]?.sreOwner ?? null,
        };
    return decideRelease({
      slos,
      ownership,
      policy: choosePolicy(entity, policies),
      request: {
        entityRef,
        now: (this.deps.now ?? Date.now)(),
        changeType: options.changeType ?? null,
      },
    });
  }
}
