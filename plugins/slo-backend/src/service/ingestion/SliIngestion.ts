import { EventLoopSlicer } from '../../EventLoopSlicer';
import type { RequestsInFlight } from '../../RequestsInFlight';
import { parseSliBatchInSlices } from './parseSliBatch';
import {
  SliBatchTooLargeError,
  SliBatchValidationError,
} from './SliBatchError';
import { SliWriter } from './SliWriter';
import { writableMinutes } from './writableMinutes';

/** Options of {@link SliIngestion}. */
export interface SliIngestionOptions {
  writer: SliWriter;
  maxPoints: number;
  minuteRetentionMs: number;
  /** API requests that checking a batch gives way to; see EventLoopSlicer. */
  givesWayTo?: RequestsInFlight;
}

/**
 * Takes a batch of SLI points pushed to `POST /api/slo/v1/sli`: validates
 * all of it, then writes all of it in one transaction, or nothing. Writing a
 * point sets its minute bucket; a later point for the same SLO and minute in
 * the same batch wins.
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
    const slicer = new EventLoopSlicer({
      givesWayTo: this.options.givesWayTo,
    });
    const parsed = await parseSliBatchInSlices(
      body,
      writableMinutes(now, this.options.minuteRetentionMs),
      () => slicer.pause(),
    );
    if (!parsed.ok) {
      throw new SliBatchValidationError(
        parsed.issues,
        Array.isArray(count) ? count.length : 0,
      );
    }

    const { issues } = await this.options.writer.write(
      parsed.points,
      'all-or-nothing',
      now,
      () => slicer.pause(),
    );
    if (issues.length > 0) {
      throw new SliBatchValidationError(issues, parsed.points.length);
    }
    return { accepted: parsed.points.length };
  }
}
