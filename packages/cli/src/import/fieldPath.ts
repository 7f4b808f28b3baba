/**
 * A field path inside an input document, e.g. `['slos', 1, 'sli', 'raw']`;
 * written as `slos[1].sli.raw` by slo-common's `formatPath`.
 */
export type FieldPath = ReadonlyArray<string | number>;
