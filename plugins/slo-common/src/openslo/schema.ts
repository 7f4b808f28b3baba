import { z } from 'zod';

/**
 * zod schemas for the OpenSLO v1 documents SLO Kit reads. They check shapes
 * only; meaning (ranges, combinations, references) is checked by the parser.
 * Fields OpenSLO defines but SLO Kit does not support yet are listed as
 * `unknown` so the parser can name them instead of calling them unknown.
 */

const unsupported = z.unknown().optional();

export const metadataSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
        'must be lower-case letters, digits and dashes (at most 63), starting and ending with a letter or digit',
      ),
    displayName: z.string().optional(),
    labels: z.record(z.unknown()).optional(),
    annotations: z.record(z.unknown()).optional(),
  })
  .strict();

export const documentEnvelopeSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.string(),
  metadata: metadataSchema,
  spec: z.record(z.unknown()),
});

export const metricSourceSchema = z
  .object({
    metricSourceRef: unsupported,
    type: z.string().min(1).optional(),
    spec: z.record(z.unknown()).optional(),
  })
  .strict();

const metricSchema = z.object({ metricSource: metricSourceSchema }).strict();

export const ratioMetricSchema = z
  .object({
    counter: z.boolean().optional(),
    good: metricSchema.optional(),
    bad: metricSchema.optional(),
    total: metricSchema.optional(),
    rawType: unsupported,
    raw: unsupported,
  })
  .strict();

export const thresholdMetricSchema = metricSchema;

export const sliSpecSchema = z
  .object({
    description: z.string().optional(),
    ratioMetric: ratioMetricSchema.optional(),
    thresholdMetric: thresholdMetricSchema.optional(),
  })
  .strict();

export const inlineIndicatorSchema = z
  .object({
    metadata: metadataSchema.partial().optional(),
    spec: sliSpecSchema,
  })
  .strict();

export const timeWindowSchema = z
  .object({
    duration: z.string(),
    isRolling: z.boolean().optional(),
    calendar: z
      .object({
        startTime: z.string(),
        timeZone: z.string(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const objectiveSchema = z
  .object({
    displayName: z.string().optional(),
    op: z.enum(['lt', 'lte', 'gt', 'gte']).optional(),
    value: z.number().finite().optional(),
    target: z.number().finite().optional(),
    targetPercent: z.number().finite().optional(),
    timeSliceTarget: z.number().finite().optional(),
    timeSliceWindow: z.union([z.string(), z.number()]).optional(),
    indicator: unsupported,
    indicatorRef: unsupported,
    compositeWeight: unsupported,
  })
  .strict();

export const sloSpecSchema = z
  .object({
    description: z.string().optional(),
    service: z.string().optional(),
    indicator: inlineIndicatorSchema.optional(),
    indicatorRef: z.string().optional(),
    timeWindow: z.union([timeWindowSchema, z.array(timeWindowSchema)]),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    objectives: z
      .array(objectiveSchema)
      .min(1, 'must list at least one objective'),
    alertPolicies: unsupported,
  })
  .strict();

export type SliSpec = z.infer<typeof sliSpecSchema>;
export type SloSpec = z.infer<typeof sloSpecSchema>;
export type ObjectiveSpec = z.infer<typeof objectiveSchema>;
export type MetricSourceSpec = z.infer<typeof metricSourceSchema>;
export type TimeWindowSpec = z.infer<typeof timeWindowSchema>;
