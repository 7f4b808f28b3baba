import { MINUTE_MS, checkBucketCounts } from '@slo-kit/plugin-slo-common';
import { z } from 'zod';
import { SliPointIssue } from './SliBatchError';
import { WritableMinutes, minuteOutOfRange } from './writableMinutes';

/** ISO 8601 date-time with a zone; groups: the calendar fields, then the zone. */
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Fields of a point; any other key is rejected, so a misspelt field is not silently dropped. */
const POINT_FIELDS = ['slo', 'timestamp', 'good', 'total'];

/** Shape of a point; counts are judged by `checkBucketCounts`. */
const sliPointSchema = z
  .object({
    slo: z.string().min(1).max(512),
    timestamp: z.string(),
    good: z.unknown(),
    total: z.unknown(),
  })
  .strict();

/** Shape of the request body around its points. */
const sliBatchEnvelopeSchema = z
  .object({ points: z.array(z.unknown()) })
  .strict();

/** Shape of a run of points, checked slice by slice. */
const sliPointsSchema = z.array(sliPointSchema);

/** Points checked per slice by {@link parseSliBatchInSlices}. */
const POINTS_PER_SLICE = 250;

/** A point that passed validation, timestamp in epoch ms. */
export interface ParsedSliPoint {
  slo: string;
  bucketStart: number;
  good: number;
  total: number;
}

/** Result of {@link parseSliBatch}. */
export type ParsedSliBatch =
  | { ok: true; points: ParsedSliPoint[] }
  | { ok: false; issues: SliPointIssue[] };

function fieldOfCountReason(reason: string): string {
  return reason.startsWith('total') ? 'total' : 'good';
}

/** The issues of one zod problem, located by point index and field. */
function shapeIssues(issue: z.ZodIssue): SliPointIssue[] {
  const [first, index, field] = issue.path;
  const pointIndex =
    first === 'points' && typeof index === 'number' ? index : -1;
  if (issue.code === 'unrecognized_keys') {
    const where = pointIndex >= 0 ? 'a point' : 'the body';
    const known = pointIndex >= 0 ? POINT_FIELDS.join(', ') : 'points';
    return issue.keys.map(key => ({
      index: pointIndex,
      field: key,
      reason: `is not a field of ${where} (fields: ${known})`,
    }));
  }
  if (pointIndex >= 0) {
    return [
      {
        index: pointIndex,
        field: field === undefined ? '(point)' : String(field),
        reason: issue.message,
      },
    ];
  }
  return [
    {
      index: -1,
      field: issue.path.join('.') || '(body)',
      reason: issue.message,
    },
  ];
}

/**
 * Reads an ISO 8601 date-time with a zone as epoch ms, or null when it is
 * malformed. Dates that do not exist (April 31, February 29 of a common year,
 * 24:00) are reported rather than rolled over into the next day or month: the
 * calendar fields written must be the ones of the instant they name.
 */
