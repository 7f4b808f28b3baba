import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BURN_WINDOW_HORIZON_MS,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  HourRollup,
  MinuteBucket,
  burnWindowEdgeOffsetsMs,
  ceilToHour,
  computeHourRollup,
  evaluateSlo,
  floorToHour,
  floorToMinute,
  resolveWindow,
} from '@slo-kit/plugin-slo-common';
import { randomUUID } from 'node:crypto';
import { MAX_FUTURE_SKEW_MS } from '../ingestion/writableMinutes';
import type {
  DirtyHour,
  HourRollupRow,
  JobStateStore,
  RollupSpan,
  SliDataStore,
  SloDefinitionStore,
  SloStatusRow,
  SloStatusStore,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import { chunk } from '../../database/sql/batchSizes';
import { errorStatus } from './errorStatus';
import { EventLoopSlicer } from '../../EventLoopSlicer';
import type { RequestsInFlight } from '../../RequestsInFlight';
import { WriteQueue } from './WriteQueue';
import { HourMinutes } from './HourMinutes';
import type { EvaluatedSlo, SloStatusListener } from './SloStatusListener';
import { statusRowOf } from './statusRow';
import { minuteRetentionCut } from './minuteRetention';
import { RollupPlan, planRollups } from './rollupSpans';
import { HeldRollups } from './HeldRollups';
import { EngineInput } from './EngineInput';

/** Offsets from now whose hours the engine reads minute by minute (burn-window edges). */
const EDGE_OFFSETS_MS = burnWindowEdgeOffsetsMs();

const CYCLE_STATE_KEY = 'evaluation.lastCycle';

/** Status rows per write by default: written while the next SLOs are evaluated. */
const STATUS_WRITE_BATCH = 1_000;

/**
 * SLOs whose stored data one read loads into the cache: the rows a read
 * returns are garbage once held in the cache, and reads of a bounded number
 * of SLOs keep that garbage short-lived however many SLOs there are.
 */
const SLOS_PER_LOAD = 2_000;

/**
 * What a cache entry was built from: the definition (its `updatedAt`) and the
 * stored history (its `historyRevision`, raised when a backfill rewrote it).
 */
function cacheRevisionOf(definition: StoredSloDefinition): string {
  return `${definition.updatedAt}:${definition.historyRevision}`;
}

/** What the evaluator keeps in memory about one SLO between cycles. */
interface CachedSlo {
  /** {@link cacheRevisionOf} the definition the cache was built for. */
  revision: string;
  /** Hourly rollups, and whole UTC days where no range the engine reads cuts the day. */
  rollups: HeldRollups;
  /** Minutes of the hours the engine reads minute by minute. */
  minutesByHour: Map<number, HourMinutes>;
  /**
   * Start of the newest minute with data (`total > 0`) not before the
   * retention cut, or null when there is none; undefined while unknown (the
   * SLO was just loaded or the minute was emptied), until settled before
   * evaluation.
   */
  lastDataMinute: number | null | undefined;
}

/** What a cycle works out once per SLO before touching data; throws for a broken definition. */
interface SloFrame {
  definition: StoredSloDefinition;
  plan: RollupPlan;
  /** Start of the SLO window at the cycle's instant. */
  windowStart: number;
  /** Edge hours the engine reads minute by minute, each with its first minute. */
  edgeHours: Map<number, number>;
}

/** Figures of one evaluation cycle, for logs and benchmarks. */
export interface EvaluationCycleResult {
  /** True when the in-memory cache had to be (re)built from the database. */
  coldStart: boolean;
  evaluated: number;
  /** SLOs that could not be evaluated and got status `error`. */
  failed: number;
  dirtyHours: number;
  rollupsWritten: number;
  durationMs: number;
}

/** Options of {@link SloEvaluator}. */
export interface SloEvaluatorOptions {
  definitions: SloDefinitionStore;
  sliData: SliDataStore;
  statuses: SloStatusStore;
  jobs: JobStateStore;
  logger: LoggerService;
  minuteRetentionMs: number;
  /** Told about each cycle's statuses once written (owner notifications). */
  statusListener?: SloStatusListener;
  /** Status rows per write (default 1,000). */
  statusWriteBatch?: number;
  /** API requests a cycle gives way to between its slices; see EventLoopSlicer. */
  givesWayTo?: RequestsInFlight;
}

/**
 * Recomputes hourly rollups for the hours whose minutes changed (from the
 * dirty marks ingestion writes) and evaluates every live SLO with the engine
 * from rollups plus minute tails, writing one status row per SLO.
 *
 * Between cycles it keeps each SLO's rollups and edge-hour minutes in memory,
 * so a cycle in which only the latest minute changed reads only that minute.
 * Whole days that only the SLO window reaches are read and held as daily
 * rollups (see {@link planRollups}), and edge hours only from the first
 * minute a range needs, which keeps a cold start's reads and memory small.
 * The cache is dropped whenever another instance ran a cycle in between (the
 * job is global, so replicas take turns), or started one while this cycle
 * read the changed hours or before it ended; an SLO's entry is rebuilt when
 * its definition changed.
 */
export class SloEvaluator {
  private readonly cache = new Map<number, CachedSlo>();
  private readonly instanceId = randomUUID();
  /** What the engine reads for the SLO being evaluated; see EngineInput. */
  private readonly engineInput = new EngineInput();
  private cycleCounter = 0;

  constructor(private readonly options: SloEvaluatorOptions) {}

  async runCycle(now: number = Date.now()): Promise<EvaluationCycleResult> {
    const started = performance.now();
    const { jobs, sliData } = this.options;
    const at = floorToMinute(now);

    const lastCycle = await jobs.getJobState(CYCLE_STATE_KEY);
    const myLastCycle =
      this.cycleCounter > 0 ? `${this.instanceId}:${this.cycleCounter}` : '';
    let coldStart = lastCycle === undefined || lastCycle !== myLastCycle;
    if (coldStart) {
      this.cache.clear();
    }
    // Marked as started, so that a cycle another replica runs at the same
    // time (the scheduler let it start after a timeout) is seen below.
    const myStart = `${this.instanceId}:${this.cycleCounter + 1}:started`;
    await jobs.setJobState(CYCLE_STATE_KEY, myStart);

    const definitions = await this.options.definitions.listActiveDefinitions();
    const live = new Set(definitions.map(d => d.sloKey));
    for (const key of this.cache.keys()) {
      if (!live.has(key)) this.cache.delete(key);
    }

    // Each SLO is isolated: one whose definition or data makes the engine
    // throw gets status `error`, and every other SLO is still evaluated.
    const failures = new Map<number, unknown>();
    const frames = new Map<number, SloFrame>();
    const slicer = new EventLoopSlicer({
      givesWayTo: this.options.givesWayTo,
    });
    for (const definition of definitions) {
      await slicer.pause();
      try {
        frames.set(definition.sloKey, this.frameOf(definition, at));
      } catch (error) {
        failures.set(definition.sloKey, error);
      }
    }
    const byKey = new Map(
      definitions
        .filter(d => frames.has(d.sloKey))
        .map(d => [d.sloKey, d] as const),
    );

    // Hours before the retention cut are never rebuilt: retention may have
    // deleted their minutes, and a rebuild would drop what the rollup counted.
    const cut = minuteRetentionCut(at, this.options.minuteRetentionMs);
    const dirty = await sliData.readDirtyHours();
    const liveDirty = dirty.filter(
      d => byKey.has(d.sloKey) && d.hourStart >= cut,
    );
    // Another cycle started since this one did: it may have cleared marks
    // of changes this cache has not seen, so everything is read again.
    if (!coldStart && (await jobs.getJobState(CYCLE_STATE_KEY)) !== myStart) {
      coldStart = true;
      this.cache.clear();
    }

    // SLOs without a cache entry, or whose definition changed, are loaded in bulk.
    const toLoad = [...frames.values()].filter(({ definition: d }) => {
      const cached = this.cache.get(d.sloKey);
      return !cached || cached.revision !== cacheRevisionOf(d);
    });
    await this.loadIntoCache(toLoad);

    const { rollupsWritten, rollupWrite } = await this.recomputeDirtyHours(
      liveDirty,
      frames,
      failures,
      slicer,
    );
    // The rollups, then the statuses, are written while the next SLOs are
    // evaluated: the database works while this process computes.
    const writes = new WriteQueue();
    writes.alongside(rollupWrite);
    let evaluated: EvaluatedSlo[];
    try {
      await this.maintainDaySpans(this.framesWithout(frames, failures));
      await this.refreshEdgeHours(this.framesWithout(frames, failures));
      await this.settleLastDataMinutes(cut, at);
      evaluated = await this.evaluateAll(definitions, frames, failures, {
        at,
        now,
        cut,
        writes,
        slicer,
      });
    } catch (error) {
      // Let started writes end before the cycle fails, and say if one failed.
      const writeFailure = await writes.settled();
      if (writeFailure) {
        this.options.logger.error(
          'SLO evaluation failed, and a write it had started failed too',
          asError(writeFailure.error),
        );
      }
      throw error;
    }
    await writes.finished();
    await sliData.clearDirtyHours(dirty);

    // Marked as ended only if no other cycle started since this one did;
    // otherwise the other cycle's mark stays, and the next cycle here reads
    // everything again (the other may have cleared marks this one never saw).
    this.cycleCounter += 1;
    await jobs.replaceJobState(
      CYCLE_STATE_KEY,
      myStart,
      `${this.instanceId}:${this.cycleCounter}`,
    );
    await this.tellListener(evaluated);

    const result: EvaluationCycleResult = {
      coldStart,
      evaluated: evaluated.length,
      failed: failures.size,
      dirtyHours: liveDirty.length,
      rollupsWritten,
      durationMs: performance.now() - started,
    };
    this.options.logger.debug(
      `SLO evaluation: ${result.evaluated} SLOs (${result.failed} failed), ${
        result.dirtyHours
      } changed hours, ${result.rollupsWritten} rollups written in ${Math.round(
        result.durationMs,
      )} ms${coldStart ? ' (cache rebuilt)' : ''}`,
    );
    return result;
  }

  /**
   * Evaluates every SLO and queues its status row on `writes`, in batches,
   * so the database writes one batch while the next is computed. An SLO
   * that cannot be evaluated gets status `error`; the others go on.
   */
  private async evaluateAll(
    definitions: StoredSloDefinition[],
    frames: Map<number, SloFrame>,
    failures: Map<number, unknown>,
    cycle: {
      at: number;
      now: number;
      cut: number;
      writes: WriteQueue;
      slicer: EventLoopSlicer;
    },
  ): Promise<EvaluatedSlo[]> {
    const { at, now, cut, writes, slicer } = cycle;
    const evaluated: EvaluatedSlo[] = [];
    let batch: SloStatusRow[] = [];
    const writeBatch = () => {
      const rows = batch;
      batch = [];
      writes.add(() => this.options.statuses.writeStatuses(rows));
    };
    for (const definition of definitions) {
      await slicer.pause();
      const status = this.statusOf(definition, frames, failures, {
        at,
        now,
        cut,
      });
      batch.push(status);
      evaluated.push({ definition, status });
      if (
        batch.length >= (this.options.statusWriteBatch ?? STATUS_WRITE_BATCH)
      ) {
        writeBatch();
      }
    }
    writeBatch();
    return evaluated;
  }

  /** The status of one SLO: evaluated, or `error` (logged) when that fails. */
  private statusOf(
    definition: StoredSloDefinition,
    frames: Map<number, SloFrame>,
    failures: Map<number, unknown>,
    cycle: { at: number; now: number; cut: number },
  ): SloStatusRow {
    const { at, now, cut } = cycle;
    const frame = frames.get(definition.sloKey);
    if (frame && !failures.has(definition.sloKey)) {
      try {
        const cached = this.cache.get(definition.sloKey)!;
        return this.evaluate(frame, cached, at, now, cut);
      } catch (error) {
        failures.set(definition.sloKey, error);
      }
    }
    const error = failures.get(definition.sloKey);
    // Rebuilt from the store next cycle, in case it holds a partial update.
    this.cache.delete(definition.sloKey);
    this.options.logger.error(
      `SLO ${definition.id} could not be evaluated; its status is "error"`,
      asError(error),
    );
    return errorStatus(definition, now, error);
  }

  /**
   * Hands the written statuses to the listener. The cycle's work is done and
   * stored by then, so a failing listener is logged, never the cycle's error.
   */
  private async tellListener(evaluated: EvaluatedSlo[]): Promise<void> {
    const { statusListener, logger } = this.options;
    if (!statusListener) return;
    try {
      await statusListener.statusesWritten(evaluated);
    } catch (error) {
      logger.error(
        'SLO evaluation wrote every status, but handling the status changes failed; they are looked at again next cycle',
        asError(error),
      );
    }
  }

  /**
   * Which rollups the engine may use for this SLO at `at` and at what
   * granularity, and the hours it reads minute by minute, each with the first
   * minute it needs: a range that starts inside an hour needs that hour's
   * minutes from its start on, the current hour needs all of them.
   */
  private frameOf(definition: StoredSloDefinition, at: number): SloFrame {
    const window = resolveWindow(definition.definition.timeWindow, at);
    const plan = planRollups({
      windowStart: window.start,
      burnWindowStart: at - BURN_WINDOW_HORIZON_MS,
      at,
    });
    const oldestMinute = at - this.options.minuteRetentionMs;
    const edgeHours = new Map<number, number>();
    const want = (from: number) => {
      const hour = floorToHour(from);
      if (hour + HOUR_MS <= oldestMinute) return;
      const known = edgeHours.get(hour);
      edgeHours.set(hour, known === undefined ? from : Math.min(known, from));
    };
    want(floorToHour(at));
    for (const offset of EDGE_OFFSETS_MS) want(at - offset);
    want(window.start);
    return { definition, plan, windowStart: window.start, edgeHours };
  }

  private framesWithout(
    frames: Map<number, SloFrame>,
    failures: Map<number, unknown>,
  ): SloFrame[] {
    return [...frames.values()].filter(f => !failures.has(f.definition.sloKey));
  }

  private async loadIntoCache(frames: SloFrame[]): Promise<void> {
    if (frames.length === 0) return;
    const { sliData } = this.options;
    // SLOs with the same window share their reads.
    const groups = new Map<string, { plan: RollupPlan; keys: number[] }>();
    for (const { definition, plan } of frames) {
      const id = `${plan.from}:${plan.dayFrom}:${plan.dayTo}:${plan.to}`;
      const group = groups.get(id) ?? { plan, keys: [] };
      group.keys.push(definition.sloKey);
      groups.set(id, group);
    }
    const rollupsByKey = new Map<number, HeldRollups>();
    for (const { plan, keys: groupKeys } of groups.values()) {
      for (const keys of chunk(groupKeys, SLOS_PER_LOAD)) {
        const parts = [
          await sliData.readRollupSpans('hour', plan.from, plan.dayFrom, keys),
          await sliData.readRollupSpans('day', plan.dayFrom, plan.dayTo, keys),
          await sliData.readRollupSpans('hour', plan.dayTo, plan.to, keys),
        ];
        for (const key of keys) {
          const rollups: RollupSpan[] = [];
          for (const part of parts) {
            for (const span of part.get(key) ?? []) rollups.push(span);
          }
          rollupsByKey.set(key, new HeldRollups(rollups));
        }
      }
    }
    for (const { definition } of frames) {
      this.cache.set(definition.sloKey, {
        revision: cacheRevisionOf(definition),
        rollups: rollupsByKey.get(definition.sloKey) ?? new HeldRollups(),
        minutesByHour: new Map(),
        // Settled once the current hour's minutes are cached.
        lastDataMinute: undefined,
      });
    }
  }

  /**
   * Keeps every cached day entry clear of the ranges' edges as time moves:
   * a day the window's start now falls inside is split back into its hours
   * (read from the store), and whole days of hourly rollups that slid out of
   * every burn-rate window are summed into one entry.
   */
  private async maintainDaySpans(frames: SloFrame[]): Promise<void> {
    const toSplit = new Map<number, number[]>();
    for (const { definition, plan, windowStart } of frames) {
      const cached = this.cache.get(definition.sloKey)!;
      cached.rollups.mergeDays(plan);
      const firstWholeHour = ceilToHour(windowStart);
      const span = cached.rollups.entryAt(firstWholeHour);
      if (span && span.durationMs > HOUR_MS && span.start < firstWholeHour) {
        const keys = toSplit.get(span.start) ?? [];
        keys.push(definition.sloKey);
        toSplit.set(span.start, keys);
      }
    }
    for (const [day, keys] of toSplit) {
      const hours = await this.options.sliData.readRollupSpans(
        'hour',
        day,
        day + DAY_MS,
        keys,
      );
      for (const key of keys) {
        this.cache.get(key)!.rollups.replace(day, hours.get(key) ?? []);
      }
    }
  }

  /** Loads the minutes of edge hours not yet cached and forgets those no longer needed. */
  private async refreshEdgeHours(frames: SloFrame[]): Promise<void> {
    const missing = new Map<
      string,
      { hour: number; from: number; keys: number[] }
    >();
    for (const { definition, edgeHours: wanted } of frames) {
      const cached = this.cache.get(definition.sloKey)!;
      for (const hour of cached.minutesByHour.keys()) {
        if (!wanted.has(hour)) cached.minutesByHour.delete(hour);
      }
      for (const [hour, from] of wanted) {
        const held = cached.minutesByHour.get(hour);
        if (!held || held.from > from) {
          const id = `${hour}:${from}`;
          const group = missing.get(id) ?? { hour, from, keys: [] };
          group.keys.push(definition.sloKey);
          missing.set(id, group);
        }
      }
    }
    for (const { hour, from, keys: groupKeys } of missing.values()) {
      for (const keys of chunk(groupKeys, SLOS_PER_LOAD)) {
        const series = await this.options.sliData.readMinuteSeries(
          from,
          hour + HOUR_MS,
          keys,
        );
        for (const [key, minutes] of series) {
          this.cache
            .get(key)!
            .minutesByHour.set(hour, new HourMinutes(hour, from, minutes));
        }
      }
    }
  }

  /** Recomputes (never increments) the rollup of every dirty hour and keeps the cache in step. */
  private async recomputeDirtyHours(
    dirty: DirtyHour[],
    frames: Map<number, SloFrame>,
    failures: Map<number, unknown>,
    slicer: EventLoopSlicer,
  ): Promise<{ rollupsWritten: number; rollupWrite: Promise<void> }> {
    if (dirty.length === 0) {
      return { rollupsWritten: 0, rollupWrite: Promise.resolve() };
    }
    const { sliData } = this.options;

    // Hours whose every minute is cached only need the minutes that changed;
    // group those reads by range so one query serves every SLO written in the
    // same minutes. Other hours are read whole.
    const partialReads = new Map<string, DirtyHour[]>();
    const fullReads = new Map<number, DirtyHour[]>();
    for (const d of dirty) {
      const held = this.cache.get(d.sloKey)?.minutesByHour.get(d.hourStart);
      if (held?.whole) {
        const rangeKey = `${d.firstBucket}:${d.lastBucket}`;
        const list = partialReads.get(rangeKey) ?? [];
        list.push(d);
        partialReads.set(rangeKey, list);
      } else {
        const list = fullReads.get(d.hourStart) ?? [];
        list.push(d);
        fullReads.set(d.hourStart, list);
      }
    }

    // A cached hour's minutes are made into objects when its rollup is
    // computed, one hour at a time, into the reused engine input.
    const minutesOf = new Map<string, MinuteBucket[] | HourMinutes>();
    const slot = (key: number, hour: number) => `${key}:${hour}`;

    for (const group of partialReads.values()) {
      const { firstBucket, lastBucket } = group[0];
      const changed = await sliData.readMinuteSeries(
        firstBucket,
        lastBucket + MINUTE_MS,
        group.map(d => d.sloKey),
      );
      for (const d of group) {
        await slicer.pause();
        const held = this.cache.get(d.sloKey)!.minutesByHour.get(d.hourStart)!;
        held.set(changed.get(d.sloKey) ?? []);
        minutesOf.set(slot(d.sloKey, d.hourStart), held);
      }
    }

    for (const [hour, group] of fullReads) {
      const series = await sliData.readMinuteSeries(
        hour,
        hour + HOUR_MS,
        group.map(d => d.sloKey),
      );
      for (const [key, minutes] of series) {
        minutesOf.set(slot(key, hour), minutes);
        // A cached part of this hour is replaced by the whole, fresher hour.
        const cached = this.cache.get(key);
        if (cached?.minutesByHour.has(hour)) {
          cached.minutesByHour.set(hour, new HourMinutes(hour, hour, minutes));
        }
      }
    }

    const rollupRows: HourRollupRow[] = [];
    const staleDays = new Map<number, number[]>();
    for (const d of dirty) {
      await slicer.pause();
      const frame = frames.get(d.sloKey);
      if (!frame || failures.has(d.sloKey)) continue;
      const source = minutesOf.get(slot(d.sloKey, d.hourStart)) ?? [];
      const minutes =
        source instanceof HourMinutes
          ? source.addTo(this.engineInput.reset()).minutes
          : source;
      let rollup: HourRollup;
      try {
        rollup = computeHourRollup(
          frame.definition.definition,
          d.hourStart,
          minutes,
        );
      } catch (error) {
        failures.set(d.sloKey, error);
        continue;
      }
      const cachedSlo = this.cache.get(d.sloKey);
      if (cachedSlo) trackLastDataMinute(cachedSlo, d.hourStart, minutes);
      const { start: _start, ...counts } = rollup;
      rollupRows.push({ sloKey: d.sloKey, hourStart: d.hourStart, ...counts });
      // Every hour of the ranges the engine reads is cached (the current one
      // too: it is what the next hours read), also an hour older than the
      // oldest rollup loaded, which had no data then.
      const cached = this.cache.get(d.sloKey);
      if (cached && d.hourStart >= frame.plan.from) {
        const staleDay = cached.rollups.upsertHour({
          ...rollup,
          durationMs: HOUR_MS,
        });
        if (staleDay !== undefined) {
          const keys = staleDays.get(staleDay) ?? [];
          keys.push(d.sloKey);
          staleDays.set(staleDay, keys);
        }
      }
    }
    const rollupWrite = sliData.writeRollups(
      rollupRows.filter(row => !failures.has(row.sloKey)),
    );
    if (staleDays.size === 0) {
      return { rollupsWritten: rollupRows.length, rollupWrite };
    }

    // Late data in an hour held inside a day entry: take the day's new sums.
    await rollupWrite;
    for (const [day, keys] of staleDays) {
      const unique = [...new Set(keys)];
      const days = await sliData.readRollupSpans(
        'day',
        day,
        day + DAY_MS,
        unique,
      );
      for (const key of unique) {
        this.cache.get(key)!.rollups.replace(day, days.get(key) ?? []);
      }
    }
    return { rollupsWritten: rollupRows.length, rollupWrite };
  }

  /**
   * The newest minute with data of each SLO, at or after `cut`. Most SLOs
   * have data in the last two hours, so those are read first; only the SLOs
   * without any there are looked for further back.
   */
  private async readNewestDataMinutes(
    keys: number[],
    cut: number,
    at: number,
  ): Promise<Map<number, number>> {
    const { sliData } = this.options;
    const recentFrom = Math.max(cut, floorToHour(at) - HOUR_MS);
    const newest = await sliData.readLatestBucketStarts(keys, recentFrom);
    const quiet = keys.filter(key => !newest.has(key));
    if (quiet.length > 0 && recentFrom > cut) {
      const older = await sliData.readLatestBucketStarts(quiet, cut);
      for (const [key, minute] of older) newest.set(key, minute);
    }
    return newest;
  }

  /**
   * Settles the newest minute with data of SLOs where it is unknown (just
   * loaded, or its minute was emptied). The current hour's minutes are
   * cached in full, so an SLO with data in it needs no read, unless points
   * written a few minutes ahead could lie in the next hour; the others are
   * read from the store.
   */
  private async settleLastDataMinutes(cut: number, at: number): Promise<void> {
    const currentHour = floorToHour(at);
    const futureInCurrentHour = at + MAX_FUTURE_SKEW_MS < currentHour + HOUR_MS;
    const toRead: number[] = [];
    for (const [key, cached] of this.cache) {
      if (cached.lastDataMinute !== undefined) continue;
      const held = cached.minutesByHour.get(currentHour);
      const newest =
        futureInCurrentHour && held?.whole ? held.newestWithData() : null;
      if (newest !== null && newest >= cut) {
        cached.lastDataMinute = newest;
      } else {
        toRead.push(key);
      }
    }
    if (toRead.length === 0) return;
    const latest = await this.readNewestDataMinutes(toRead, cut, at);
    for (const key of toRead) {
      this.cache.get(key)!.lastDataMinute = latest.get(key) ?? null;
    }
  }

  private evaluate(
    frame: SloFrame,
    cached: CachedSlo,
    at: number,
    now: number,
    cut: number,
  ): SloStatusRow {
    const { definition } = frame;
    const currentHour = floorToHour(at);
    const rangeStart = frame.plan.from;
    // Rollups of hours that slid out of every range are no longer needed.
    cached.rollups.dropBefore(rangeStart);
    // The current hour's rollup is held for later; now its minutes count.
    const input = cached.rollups.addBefore(
      currentHour,
      this.engineInput.reset(),
    );
    const hours = [...cached.minutesByHour.keys()].sort((a, b) => a - b);
    for (const hour of hours) {
      cached.minutesByHour.get(hour)!.addTo(input);
    }

    const evaluation = evaluateSlo(
      definition.definition,
      { rollups: input.rollups, minutes: input.minutes },
      now,
    );
    return statusRowOf(
      definition.sloKey,
      evaluation,
      now,
      dataThroughOf(
        cached.lastDataMinute,
        cut,
        cached.rollups.newestDataEndBefore(currentHour),
      ),
    );
  }
}

/** `error` as an Error, as the logger takes it. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Start of the newest minute with data among minutes sorted by start, or null. */
function newestMinuteWithData(minutes: MinuteBucket[]): number | null {
  for (let i = minutes.length - 1; i >= 0; i--) {
    if (minutes[i].total > 0) return minutes[i].start;
  }
  return null;
}

/**
 * Keeps `lastDataMinute` in step with a rebuilt hour, given all the hour's
 * minutes: a newer minute with data moves it forward; when the hour held it
 * and no longer has data there, it moves back within the hour, or becomes
 * unknown (read from the store before evaluation) when the hour has no data
 * left.
 */
function trackLastDataMinute(
  cached: CachedSlo,
  hourStart: number,
  minutes: MinuteBucket[],
): void {
  const newest = newestMinuteWithData(minutes);
  const last = cached.lastDataMinute;
  if (last === undefined) {
    // Unknown already: the read before evaluation settles it.
    return;
  }
  if (newest !== null && (last === null || newest > last)) {
    cached.lastDataMinute = newest;
  } else if (
    last !== null &&
    floorToHour(last) === hourStart &&
    newest !== last
  ) {
    cached.lastDataMinute = newest ?? undefined;
  }
}

/**
 * End of the newest minute with data, exactly, from the minute kept in the
 * cache (the same whether the cache is cold or warm). When no minute with
 * data is left after the retention cut, `newestRollupDataEnd`, the end of
 * the newest rollup with data: the minutes are gone, and the hour is what
 * is known.
 */
function dataThroughOf(
  lastDataMinute: number | null | undefined,
  cut: number,
  newestRollupDataEnd: number | null,
): number | null {
  if (
    lastDataMinute !== null &&
    lastDataMinute !== undefined &&
    lastDataMinute >= cut
  ) {
    return lastDataMinute + MINUTE_MS;
  }
  return newestRollupDataEnd;
}
