/** Prefix of every SLO Kit catalog annotation. */
export const ANNOTATION_PREFIX = 'slo-kit.dev/';

/** Location of the entity's OpenSLO file, relative to its source location or a URL. */
export const ANNOTATION_OPENSLO_REF = 'slo-kit.dev/openslo-ref';

/** Group that owns production reliability; missing means the service owner (flagged). */
export const ANNOTATION_SRE_OWNER = 'slo-kit.dev/sre-owner';

/** Group that owns the paved road; defaults to the owner of the source template. */
export const ANNOTATION_PLATFORM_OWNER = 'slo-kit.dev/platform-owner';

/** Name of a release policy from app-config. */
export const ANNOTATION_RELEASE_POLICY = 'slo-kit.dev/release-policy';

/** Written by the scaffolder: the template that created the entity. */
export const ANNOTATION_SOURCE_TEMPLATE = 'backstage.io/source-template';
