import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const validator = makeValidator();

/**
 * Turns `payments`, `default/payments` or `component:default/payments` into
 * the full `component:default/payments`, checking each part the way the
 * catalog does.
 */
export function normalizeEntityRef(ref: string, field: string): string {
  const invalid = () =>
    new InputError(
      `Input '${field}' must be an entity ref such as component:default/payments, got '${ref}'`,
    );
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    throw invalid();
  }
  if (
    !validator.isValidKind(parsed.kind) ||
    !validator.isValidNamespace(parsed.namespace) ||
    !validator.isValidEntityName(parsed.name)
  ) {
    throw invalid();
  }
  return stringifyEntityRef(parsed);
}
