import { parseEntityRef } from '@backstage/catalog-model';

/**
 * Path of the Reliability tab under an entity's page, as the frontend
 * plugin mounts it (`/catalog/:namespace/:kind/:name/slo`).
 */
export const RELIABILITY_TAB_PATH = 'slo';

/**
 * Link to an entity's Reliability tab, relative to the app's base URL, for
 * places without the frontend's route refs (notifications, CLI output):
 * `component:default/checkout-api` → `/catalog/default/component/checkout-api/slo`.
 * Assumes the catalog's entity pages at their default `/catalog` path.
 */
export function reliabilityTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const part = (value: string) => encodeURIComponent(value);
  return `/catalog/${part(namespace)}/${part(
    kind.toLocaleLowerCase('en-US'),
  )}/${part(name)}/${RELIABILITY_TAB_PATH}`;
}