function parseTimestamp(
  timestamp: string,
): { ok: true; ms: number } | { ok: false; reason: string } {
  const match = ISO_TIMESTAMP.exec(timestamp);
  const ms = match ? Date.parse(timestamp) : NaN;
  if (!match || Number.isNaN(ms)) {
    return {
      ok: false,
      reason: `must be an ISO 8601 date-time with a zone, e.g. 2026-01-10T12:00:00Z, got "${timestamp}"`,
    };
  }
  const [, year, month, day, hour, minute, second = '00', zone] = match;
  // Every month has days 1 to 28 and every day hours 0 to 23: such fields
  // always name a real date-time, so only the others need the round trip.
  if (
    Number(day) <= 28 &&
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59
  ) {
    return { ok: true, ms };
  }
  const offsetMinutes =
    zone === 'Z'
      ? 0
      : (zone[0] === '-' ? -1 : 1) *
        (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  // The instant shifted back into the writer's zone shows the fields written.
  const local = new Date(ms + offsetMinutes * MINUTE_MS);
  const roundTrip = [
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  ];
  const written = [year, month, day, hour, minute, second].map(Number);
  if (roundTrip.some((value, i) => value !== written[i])) {
    return {
      ok: false,
      reason: `names a date-time that does not exist (${year}-${month}-${day}T${hour}:${minute}), got "${timestamp}"`,
    };
  }
  return { ok: true, ms };
}

/** Collects a batch's points and issues while its slices are parsed. */
class SliBatchParser {
  private readonly shapeIssues: SliPointIssue[] = [];
  private readonly valueIssues: SliPointIssue[] = [];
  private readonly points: ParsedSliPoint[];
  // A batch usually holds many SLOs' points of the same few minutes.
  private readonly timestamps = new Map<
    string,
    ReturnType<typeof parseTimestamp>
  >();

  constructor(count: number, private readonly options: WritableMinutes) {
    this.points = new Array(count);
  }

  /** Checks `slice`, the points of the batch from index `offset` on. */
  parseSlice(slice: unknown[], offset: number): void {
    const shape = sliPointsSchema.safeParse(slice);
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        const [index, ...rest] = issue.path;
        const path =
          typeof index === 'number'
            ? ['points', offset + index, ...rest]
            : ['points', ...issue.path];
        this.shapeIssues.push(...shapeIssues({ ...issue, path }));
      }
      return;
    }
    // Once a point is malformed only shape issues are reported.
    if (this.shapeIssues.length > 0) return;
    shape.data.forEach((point, sliceIndex) => {
      const index = offset + sliceIndex;
      this.points[index] = this.parsePoint(point, index);
    });
  }

  result(): ParsedSliBatch {
    if (this.shapeIssues.length > 0) {
      return { ok: false, issues: this.shapeIssues };
    }
    if (this.valueIssues.length > 0) {
      return { ok: false, issues: this.valueIssues };
    }
    return { ok: true, points: this.points };
  }

  private parsePoint(
    point: z.infer<typeof sliPointSchema>,
    index: number,
  ): ParsedSliPoint {
    const issues = this.valueIssues;
    for (const reason of checkBucketCounts(point.good, point.total)) {
      issues.push({ index, field: fieldOfCountReason(reason), reason });
    }
    let parsed = this.timestamps.get(point.timestamp);
    if (!parsed) {
      parsed = parseTimestamp(point.timestamp);
      this.timestamps.set(point.timestamp, parsed);
    }
    const bucketStart = parsed.ok ? parsed.ms : NaN;
    if (!parsed.ok) {
      issues.push({ index, field: 'timestamp', reason: parsed.reason });
    } else if (bucketStart % MINUTE_MS !== 0) {
      issues.push({
        index,
        field: 'timestamp',
        reason: `must be on a minute boundary (seconds and milliseconds zero), got ${point.timestamp}`,
      });
    } else {
      const reason = minuteOutOfRange(
        bucketStart,
        this.options,
        point.timestamp,
      );
      if (reason) issues.push({ index, field: 'timestamp', reason });
    }
    return {
      slo: point.slo,
      bucketStart,
      good: point.good as number,
      total: point.total as number,
    };
  }
}

/**
 * Validates an ingestion body without touching the store: shape (no unknown
 * fields), counts (see `checkBucketCounts`), timestamps (ISO 8601 with a zone,
 * a date-time that exists, on a minute boundary, among the writable minutes
 * `options`). Every problem is reported, with the index and field of the
 * point; when a point is malformed, only the malformed points are.
 */
export function parseSliBatch(
  body: unknown,
  options: WritableMinutes,
): ParsedSliBatch {
  const envelope = sliBatchEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    return { ok: false, issues: envelope.error.issues.flatMap(shapeIssues) };
  }
  const parser = new SliBatchParser(envelope.data.points.length, options);
  parser.parseSlice(envelope.data.points, 0);
  return parser.result();
}

/**
 * {@link parseSliBatch} a slice of points at a time, calling `pause`
 * between slices, so that a batch of thousands of points lets other
 * requests in while it is checked.
 */
export async function parseSliBatchInSlices(
  body: unknown,
  options: WritableMinutes,
  pause: () => Promise<void>,
): Promise<ParsedSliBatch> {
  const envelope = sliBatchEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    return { ok: false, issues: envelope.error.issues.flatMap(shapeIssues) };
  }
  const { points } = envelope.data;
  const parser = new SliBatchParser(points.length, options);
  for (let offset = 0; offset < points.length; offset += POINTS_PER_SLICE) {
    if (offset > 0) await pause();
    parser.parseSlice(points.slice(offset, offset + POINTS_PER_SLICE), offset);
  }
  return parser.result();
}
