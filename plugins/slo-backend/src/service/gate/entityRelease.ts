import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_RELEASE_POLICY,
  ANNOTATION_SRE_OWNER,
  DEFAULT_RELEASE_POLICY_NAME,
  GateDecision,
  GateOverrideInput,
  GateOwnership,
  GatePolicyChoice,
  GateSloInput,
  ReleasePolicy,
  decideRelease,
} from '@slo-kit/plugin-slo-common';
import type { SloWithStatus } from '@slo-kit/plugin-slo-node';
import { directOwners } from '../ownership';

/**
 * The catalog fields the gate reads of an entity (its owners and the policy
 * it names), for batch reads that ask the catalog for these fields only.
 */
export const GATE_ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'spec.owner',
  `metadata.annotations.${ANNOTATION_SRE_OWNER}`,
  `metadata.annotations.${ANNOTATION_RELEASE_POLICY}`,
];

/** The policy an entity asks for with its annotation (default `default`). */
function choosePolicy(
  entity: Entity | undefined,
  policies: Record<string, ReleasePolicy>,
): GatePolicyChoice {
  const name =
    entity?.metadata.annotations?.[ANNOTATION_RELEASE_POLICY]?.trim() ||
    DEFAULT_RELEASE_POLICY_NAME;
  return policies[name] ?? { name, unknown: true };
}

/** A live SLO and its stored status as the gate judges it. */
function toGateSloInput({ definition, status }: SloWithStatus): GateSloInput {
  return {
    sloId: definition.id,
    displayName:
      definition.definition.objectives[0]?.displayName ??
      definition.definition.displayName ??
      definition.name,
    status: status
      ? {
          status: status.status,
          evaluation: status.evaluation,
          evaluatedAt: status.evaluatedAt,
          dataThrough: status.dataThrough,
        }
      : null,
  };
}

/**
 * Owners from the catalog entity; for an entity the catalog does not know
 * (yet), the owners recorded with its SLOs.
 */
function gateOwnership(
  entity: Entity | undefined,
  slos: SloWithStatus[],
): GateOwnership {
  if (entity) return directOwners(entity);
  return {
    serviceOwner: slos[0]?.definition.serviceOwner ?? null,
    sreOwner: slos[0]?.definition.sreOwner ?? null,
  };
}

/**
 * The release decision of one entity from what SLO Kit stores: its live SLOs
 * with their status rows, the entity as the caller sees it (undefined when
 * the catalog does not know it) and the configured policies. The gate route
 * and the portfolio both decide through this, so they always agree.
 */
export function decideEntityRelease(input: {
  entityRef: string;
  entity: Entity | undefined;
  slos: SloWithStatus[];
  policies: Record<string, ReleasePolicy>;
  now: number;
  changeType?: string | null;
  environment?: string | null;
  version?: string | null;
  /** The entity's active overrides, newest first. */
  overrides?: GateOverrideInput[];
}): GateDecision {
  const { entityRef, entity, slos, policies } = input;
  return decideRelease({
    slos: slos.map(toGateSloInput),
    ownership: gateOwnership(entity, slos),
    policy: choosePolicy(entity, policies),
    request: {
      entityRef,
      now: input.now,
      changeType: input.changeType ?? null,
      environment: input.environment ?? null,
      version: input.version ?? null,
      overrides: input.overrides ?? [],
    },
  });
}
