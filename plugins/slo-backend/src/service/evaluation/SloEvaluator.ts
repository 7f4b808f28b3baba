import { LoggerService } from '@backstage/backend-plugin-api';
import {
  HourRollup,
  MinuteBucket,
  computeHourRollup,
  evaluateSlo,
  resolveWindow,
} from '@slo-kit/plugin-slo-common';
import { randomUUID } from 'node:crypto';
import { DatabaseSloStore } from '../../database/DatabaseSloStore';
import {
  DirtyHour,
  HourRollupRow,
  SloStatusRow,
  StoredSloDefinition,
} from '../../database/types';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Longest burn-rate window the engine looks at. */
const LONGEST_BURN_WINDOW_MS = 3 * DAY_MS;

/** Offsets from now whose hours the engine reads minute by minute (window edges). */
const EDGE_OFFSETS_MS = [
  0,
  5 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  6 * HOUR_MS,
  DAY_MS,
  LONGEST_BURN_WINDOW_MS,
];

const CYCLE_STATE_KEY = 'evaluation.lastCycle';

function floorToHour(ms: number): number {
  return ms - (ms % HOUR_MS);
}

function floorToMinute(ms: number): number {
  return ms - (ms % MINUTE_MS);
}

/** What the evaluator keeps in memory about one SLO between cycles. */
interface CachedSlo {
  /** `updatedAt` of the definition the cache was built for. */
  revision: number;
  /** Rollups of whole hours, sorted by start. */
  rollups: HourRollup[];
  /** Minute buckets of the hours the engine reads minute by minute, sorted. */
  minutesByHour: Map<number, MinuteBucket[]>;
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
  store: DatabaseSloStore;
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
    const { store } = this.options;
    const at = floorToMinute(now);

    const lastCycle = await store.getJobState(CYCLE_STATE_KEY);
    const myLastCycle =
      this.cycleCounter > 0 ? `${this.instanceId}:${this.cycleCounter}` : '';
    const coldStart = lastCycle === undefined || lastCycle !== myLastCycle;
    if (coldStart) {
      this.cache.clear();
    }

    const definitions = await store.listActiveDefinitions();
    const live = new Set(definitions.map(d => d.sloKey));
    for (const key of this.cache.keys()) {
      if (!live.has(key)) this.cache.delete(key);
    }
    const byKey = new Map(definitions.map(d => [d.sloKey, d]));

    const dirty = await store.readDirtyHours();
    const liveDirty = dirty.filter(d => live.has(d.sloKey));

    // SLOs without a cache entry, or whose definition changed, are loaded in bulk.
    const toLoad = definitions.filter(d => {
      const cached = this.cache.get(d.sloKey);
      return !cached || cached.revision !== d.updatedAt;
    });
    await this.loadIntoCache(toLoad, at);

    const rollupsWritten = await this.recomputeDirtyHours(liveDirty, byKey);
    await this.refreshEdgeHours(definitions, at);

    const statuses: SloStatusRow[] = [];
    for (const definition of definitions) {
      const cached = this.cache.get(definition.sloKey)!;
      statuses.push(this.evaluate(definition, cached, at, now));
    }
    await store.writeStatuses(statuses);
    await store.clearDirtyHours(dirty);

