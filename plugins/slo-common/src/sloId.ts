import { canonicalEntityRef } from './entityRef';

/** The parts of an SLO id: the entity it belongs to and the SLO's name. */
export interface SloIdParts {
  /** Canonical entity ref (see {@link canonicalEntityRef}). */
  entityRef: string;
  /** The SLO's `metadata.name`, as written in its OpenSLO document. */
  name: string;
}

/** Outcome of {@link parseSloId}: the parts, or why the id is not one. */
export type SloIdParseResult =
  | ({ ok: true } & SloIdParts)
  | { ok: false; reason: string };

/**
 * The id of an SLO: `<entity ref>#<slo name>`, e.g.
 * `component:default/payments#availability`. `entityRef` must already be
 * canonical (see {@link canonicalEntityRef}); the name is kept as written.
 */
export function sloIdOf(entityRef: string, name: string): string {
  return `${entityRef}#${name}`;
}

/**
 * Splits an SLO id into its canonical entity ref and SLO name. The name is
 * everything after the last `#`; the entity ref part is made canonical, so
 * `Component:Default/Payments#availability` names the same SLO as
 * `component:default/payments#availability`.
 */
export function parseSloId(id: string): SloIdParseResult {
  const hash = id.lastIndexOf('#');
  if (hash < 0) {
    return {
      ok: false,
      reason: `"${id}" is not an SLO id: expected <entity ref>#<slo name>, e.g. component:default/payments#availability`,
    };
  }
  if (hash === 0) {
    return { ok: false, reason: `"${id}" has no entity ref before the #` };
  }
  if (hash === id.length - 1) {
    return { ok: false, reason: `"${id}" has no SLO name after the #` };
  }
  const ref = id.slice(0, hash);
  let entityRef: string;
  try {
    entityRef = canonicalEntityRef(ref);
  } catch {
    return {
      ok: false,
      reason: `"${id}" does not start with a valid entity ref (expected kind:namespace/name before the #, got "${ref}")`,
    };
  }
  return { ok: true, entityRef, name: id.slice(hash + 1) };
}

/**
 * The canonical form of an SLO id: the entity ref part made canonical, the
 * SLO name kept as is. Undefined when `id` is not an SLO id (see
 * {@link parseSloId} for the reason).
 */
export function canonicalSloId(id: string): string | undefined {
  const parsed = parseSloId(id);
  return parsed.ok ? sloIdOf(parsed.entityRef, parsed.name) : undefined;
}
