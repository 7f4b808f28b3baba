import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_PLATFORM_OWNER,
  ANNOTATION_SOURCE_TEMPLATE,
  ANNOTATION_SRE_OWNER,
  Ownership,
  OwnershipFinding,
  canonicalEntityRef,
} from '@slo-kit/plugin-slo-common';

/** An owner written on an entity as a canonical ref; null when absent or malformed. */
function ownerRef(value: unknown, namespace: string): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    return canonicalEntityRef(value.trim(), 'owner', {
      defaultKind: 'group',
      defaultNamespace: namespace,
    });
  } catch {
    return null;
  }
}

/** The two owners written on an entity, as canonical refs; null when absent. */
export interface DirectOwners {
  /** `spec.owner`: the team that runs the service. */
  serviceOwner: string | null;
  /** The `slo-kit.dev/sre-owner` annotation: who decides on reliability. */
  sreOwner: string | null;
}

/** Service owner and SRE owner of an entity as full refs; read from the entity alone. */
export function directOwners(entity: Entity): DirectOwners {
  const namespace = entity.metadata.namespace ?? 'default';
  return {
    serviceOwner: ownerRef(entity.spec?.owner, namespace),
    sreOwner: ownerRef(
      entity.metadata.annotations?.[ANNOTATION_SRE_OWNER],
      namespace,
    ),
  };
}

/** Ownership of an entity that is not (yet) in the catalog. */
export const UNKNOWN_OWNERSHIP: Ownership = {
  serviceOwner: null,
  sreOwner: null,
  platformOwner: null,
  platformOwnerSource: null,
  findings: [],
};

/**
 * Who owns what for an entity: the service owner (spec.owner), the SRE owner
 * (annotation) and the platform owner (annotation, else the owner of the
 * template that created the entity), plus findings about the split.
 */
export async function resolveOwnership(
  entity: Entity,
  options: { catalog: CatalogService; credentials: BackstageCredentials },
): Promise<Ownership> {
  const namespace = entity.metadata.namespace ?? 'default';
  const annotations = entity.metadata.annotations ?? {};
  const { serviceOwner, sreOwner } = directOwners(entity);

  let platformOwner = ownerRef(
    annotations[ANNOTATION_PLATFORM_OWNER],
    namespace,
  );
  let platformOwnerSource: Ownership['platformOwnerSource'] = platformOwner
    ? 'annotation'
    : null;
  const templateRef = annotations[ANNOTATION_SOURCE_TEMPLATE];
  if (!platformOwner && templateRef) {
    let ref: string | undefined;
    try {
      ref = canonicalEntityRef(templateRef, ANNOTATION_SOURCE_TEMPLATE, {
        defaultKind: 'template',
        defaultNamespace: namespace,
      });
    } catch {
      ref = undefined;
    }
    const template = ref
      ? await options.catalog.getEntityByRef(ref, {
          credentials: options.credentials,
        })
      : undefined;
    const owner = template
      ? ownerRef(template.spec?.owner, template.metadata.namespace ?? 'default')
      : null;
    if (owner) {
      platformOwner = owner;
      platformOwnerSource = 'source-template';
    }
  }

  const findings: OwnershipFinding[] = [];
  if (!sreOwner) {
    findings.push({
      code: 'sre-owner-missing',
      message: `No SRE owner: set the ${ANNOTATION_SRE_OWNER} annotation. Until then ${
        serviceOwner ?? 'the service owner'
      } is assumed to decide when reliability is no longer acceptable.`,
    });
  } else if (platformOwner && sreOwner === platformOwner) {
    findings.push({
      code: 'sre-owner-is-platform-owner',
      message: `${sreOwner} both builds the paved road and decides when reliability is no longer acceptable; these should be different teams.`,
    });
  }
  return {
    serviceOwner,
    sreOwner,
    platformOwner,
    platformOwnerSource,
    findings,
  };
}
