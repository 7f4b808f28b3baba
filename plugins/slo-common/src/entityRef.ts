import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const validator = makeValidator();

/** Kind and namespace assumed when a ref leaves them out. */
export interface EntityRefDefaults {
  defaultKind?: string;
  defaultNamespace?: string;
}

/**
 * The canonical form of an entity ref, as SLO Kit stores it and builds SLO ids
 * from: fully qualified (`kind:namespace/name`, with `defaults` filling in a
 * missing kind or namespace) and lower-cased, since the catalog compares refs
 * without regard to case. Throws an InputError naming `field` when the ref is
 * malformed or a part is not a valid catalog kind, namespace or name.
 */
export function canonicalEntityRef(
  ref: string,
  field = 'entityRef',
  defaults?: EntityRefDefaults,
): string {
  const invalid = () =>
    new InputError(
      `${field}: "${ref}" is not a valid entity ref (expected kind:namespace/name)`,
    );
  let parsed;
  try {
    parsed = parseEntityRef(ref, defaults);
  } catch {
    throw invalid();
  }
  const lower = (part: string) => part.toLocaleLowerCase('en-US');
  const canonical = {
    kind: lower(parsed.kind),
    namespace: lower(parsed.namespace),
    name: lower(parsed.name),
  };
  if (
    !validator.isValidKind(canonical.kind) ||
    !validator.isValidNamespace(canonical.namespace) ||
    !validator.isValidEntityName(canonical.name)
  ) {
    throw invalid();
  }
  return stringifyEntityRef(canonical);
}
