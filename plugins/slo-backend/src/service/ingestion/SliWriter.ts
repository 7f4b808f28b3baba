import { MINUTE_MS, checkBucketCounts } from '@slo-kit/plugin-slo-common';
import type {
  MinuteBucketRow,
  SliDataStore,
  SloDefinitionStore,
} from '@slo-kit/plugin-slo-node';
import { lastRowPerMinute } from './lastRowPerMinute';
import { SliPointIssue } from './SliBatchError';
import {
  WritableMinutes,
  minuteOutOfRange,
  writableMinutes,
} from './writableMinutes';

/** One minute of SLI data of one SLO, named by the SLO's public id. */
export interface SliPoint {
  /** SLO id, `<entity ref>#<slo name>`. */
  slo: string;
  /** Epoch ms on a minute boundary. */
  bucketStart: number;
  good: number;
  total: number;
}

/**
 * What to do with a batch holding invalid points: write nothing
 * (`all-or-nothing`, for pushed batches) or write the valid points
 * (`drop-invalid`, for points pulled from an SLI source).
 */
export type SliWritePolicy = 'all-or-nothing' | 'drop-invalid';

/** Outcome of {@link SliWriter.write}. */
export interface SliWriteResult {
  /** Minute buckets written, after repeated (SLO, minute) points were merged. */
  written: number;
  /** Every invalid point, by index in the batch; empty when all were valid. */
  issues: SliPointIssue[];
}

/** Points checked between two calls of a writer's `pause`. */
const POINTS_PER_SLICE = 500;

/** Why a point cannot be written, one issue per problem. */
function pointIssues(
  point: SliPoint,
  index: number,
  range: WritableMinutes | undefined,
): SliPointIssue[] {
  const issues: SliPointIssue[] = checkBucketCounts(
    point.good,
    point.total,
  ).map(reason => ({
    index,
    field: reason.startsWith('total') ? 'total' : 'good',
    reason,
  }));
  if (
    !Number.isSafeInteger(point.bucketStart) ||
    point.bucketStart % MINUTE_MS !== 0
  ) {
    issues.push({
      index,
      field: 'bucketStart',
      reason: `must be epoch milliseconds on a minute boundary, got ${point.bucketStart}`,
    });
  } else if (range) {
    const reason = minuteOutOfRange(point.bucketStart, range);
    if (reason) issues.push({ index, field: 'bucketStart', reason });
  }
  return issues;
}

/**
 * The one path SLI data takes into the store, for pushed batches and pulled
 * sources alike: checks each point's counts and minute (with
 * `minuteRetentionMs`, also that the minute is writable: in an hour minute
 * retention keeps whole, at most five minutes ahead), resolves SLO ids to
 * live SLOs, keeps the last point of each (SLO, minute) and writes all
 * minutes in one transaction. Writing a minute sets it; it never adds.
 */
export class SliWriter {
  constructor(
    private readonly stores: {
      definitions: SloDefinitionStore;
      sliData: SliDataStore;
      /** Minute retention; when set, only writable minutes are written. */
      minuteRetentionMs?: number;
    },
  ) {}

  /**
   * Checks and writes `points`. `pause`, when given, is called between
   * slices of {@link POINTS_PER_SLICE} points, so a caller can let other
   * work through the event loop while a large batch is checked.
   */
  async write(
    points: SliPoint[],
    policy: SliWritePolicy,
    now: number = Date.now(),
    pause: () => Promise<void> = async () => {},
  ): Promise<SliWriteResult> {
    const { minuteRetentionMs } = this.stores;
    const range =
      minuteRetentionMs === undefined
        ? undefined
        : writableMinutes(now, minuteRetentionMs);
    const issues: SliPointIssue[] = [];
    const invalid = new Set<number>();
    for (let index = 0; index < points.length; index++) {
      if (index > 0 && index % POINTS_PER_SLICE === 0) await pause();
      const found = pointIssues(points[index], index, range);
      if (found.length > 0) {
        invalid.add(index);
        issues.push(...found);
      }
    }

    const ids = [...new Set(points.map(p => p.slo))];
    const keys = await this.stores.definitions.resolveLiveSloKeys(ids);
    const rows: MinuteBucketRow[] = [];
    for (let index = 0; index < points.length; index++) {
      if (index > 0 && index % POINTS_PER_SLICE === 0) await pause();
      const point = points[index];
      const sloKey = keys.get(point.slo);
      if (sloKey === undefined) {
        invalid.add(index);
        issues.push({
          index,
          field: 'slo',
          reason: `unknown SLO "${point.slo}": register it or add it to the entity's OpenSLO file (id format: <entity ref>#<slo name>)`,
        });
      } else if (!invalid.has(index)) {
        rows.push({
          sloKey,
          bucketStart: point.bucketStart,
          good: point.good,
          total: point.total,
        });
      }
    }
    issues.sort((a, b) => a.index - b.index);

    if (issues.length > 0 && policy === 'all-or-nothing') {
      return { written: 0, issues };
    }
    await pause();
    const unique = lastRowPerMinute(rows);
    await this.stores.sliData.writeMinuteBuckets(unique);
    return { written: unique.length, issues };
  }
}
