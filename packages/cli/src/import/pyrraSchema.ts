import { z } from 'zod';

/**
 * zod schemas of Pyrra's `ServiceLevelObjective` resource
 * (`pyrra.dev/v1alpha1`). Objects pass unknown fields through so the
 * importer can name them.
 */

const stringMap = z.record(
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
);

export const pyrraMetadataSchema = z
  .object({
    name: z.string().min(1, 'must name the SLO'),
    namespace: z.string().optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  })
  .passthrough();

export const pyrraQuerySchema = z
  .object({ metric: z.string().min(1, 'must be a PromQL selector') })
  .passthrough();

const grouping = z.array(z.string()).nullish();

export const pyrraRatioSchema = z
  .object({ errors: pyrraQuerySchema, total: pyrraQuerySchema, grouping })
  .passthrough();

export const pyrraLatencySchema = z
  .object({ success: pyrraQuerySchema, total: pyrraQuerySchema, grouping })
  .passthrough();

export const pyrraIndicatorSchema = z
  .object({
    ratio: z.unknown().optional(),
    latency: z.unknown().optional(),
    latencyNative: z.unknown().optional(),
    bool_gauge: z.unknown().optional(),
  })
  .passthrough();

export const pyrraSpecSchema = z
  .object({
    description: z.string().nullish(),
    // The CRD declares a string; YAML gives a number when it is not quoted.
    target: z.union([z.string(), z.number()], {
      errorMap: () => ({ message: 'must be a percentage, e.g. "99.5"' }),
    }),
    window: z.string({
      required_error: 'is required, e.g. 28d',
      invalid_type_error: 'must be a duration, e.g. 28d',
    }),
    indicator: pyrraIndicatorSchema,
    alerting: z.unknown().optional(),
    partial_response_strategy: z.unknown().optional(),
    performanceOverAccuracy: z.unknown().optional(),
    ruleOutput: z.unknown().optional(),
  })
  .passthrough();

export const pyrraDocumentSchema = z
  .object({
    apiVersion: z.literal('pyrra.dev/v1alpha1'),
    kind: z.literal('ServiceLevelObjective'),
    metadata: pyrraMetadataSchema,
    spec: pyrraSpecSchema,
    status: z.unknown().optional(),
  })
  .passthrough();
