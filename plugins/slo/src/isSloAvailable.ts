import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_OPENSLO_REF } from '@slo-kit/plugin-slo-common';

/** True when the entity declares SLOs with the `slo-kit.dev/openslo-ref` annotation. */
export function isSloAvailable(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_OPENSLO_REF]);
}
