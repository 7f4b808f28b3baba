import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BURN_WINDOW_HORIZON_MS,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
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
import {
  RollupPlan,
  findSpanAt,
  mergeDaySpans,
  planRollups,
  replaceSpan,
  upsertHourSpan,
} from './rollupSpans';

/** Offsets from now whose hours the engine reads minute by minute (burn-window edges). */
const EDGE_OFFSETS_MS = burnWindowEdgeOffsetsMs();

const CYCLE_STATE_KEY = 'evaluation.lastCycle';

/** Minutes of one hour from `from` to the hour's end, sorted. */
interface EdgeMinutes {
  /** First minute held; the hour's start when the whole hour is held. */
  from: number;
  minutes: MinuteBucket[];
}

/** What the evaluator keeps in memory about one SLO between cycles. */
interface CachedSlo {
  /** `updatedAt` of the definition the cache was built for. */
  revision: number;
  /**
   * Rollups sorted by start, without overlaps: hourly rollups, and whole UTC
   * days summed into one entry where no range the engine reads cuts the day.
   */
  rollups: RollupSpan[];
  /** Minutes of the hours the engine reads minute by minute. */
  minutesByHour: Map<number, EdgeMinutes>;
}

/** Figures of one evaluation cycle, for logs and benchmarks. */
export interface EvaluationCycleResult {
  /** True when the in-memory cache had to be (re)built from the database. */
  coldStart: boolean;
  evaluated: number;
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
 * job is global, so replicas take turns) or a definition changed.
 */
export class SloEvaluator {
  private readonly cache = new Map<number, CachedSlo>();
  private readonly instanceId = randomUUID();
  private cycleCounter = 0;

  constructor(private readonly options: SloEvaluatorOptions) {}

  async runCycle(now: number = Date.now()): Promise<EvaluationCycleResult> {
    const started = performance.now();
    const { jobs, sliData } = this.options;
    const at = floorToMinute(now);

    const lastCycle = await jobs.getJobState(CYCLE_STATE_KEY);
    const myLastCycle =
      this.cycleCounter > 0 ? `${this.instanceId}:${this.cycleCounter}` : '';
    const coldStart = lastCycle === undefined || lastCycle !== myLastCycle;
    if (coldStart) {
      this.cache.clear();
    }

    const definitions = await this.options.definitions.listActiveDefinitions();
    const live = new Set(definitions.map(d => d.sloKey));
    for (const key of this.cache.keys()) {
      if (!live.has(key)) this.cache.delete(key);
    }
    const byKey = new Map(definitions.map(d => [d.sloKey, d]));

    const dirty = await sliData.readDirtyHours();
    const liveDirty = dirty.filter(d => live.has(d.sloKey));

    // SLOs without a cache entry, or whose definition changed, are loaded in bulk.
    const toLoad = definitions.filter(d => {
      const cached = this.cache.get(d.sloKey);
      return !cached || cached.revision !== d.updatedAt;
    });
    await this.loadIntoCache(toLoad, at);

    const rollupsWritten = await this.recomputeDirtyHours(liveDirty, byKey);
    await this.maintainDaySpans(definitions, at);
    await this.refreshEdgeHours(definitions, at);

    const statuses: SloStatusRow[] = [];
    for (const definition of definitions) {
      const cached = this.cache.get(definition.sloKey)!;
      statuses.push(this.evaluate(definition, cached, at, now));
    }
    await this.options.statuses.writeStatuses(statuses);
    await sliData.clearDirtyHours(dirty);

    this.cycleCounter += 1;
    await jobs.setJobState(
      CYCLE_STATE_KEY,
      `${this.instanceId}:${this.cycleCounter}`,
    );

    const result: EvaluationCycleResult = {
      coldStart,
      evaluated: statuses.length,
      dirtyHours: liveDirty.length,
      rollupsWritten,
      durationMs: performance.now() - started,
    };
    this.options.logger.debug(
      `SLO evaluation: ${result.evaluated} SLOs, ${
        result.dirtyHours
      } changed hours, ${result.rollupsWritten} rollups written in ${Math.round(
        result.durationMs,
      )} ms${coldStart ? ' (cache rebuilt)' : ''}`,
    );
    return result;
  }

  /** Which rollups the engine may use for this SLO at `at`, and at what granularity. */
  private rollupPlan(definition: StoredSloDefinition, at: number): RollupPlan {
    const window = resolveWindow(definition.definition.timeWindow, at);
    return planRollups({
      windowStart: window.start,
      burnWindowStart: at - BURN_WINDOW_HORIZON_MS,
      at,
    });
  }

