import { DatabaseSloStore } from '../../database/DatabaseSloStore';
import { MinuteBucketRow } from '../../database/types';
import { parseSliBatch } from './parseSliBatch';
import {
  SliBatchTooLargeError,
  SliBatchValidationError,
} from './SliBatchError';

/** Options of {@link SliIngestion}. */
export interface SliIngestionOptions {
  store: DatabaseSloStore;
  maxPoints: number;
  minuteRetentionMs: number;
}

/**
 * Takes a batch of SLI points: validates all of it, then writes all of it in
 * one transaction, or nothing. Writing a point sets its minute bucket; a later
 * point for the same SLO and minute in the same batch wins.
 */
export class SliIngestion {
  constructor(private readonly options: SliIngestionOptions) {}

  async ingest(body: unknown, now: number): Promise<{ accepted: number }> {
    const count = (body as { points?: unknown })?.points;
    if (Array.isArray(count) && count.length > this.options.maxPoints) {
      throw new SliBatchTooLargeError(
        `A batch may hold at most ${this.options.maxPoints} points, got ${count.length}; split it into smaller batches`,
      );
    }
    const parsed = parseSliBatch(body, {
      now,
      oldestAccepted: now - this.options.minuteRetentionMs,
    });
    if (!parsed.ok) {
      throw new SliBatchValidationError(
        parsed.issues,
        Array.isArray(count) ? count.length : 0,
      );
    }

    const ids = [...new Set(parsed.points.map(p => p.slo))];
    const keys = await this.options.store.resolveLiveSloKeys(ids);
    const unknownIssues = parsed.points.flatMap((point, index) =>
      keys.has(point.slo)
        ? []
        : [
            {
              index,
              field: 'slo',
              reason: `unknown SLO "${point.slo}": register it or add it to the entity's OpenSLO file (id format: <entity ref>#<slo name>)`,
            },
          ],
    );
    if (unknownIssues.length > 0) {
      throw new SliBatchValidationError(unknownIssues, parsed.points.length);
    }

    const rows: MinuteBucketRow[] = parsed.points.map(point => ({
      sloKey: keys.get(point.slo)!,
      bucketStart: point.bucketStart,
      good: point.good,
      total: point.total,
    }));
    await this.options.store.writeMinuteBuckets(dedupeKeepingLast(rows));
    return { accepted: parsed.points.length };
  }
}

/** Keeps the last row of each (SLO, minute), since a write sets the bucket. */
function dedupeKeepingLast(rows: MinuteBucketRow[]): MinuteBucketRow[] {
  const byKey = new Map<string, MinuteBucketRow>();
  for (const row of rows) {
    byKey.set(`${row.sloKey}:${row.bucketStart}`, row);
  }
  return byKey.size === rows.length ? rows : [...byKey.values()];
}
