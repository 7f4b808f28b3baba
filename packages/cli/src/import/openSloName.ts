const OPENSLO_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * An OpenSLO metadata.name for `wanted`: unchanged when valid, otherwise
 * lower-cased with every other character a dash, at most 63 characters.
 * Undefined when nothing usable is left.
 */
export function openSloName(wanted: string): string | undefined {
  if (OPENSLO_NAME.test(wanted)) {
    return wanted;
  }
  const name = wanted
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return OPENSLO_NAME.test(name) ? name : undefined;
}
