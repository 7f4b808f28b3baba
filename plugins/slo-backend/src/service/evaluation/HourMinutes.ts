import { HOUR_MS, MINUTE_MS, MinuteBucket } from '@slo-kit/plugin-slo-common';
import { EngineInput } from './EngineInput';

const MINUTES_PER_HOUR = HOUR_MS / MINUTE_MS;

/**
 * The stored minutes of one hour of one SLO, from its minute `from` to the
 * hour's end, as the evaluator holds them between cycles.
 *
 * The counts live in one typed array indexed by minute of the hour (a
 * minute without a row holds NaN), not as an object per minute: the cache
 * of thousands of SLOs holds hundreds of minutes each, and the garbage
 * collector then has one object per hour to trace instead of sixty.
 */
export class HourMinutes {
  /** `good` of minute i at i, `total` at i + 60; NaN where no row is stored. */
  private readonly counts = new Float64Array(2 * MINUTES_PER_HOUR).fill(NaN);

  /**
   * @param hour - start of the hour
   * @param from - first minute held; the hour's start when the whole hour is held
   * @param minutes - the stored minutes of `[from, hour end)`
   */
  constructor(
    readonly hour: number,
    readonly from: number,
    minutes: Iterable<MinuteBucket>,
  ) {
    this.set(minutes);
  }

  /** True when every minute of the hour is held. */
  get whole(): boolean {
    return this.from <= this.hour;
  }

  /** Sets the given minutes (a changed minute replaces the held one). */
  set(minutes: Iterable<MinuteBucket>): void {
    for (const minute of minutes) {
      const index = this.indexOf(minute.start);
      this.counts[index] = minute.good;
      this.counts[index + MINUTES_PER_HOUR] = minute.total;
    }
  }

  /** Adds the held minutes with a stored row, in order, to `input`. */
  addTo(input: EngineInput): EngineInput {
    const { counts } = this;
    for (let i = 0; i < MINUTES_PER_HOUR; i++) {
      const total = counts[i + MINUTES_PER_HOUR];
      if (!Number.isNaN(total)) {
        input.addMinute(this.hour + i * MINUTE_MS, counts[i], total);
      }
    }
    return input;
  }

  /** The held minutes with a stored row, in order, as new objects. */
  buckets(): MinuteBucket[] {
    return this.addTo(new EngineInput()).minutes;
  }

  /** Start of the newest held minute with data (`total > 0`), or null. */
  newestWithData(): number | null {
    for (let i = MINUTES_PER_HOUR - 1; i >= 0; i--) {
      if (this.counts[i + MINUTES_PER_HOUR] > 0) {
        return this.hour + i * MINUTE_MS;
      }
    }
    return null;
  }

  private indexOf(start: number): number {
    const index = (start - this.hour) / MINUTE_MS;
    if (
      !Number.isInteger(index) ||
      index < 0 ||
      index >= MINUTES_PER_HOUR ||
      start < this.from
    ) {
      throw new Error(
        `minute ${new Date(
          start,
        ).toISOString()} is not a held minute of the hour starting ${new Date(
          this.hour,
        ).toISOString()} (held from ${new Date(this.from).toISOString()})`,
      );
    }
    return index;
  }
}
