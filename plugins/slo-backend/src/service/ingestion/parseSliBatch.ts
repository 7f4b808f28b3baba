import { MINUTE_MS, checkBucketCounts } from '@slo-kit/plugin-slo-common';
import { z } from 'zod';
import { SliPointIssue } from './SliBatchError';

/** How far in the future a timestamp may lie. */
export const MAX_FUTURE_SKEW_MS = 5 * MINUTE_MS;

const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Shape of the request body; counts are judged by `checkBucketCounts`. */
export const sliBatchSchema = z.object({
  points: z.array(
    z.object({
      slo: z.string().min(1).max(512),
      timestamp: z.string(),
      good: z.unknown(),
      total: z.unknown(),
    }),
  ),
});

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

/**
 * Validates an ingestion body without touching the store: shape, counts,
 * timestamps (ISO 8601, on a minute boundary, not more than five minutes ahead,
 * not older than minute retention). Every problem is reported, with the index
 * and field of the point.
 */
export function parseSliBatch(
  body: unknown,
  options: { now: number; oldestAccepted: number },
): ParsedSliBatch {
  const shape = sliBatchSchema.safeParse(body);
  if (!shape.success) {
    return {
      ok: false,
      issues: shape.error.issues.map(issue => {
        const [first, index, field] = issue.path;
        if (first === 'points' && typeof index === 'number') {
          return {
            index,
            field: field === undefined ? '(point)' : String(field),
            reason: issue.message,
          };
        }
        return {
          index: -1,
          field: issue.path.join('.') || '(body)',
          reason: issue.message,
        };
      }),
    };
  }

  const issues: SliPointIssue[] = [];
  const points: ParsedSliPoint[] = new Array(shape.data.points.length);
  const latestAccepted = options.now + MAX_FUTURE_SKEW_MS;
  shape.data.points.forEach((point, index) => {
    for (const reason of checkBucketCounts(point.good, point.total)) {
      issues.push({ index, field: fieldOfCountReason(reason), reason });
    }
    const bucketStart = ISO_TIMESTAMP.test(point.timestamp)
      ? Date.parse(point.timestamp)
      : NaN;
    if (Number.isNaN(bucketStart)) {
      issues.push({
        index,
        field: 'timestamp',
        reason: `must be an ISO 8601 date-time with a zone, e.g. 2026-01-10T12:00:00Z, got "${point.timestamp}"`,
      });
    } else if (bucketStart % MINUTE_MS !== 0) {
      issues.push({
        index,
        field: 'timestamp',
        reason: `must be on a minute boundary (seconds and milliseconds zero), got ${point.timestamp}`,
      });
    } else if (bucketStart > latestAccepted) {
      issues.push({
        index,
        field: 'timestamp',
        reason: `must not be more than 5 minutes in the future, got ${point.timestamp}`,
      });
    } else if (bucketStart < options.oldestAccepted) {
      issues.push({
        index,
        field: 'timestamp',
        reason: `is older than minute retention (oldest accepted: ${new Date(
          options.oldestAccepted,
        ).toISOString()}), got ${point.timestamp}`,
      });
    }
    points[index] = {
      slo: point.slo,
      bucketStart,
      good: point.good as number,
      total: point.total as number,
    };
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, points };
}
