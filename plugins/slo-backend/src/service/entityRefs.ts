import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The canonical (lower-case, fully qualified) form of an entity ref, as SLO Kit
 * stores it. Throws InputError naming `field` when the ref is malformed.
 */
export function canonicalEntityRef(
  ref: string,
  field = 'entityRef',
  defaults?: { defaultKind?: string; defaultNamespace?: string },
): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, defaults)).toLocaleLowerCase(
      'en-US',
    );
  } catch (error) {
    throw new InputError(
      `${field}: "${ref}" is not a valid entity ref (expected kind:namespace/name)`,
    );
  }
}

/**
 * The canonical form of an SLO id `<entity ref>#<slo name>`: the entity ref
 * part is made canonical, the SLO name is kept as is. Returns undefined when
 * the id has no `#` or the ref part is malformed.
 */
export function canonicalSloId(id: string): string | undefined {
  const hash = id.lastIndexOf('#');
  if (hash <= 0 || hash === id.length - 1) return undefined;
  try {
    return `${canonicalEntityRef(id.slice(0, hash))}#${id.slice(hash + 1)}`;
  } catch {
    return undefined;
  }
}