    this.cycleCounter += 1;
    await store.setJobState(
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

  /** First hour whose rollup the engine may use for this SLO at `at`. */
  private rollupRangeStart(
    definition: StoredSloDefinition,
    at: number,
  ): number {
    const window = resolveWindow(definition.definition.timeWindow, at);
    return floorToHour(Math.min(window.start, at - LONGEST_BURN_WINDOW_MS));
  }

  /** Hours the engine reads minute by minute for this SLO at `at`. */
  private edgeHours(definition: StoredSloDefinition, at: number): number[] {
    const oldestMinute = at - this.options.minuteRetentionMs;
    const window = resolveWindow(definition.definition.timeWindow, at);
    const hours = new Set<number>();
    for (const offset of EDGE_OFFSETS_MS) {
      hours.add(floorToHour(at - offset));
    }
    hours.add(floorToHour(window.start));
    return [...hours]
      .filter(h => h + HOUR_MS > oldestMinute)
      .sort((a, b) => a - b);
  }

  private async loadIntoCache(
    definitions: StoredSloDefinition[],
    at: number,
  ): Promise<void> {
    if (definitions.length === 0) return;
    const { store } = this.options;
    const keys = definitions.map(d => d.sloKey);
    const from = definitions.reduce(
      (earliest, d) => Math.min(earliest, this.rollupRangeStart(d, at)),
      Infinity,
    );
    const rollups = await store.readRollups(from, floorToHour(at), keys);
    const rollupsByKey = new Map<number, HourRollup[]>();
    for (const row of rollups) {
      let list = rollupsByKey.get(row.sloKey);
      if (!list) {
        list = [];
        rollupsByKey.set(row.sloKey, list);
      }
      list.push(toHourRollup(row));
    }
    for (const definition of definitions) {
      this.cache.set(definition.sloKey, {
        revision: definition.updatedAt,
        rollups: rollupsByKey.get(definition.sloKey) ?? [],
        minutesByHour: new Map(),
      });
    }
  }

  /** Loads the minutes of edge hours not yet cached and forgets those no longer needed. */
  private async refreshEdgeHours(
    definitions: StoredSloDefinition[],
    at: number,
  ): Promise<void> {
    const missingByHour = new Map<number, number[]>();
    for (const definition of definitions) {
      const cached = this.cache.get(definition.sloKey)!;
      const wanted = this.edgeHours(definition, at);
      const wantedSet = new Set(wanted);
      for (const hour of cached.minutesByHour.keys()) {
        if (!wantedSet.has(hour)) cached.minutesByHour.delete(hour);
      }
      for (const hour of wanted) {
        if (!cached.minutesByHour.has(hour)) {
          const keys = missingByHour.get(hour) ?? [];
          keys.push(definition.sloKey);
          missingByHour.set(hour, keys);
        }
      }
    }
    for (const [hour, keys] of missingByHour) {
      const rows = await this.options.store.readMinuteBuckets(
        hour,
        hour + HOUR_MS,
        keys,
      );
      const byKey = new Map<number, MinuteBucket[]>(keys.map(k => [k, []]));
      for (const row of rows) {
        byKey
          .get(row.sloKey)!
          .push({ start: row.bucketStart, good: row.good, total: row.total });
      }
      for (const [key, minutes] of byKey) {
        this.cache.get(key)!.minutesByHour.set(hour, minutes);
      }
    }
  }

  /** Recomputes (never increments) the rollup of every dirty hour and keeps the cache in step. */
  private async recomputeDirtyHours(
    dirty: DirtyHour[],
    definitions: Map<number, StoredSloDefinition>,
  ): Promise<number> {
    if (dirty.length === 0) return 0;
    const { store } = this.options;

    // Hours held in the cache only need the minutes that changed; group those
    // reads by range so one query serves every SLO written in the same minutes.
    const partialReads = new Map<string, DirtyHour[]>();
    const fullReads = new Map<number, DirtyHour[]>();
    for (const d of dirty) {
      const cached = this.cache.get(d.sloKey);
      if (cached?.minutesByHour.has(d.hourStart)) {
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
      const rows = await store.readMinuteBuckets(
        firstBucket,
        lastBucket + MINUTE_MS,
        group.map(d => d.sloKey),
      );
      const changed = new Map<number, MinuteBucket[]>();
      for (const row of rows) {
        const list = changed.get(row.sloKey) ?? [];
        list.push({ start: row.bucketStart, good: row.good, total: row.total });
        changed.set(row.sloKey, list);
      }
      for (const d of group) {
        const cached = this.cache.get(d.sloKey)!;
        const merged = mergeMinutes(
          cached.minutesByHour.get(d.hourStart)!,
          changed.get(d.sloKey) ?? [],
        );
        cached.minutesByHour.set(d.hourStart, merged);
        minutesOf.set(slot(d.sloKey, d.hourStart), merged);
      }
    }

    for (const [hour, group] of fullReads) {
      const keys = group.map(d => d.sloKey);
      const rows = await store.readMinuteBuckets(hour, hour + HOUR_MS, keys);
      for (const key of keys) minutesOf.set(slot(key, hour), []);
      for (const row of rows) {
        minutesOf
          .get(slot(row.sloKey, hour))!
          .push({ start: row.bucketStart, good: row.good, total: row.total });
      }
    }

    const rollupRows: HourRollupRow[] = [];
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
        upsertRollup(cached.rollups, rollup);
      }
    }
    await store.writeRollups(rollupRows);
    return rollupRows.length;
  }

  private evaluate(
    definition: StoredSloDefinition,
    cached: CachedSlo,
    at: number,
    now: number,
  ): SloStatusRow {
    const currentHour = floorToHour(at);
    const rangeStart = this.rollupRangeStart(definition, at);
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
      for (const minute of cached.minutesByHour.get(hour)!)
        minutes.push(minute);
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
      budgetRemaining:
        evaluation.status === 'no-data'
          ? null
          : evaluation.errorBudget.remaining,
      evaluation,
      evaluatedAt: now,
      dataThrough: dataThroughOf(minutes, rollups),
    };
  }
}

function toHourRollup(row: HourRollupRow): HourRollup {
  const { sloKey: _sloKey, hourStart, ...rest } = row;
  return { start: hourStart, ...rest };
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

function upsertRollup(rollups: HourRollup[], rollup: HourRollup): void {
  let lo = 0;
  let hi = rollups.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rollups[mid].start < rollup.start) lo = mid + 1;
    else hi = mid;
  }
  if (lo < rollups.length && rollups[lo].start === rollup.start) {
    rollups[lo] = rollup;
  } else {
    rollups.splice(lo, 0, rollup);
  }
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
  rollups: HourRollup[],
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
      fromRollups = rollups[i].start + HOUR_MS;
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