  /**
   * Hours the engine reads minute by minute for this SLO at `at`, each with
   * the first minute it needs: a range that starts inside an hour needs that
   * hour's minutes from its start on, the current hour needs all of them.
   */
  private edgeHours(
    definition: StoredSloDefinition,
    at: number,
  ): Map<number, number> {
    const oldestMinute = at - this.options.minuteRetentionMs;
    const window = resolveWindow(definition.definition.timeWindow, at);
    const wanted = new Map<number, number>();
    const want = (from: number) => {
      const hour = floorToHour(from);
      if (hour + HOUR_MS <= oldestMinute) return;
      const known = wanted.get(hour);
      wanted.set(hour, known === undefined ? from : Math.min(known, from));
    };
    want(floorToHour(at));
    for (const offset of EDGE_OFFSETS_MS) want(at - offset);
    want(window.start);
    return wanted;
  }

  private async loadIntoCache(
    definitions: StoredSloDefinition[],
    at: number,
  ): Promise<void> {
    if (definitions.length === 0) return;
    const { sliData } = this.options;
    // SLOs with the same window share their reads.
    const groups = new Map<string, { plan: RollupPlan; keys: number[] }>();
    for (const definition of definitions) {
      const plan = this.rollupPlan(definition, at);
      const id = `${plan.from}:${plan.dayFrom}:${plan.dayTo}:${plan.to}`;
      const group = groups.get(id) ?? { plan, keys: [] };
      group.keys.push(definition.sloKey);
      groups.set(id, group);
    }
    const rollupsByKey = new Map<number, RollupSpan[]>();
    for (const { plan, keys } of groups.values()) {
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
        rollupsByKey.set(key, rollups);
      }
    }
    for (const definition of definitions) {
      this.cache.set(definition.sloKey, {
        revision: definition.updatedAt,
        rollups: rollupsByKey.get(definition.sloKey) ?? [],
        minutesByHour: new Map(),
      });
    }
  }

  /**
   * Keeps every cached day entry clear of the ranges' edges as time moves:
   * a day the window's start now falls inside is split back into its hours
   * (read from the store), and whole days of hourly rollups that slid out of
   * every burn-rate window are summed into one entry.
   */
  private async maintainDaySpans(
    definitions: StoredSloDefinition[],
    at: number,
  ): Promise<void> {
    const toSplit = new Map<number, number[]>();
    for (const definition of definitions) {
      const cached = this.cache.get(definition.sloKey)!;
      const plan = this.rollupPlan(definition, at);
      mergeDaySpans(cached.rollups, plan);
      const firstWholeHour = ceilToHour(
        resolveWindow(definition.definition.timeWindow, at).start,
      );
      const span = findSpanAt(cached.rollups, firstWholeHour);
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
        replaceSpan(this.cache.get(key)!.rollups, day, hours.get(key) ?? []);
      }
    }
  }

  /** Loads the minutes of edge hours not yet cached and forgets those no longer needed. */
  private async refreshEdgeHours(
    definitions: StoredSloDefinition[],
    at: number,
  ): Promise<void> {
    const missing = new Map<
      string,
      { hour: number; from: number; keys: number[] }
    >();
    for (const definition of definitions) {
      const cached = this.cache.get(definition.sloKey)!;
      const wanted = this.edgeHours(definition, at);
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
    for (const { hour, from, keys } of missing.values()) {
      const series = await this.options.sliData.readMinuteSeries(
        from,
        hour + HOUR_MS,
        keys,
      );
      for (const [key, minutes] of series) {
        this.cache.get(key)!.minutesByHour.set(hour, { from, minutes });
      }
    }
  }

  /** Recomputes (never increments) the rollup of every dirty hour and keeps the cache in step. */
  private async recomputeDirtyHours(
    dirty: DirtyHour[],
    definitions: Map<number, StoredSloDefinition>,
  ): Promise<number> {
    if (dirty.length === 0) return 0;
    const { sliData } = this.options;

    // Hours whose every minute is cached only need the minutes that changed;
    // group those reads by range so one query serves every SLO written in the
    // same minutes. Other hours are read whole.
    const partialReads = new Map<string, DirtyHour[]>();
    const fullReads = new Map<number, DirtyHour[]>();
    for (const d of dirty) {
      const held = this.cache.get(d.sloKey)?.minutesByHour.get(d.hourStart);
      if (held && held.from <= d.hourStart) {
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

    const minutesOf = new Map<string, MinuteBucket[]>();
    const slot = (key: number, hour: number) => `${key}:${hour}`;

    for (const group of partialReads.values()) {
      const { firstBucket, lastBucket } = group[0];
      const changed = await sliData.readMinuteSeries(
        firstBucket,
        lastBucket + MINUTE_MS,
        group.map(d => d.sloKey),
      );
      for (const d of group) {
        const held = this.cache.get(d.sloKey)!.minutesByHour.get(d.hourStart)!;
        held.minutes = mergeMinutes(held.minutes, changed.get(d.sloKey) ?? []);
        minutesOf.set(slot(d.sloKey, d.hourStart), held.minutes);
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
          cached.minutesByHour.set(hour, { from: hour, minutes });
        }
      }
    }

    const rollupRows: HourRollupRow[] = [];
    const staleDays = new Map<number, number[]>();
    for (const d of dirty) {
      const definition = definitions.get(d.sloKey);
      if (!definition) continue;
      const rollup = computeHourRollup(
        definition.definition,
        d.hourStart,
        minutesOf.get(slot(d.sloKey, d.hourStart)) ?? [],
      );
      const { start: _start, ...counts } = rollup;
      rollupRows.push({ sloKey: d.sloKey, hourStart: d.hourStart, ...counts });
      // The current hour's rollup is cached too: it is what the next hours read.
      const cached = this.cache.get(d.sloKey);
      if (cached && d.hourStart >= oldestCachedHour(cached)) {
        const staleDay = upsertHourSpan(cached.rollups, {
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
    await sliData.writeRollups(rollupRows);

    // Late data in an hour held inside a day entry: take the day's new sums.
    for (const [day, keys] of staleDays) {
      const unique = [...new Set(keys)];
      const days = await sliData.readRollupSpans(
        'day',
        day,
        day + DAY_MS,
        unique,
      );
      for (const key of unique) {
        replaceSpan(this.cache.get(key)!.rollups, day, days.get(key) ?? []);
      }
    }
    return rollupRows.length;
  }

  private evaluate(
    definition: StoredSloDefinition,
    cached: CachedSlo,
    at: number,
    now: number,
  ): SloStatusRow {
    const currentHour = floorToHour(at);
    const rangeStart = this.rollupPlan(definition, at).from;
    // Rollups of hours that slid out of every range are no longer needed.
    let drop = 0;
    while (
      drop < cached.rollups.length &&
      cached.rollups[drop].start < rangeStart
    ) {
      drop++;
    }
    if (drop > 0) cached.rollups.splice(0, drop);
    const rollups =
      cached.rollups.length > 0 &&
      cached.rollups[cached.rollups.length - 1].start >= currentHour
        ? cached.rollups.filter(r => r.start < currentHour)
        : cached.rollups;

    const minutes: MinuteBucket[] = [];
    const hours = [...cached.minutesByHour.keys()].sort((a, b) => a - b);
    for (const hour of hours) {
      for (const minute of cached.minutesByHour.get(hour)!.minutes) {
        minutes.push(minute);
      }
    }

    const evaluation = evaluateSlo(
      definition.definition,
      { rollups, minutes },
      now,
    );
    return {
      sloKey: definition.sloKey,
      status: evaluation.status,
      sli: evaluation.sli,
      budgetRemaining: evaluation.errorBudget.remaining,
      evaluation,
      evaluatedAt: now,
      dataThrough: dataThroughOf(minutes, rollups),
    };
  }
}

/** Merges changed minutes into a sorted list; a changed minute replaces the old one. */
function mergeMinutes(
  existing: MinuteBucket[],
  changed: MinuteBucket[],
): MinuteBucket[] {
  if (changed.length === 0) return existing;
  const byStart = new Map(existing.map(m => [m.start, m]));
  for (const minute of changed) byStart.set(minute.start, minute);
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** Oldest hour a cache entry covers; older rollups are of no use to it. */
function oldestCachedHour(cached: CachedSlo): number {
  return cached.rollups.length > 0 ? cached.rollups[0].start : -Infinity;
}

/**
 * End of the newest minute with data: exact from the minute tail, else the end
 * of the newest rollup hour with data.
 */
function dataThroughOf(
  minutes: MinuteBucket[],
  rollups: RollupSpan[],
): number | null {
  let fromMinutes: number | null = null;
  for (let i = minutes.length - 1; i >= 0; i--) {
    if (minutes[i].total > 0) {
      fromMinutes = minutes[i].start + MINUTE_MS;
      break;
    }
  }
  let fromRollups: number | null = null;
  for (let i = rollups.length - 1; i >= 0; i--) {
    if (rollups[i].total > 0) {
      fromRollups = rollups[i].start + rollups[i].durationMs;
      break;
    }
  }
  if (fromMinutes === null) return fromRollups;
  if (
    fromRollups === null ||
    fromRollups <= floorToHour(fromMinutes) + HOUR_MS
  ) {
    return fromMinutes;
  }
  return fromRollups;
}
