import { z } from 'zod';

/**
 * zod schemas of Sloth's SLO specs, in both of Sloth's spellings: the
 * `version: prometheus/v1` file (snake_case fields, e.g. `error_query`) and
 * the Kubernetes `PrometheusServiceLevel` resource of `sloth.slok.dev/v1`
 * (camelCase, e.g. `errorQuery`, under `spec`). Objects pass unknown fields
 * through so the importer can name them.
 */

/** Field names that differ between the two spellings. */
export interface SlothFieldNames {
  errorQuery: string;
  totalQuery: string;
  errorRatioQuery: string;
  sloPlugins: string;
}

export const SLOTH_SPEC_FIELDS: SlothFieldNames = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  sloPlugins: 'slo_plugins',
};

export const SLOTH_CRD_FIELDS: SlothFieldNames = {
  errorQuery: 'errorQuery',
  totalQuery: 'totalQuery',
  errorRatioQuery: 'errorRatioQuery',
  sloPlugins: 'sloPlugins',
};

/** Prometheus label values; YAML may give numbers or booleans unquoted. */
export const labelsSchema = z.record(
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
);

/** The schemas for one spelling. */
export function slothSchemas(fields: SlothFieldNames) {
  const group = z
    .object({
      service: z.string().min(1, 'must name the service'),
      labels: labelsSchema.optional(),
      [fields.sloPlugins]: z.unknown().optional(),
      slos: z.array(z.unknown()).min(1, 'must list at least one SLO'),
    })
    .passthrough();

  const events = z
    .object({
      [fields.errorQuery]: z.string().min(1, 'must be a PromQL query'),
      [fields.totalQuery]: z.string().min(1, 'must be a PromQL query'),
    })
    .passthrough();

  const sli = z
    .object({
      events: z.unknown().optional(),
      raw: z.unknown().optional(),
      plugin: z.unknown().optional(),
    })
    .passthrough();

  const slo = z
    .object({
      name: z.string().min(1, 'must name the SLO'),
      description: z.string().optional(),
      objective: z.number({
        invalid_type_error: 'must be a number (percent, e.g. 99.9)',
      }),
      labels: labelsSchema.optional(),
      plugins: z.unknown().optional(),
      sli,
      alerting: z.unknown().optional(),
    })
    .passthrough();

  const plugin = z
    .object({ id: z.string(), options: z.unknown().optional() })
    .passthrough();

  return { group, slo, sli, events, plugin };
}

export const slothCrdEnvelopeSchema = z
  .object({
    apiVersion: z.literal('sloth.slok.dev/v1'),
    kind: z.literal('PrometheusServiceLevel'),
    metadata: z
      .object({
        name: z.string().optional(),
        namespace: z.string().optional(),
      })
      .passthrough()
      .optional(),
    spec: z.unknown(),
    status: z.unknown().optional(),
  })
  .passthrough();
