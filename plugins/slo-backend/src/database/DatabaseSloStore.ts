import { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  MinuteBucket,
  PortfolioSortField,
  RangeTotals,
  SloDefinition,
  SloStatusValue,
} from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { applyDatabaseMigrations } from './migrations';
import {
  DirtyHour,
  HourRollupRow,
  MinuteBucketRow,
  PortfolioQueryOptions,
  RollupGranularity,
  RollupSpan,
  SloEventRow,
  SloOrigin,
  SloStatusRow,
  StoredSloDefinition,
  SyncErrorRow,
} from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Columns holding the sums of a rollup, the same in hourly and daily rollups. */
const ROLLUP_SUM_COLUMN_NAMES = [
  'good',
  'total',
  'minutes_with_data',
  'slices_with_data',
  'good_slices',
  'slice_ratio_sum',
];
const ROLLUP_SUM_COLUMNS = ROLLUP_SUM_COLUMN_NAMES.join(', ');
/** The sums of a group of rollup rows, column by column. */
const ROLLUP_SUM_TOTALS = ROLLUP_SUM_COLUMN_NAMES.map(c => `sum(${c})`).join(
  ', ',
);
/** Upsert clause that replaces a stored rollup's sums (never adds to them). */
const ROLLUP_SUM_REPLACE = ROLLUP_SUM_COLUMN_NAMES.map(
  c => `${c} = excluded.${c}`,
).join(', ');

/** Rows per multi-row statement; keeps bindings below SQLite's and PostgreSQL's limits. */
const ROWS_PER_STATEMENT = 4_000;

/** Keys per `IN (...)` list. */
const KEYS_PER_QUERY = 900;

/** Options of {@link DatabaseSloStore.upsertDefinitions}. */
export interface UpsertDefinitionsOptions {
  origin: SloOrigin;
  /** Ownership to record for the portfolio filter; omitted keeps the stored one. */
  owners?: { serviceOwner: string | null; sreOwner: string | null };
  /** When true, stored SLOs of the entity missing from `slos` are marked deleted. */
  replaceAll: boolean;
  now: number;
}

/** Outcome of {@link DatabaseSloStore.upsertDefinitions}. */
export interface UpsertDefinitionsResult {
  /** The entity's live definitions after the call. */
  definitions: StoredSloDefinition[];
  created: string[];
  updated: string[];
  deleted: string[];
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/** Builds `(?, ?, ...), (?, ?, ...)` for `rows` rows of `columns` values. */
function valuePlaceholders(rows: number, columns: number): string {
  const row = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(row).join(', ');
}

/** The id of an SLO: `<entity ref>#<slo name>`. */
export function sloIdOf(entityRef: string, sloName: string): string {
  return `${entityRef}#${sloName}`;
}

function rowToDefinition(row: any): StoredSloDefinition {
  return {
    sloKey: toNumber(row.slo_key),
    id: row.id,
    entityRef: row.entity_ref,
    name: row.name,
    definition: JSON.parse(row.definition),
    origin: row.origin,
    serviceOwner: row.service_owner ?? null,
    sreOwner: row.sre_owner ?? null,
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
    deletedAt: toNullableNumber(row.deleted_at),
  };
}

function rowToStatus(row: any): SloStatusRow {
  return {
    sloKey: toNumber(row.slo_key),
    status: row.status,
    sli: toNullableNumber(row.sli),
    budgetRemaining: toNullableNumber(row.budget_remaining),
    evaluation: JSON.parse(row.evaluation),
    evaluatedAt: toNumber(row.evaluated_at),
    dataThrough: toNullableNumber(row.data_through),
  };
}

/** The sums of a stored hourly or daily rollup row. */
function rollupSums(row: any): RangeTotals {
  return {
    good: toNumber(row.good),
    total: toNumber(row.total),
    minutesWithData: toNumber(row.minutes_with_data),
    slicesWithData: toNumber(row.slices_with_data),
    goodSlices: toNumber(row.good_slices),
    sliceRatioSum: toNumber(row.slice_ratio_sum),
  };
}

function rowToRollup(row: any): HourRollupRow {
  return {
    sloKey: toNumber(row.slo_key),
    hourStart: toNumber(row.hour_start),
    ...rollupSums(row),
  };
}

/** A table of SLI data keyed by SLO and the start of a time span. */
interface TimeKeyedTable {
  name: string;
  startColumn: string;
  columns: string[];
}

const ROLLUP_COLUMNS = ['slo_key', ...ROLLUP_SUM_COLUMN_NAMES];
const MINUTE_BUCKETS: TimeKeyedTable = {
  name: 'slo_minute_buckets',
  startColumn: 'bucket_start',
  columns: ['slo_key', 'bucket_start', 'good', 'total'],
};
const HOUR_ROLLUPS: TimeKeyedTable = {
  name: 'slo_hour_rollups',
  startColumn: 'hour_start',
  columns: [...ROLLUP_COLUMNS, 'hour_start'],
};
const DAY_ROLLUPS: TimeKeyedTable = {
  name: 'slo_day_rollups',
  startColumn: 'day_start',
  columns: [...ROLLUP_COLUMNS, 'day_start'],
};

/**
 * Groups rows ordered by SLO into one list per SLO. With `emptyLists`, every
 * SLO in `sloKeys` gets a list, empty when it has no rows; otherwise only SLOs
 * with rows are in the result.
 */
function groupBySlo<T>(
  rows: any[],
  toItem: (row: any) => T,
  emptyLists?: number[],
): Map<number, T[]> {
  const result = new Map<number, T[]>();
  for (const key of emptyLists ?? []) result.set(key, []);
  for (const row of rows) {
    const key = toNumber(row.slo_key);
    let list = result.get(key);
    if (!list) {
      list = [];
      result.set(key, list);
    }
    list.push(toItem(row));
  }
  return result;
}

/**
 * Knex-backed storage of SLO definitions, SLI data, rollups, statuses, events
 * and sync errors. Works on SQLite and PostgreSQL and owns its migrations.
 */
/** Database column behind each portfolio sort field. */
const PORTFOLIO_SORT_COLUMNS: Record<PortfolioSortField, string> = {
  service: 'd.entity_ref',
  serviceOwner: 'd.service_owner',
  sreOwner: 'd.sre_owner',
  target: 'd.objective_target',
  sli: 's.sli',
  budgetRemaining: 's.budget_remaining',
  status: 's.status',
};

export class DatabaseSloStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSloStore> {
    const client = await options.database.getClient();
    await applyDatabaseMigrations(options.database, client);
    return new DatabaseSloStore(client);
  }

  private readonly isPostgres: boolean;

  constructor(private readonly db: Knex) {
    const clientName = String(db.client.config.client ?? '');
    this.isPostgres = clientName === 'pg' || clientName.includes('postgres');
  }

  // ---------------------------------------------------------------------------
  // Definitions

  /**
   * Inserts or updates the given SLOs of one entity in one transaction.
   * Unchanged definitions are left untouched, so repeating a call changes nothing.
   * A changed definition marks its hours dirty so rollups get recomputed.
   */
  async upsertDefinitions(
    entityRef: string,
    slos: SloDefinition[],
    options: UpsertDefinitionsOptions,
  ): Promise<UpsertDefinitionsResult> {
    return this.db.transaction(async tx => {
      const existingRows = await tx('slo_definitions')
        .where({ entity_ref: entityRef })
        .select();
      const existing = new Map<string, StoredSloDefinition>(
        existingRows.map(row => {
          const definition = rowToDefinition(row);
          return [definition.id, definition];
        }),
      );
      const created: string[] = [];
      const updated: string[] = [];
      const deleted: string[] = [];
      const wanted = new Set<string>();
      const token = randomUUID();

      for (const slo of slos) {
        const id = sloIdOf(entityRef, slo.name);
        wanted.add(id);
        const json = JSON.stringify(slo);
        const current = existing.get(id);
        const ownerColumns = options.owners
          ? {
              service_owner: options.owners.serviceOwner,
              sre_owner: options.owners.sreOwner,
            }
          : {};
        if (!current) {
          await tx('slo_definitions').insert({
            id,
            entity_ref: entityRef,
            name: slo.name,
            definition: json,
            objective_target: slo.objectives[0]?.target ?? null,
            origin: options.origin,
            service_owner: options.owners?.serviceOwner ?? null,
            sre_owner: options.owners?.sreOwner ?? null,
            created_at: options.now,
            updated_at: options.now,
            deleted_at: null,
          });
          created.push(id);
          continue;
        }
        const definitionChanged = JSON.stringify(current.definition) !== json;
        const ownersChanged =
          options.owners !== undefined &&
          (current.serviceOwner !== options.owners.serviceOwner ||
            current.sreOwner !== options.owners.sreOwner);
        const revived = current.deletedAt !== null;
        const originChanged = current.origin !== options.origin;
        if (definitionChanged || revived || originChanged) {
          await tx('slo_definitions')
            .where({ slo_key: current.sloKey })
            .update({
              definition: json,
              objective_target: slo.objectives[0]?.target ?? null,
              origin: options.origin,
              updated_at: options.now,
              deleted_at: null,
              ...ownerColumns,
            });
          updated.push(id);
          if (definitionChanged) {
            await this.markAllHoursDirty(tx, current.sloKey, token);
          }
        } else if (ownersChanged) {
          await tx('slo_definitions')
            .where({ slo_key: current.sloKey })
            .update(ownerColumns);
        }
      }

      if (options.replaceAll) {
        for (const current of existing.values()) {
          if (!wanted.has(current.id) && current.deletedAt === null) {
            await tx('slo_definitions')
              .where({ slo_key: current.sloKey })
              .update({ deleted_at: options.now });
            deleted.push(current.id);
          }
        }
      }

      const rows = await tx('slo_definitions')
        .where({ entity_ref: entityRef })
        .whereNull('deleted_at')
        .orderBy('id')
        .select();
      return {
        definitions: rows.map(rowToDefinition),
        created,
        updated,
        deleted,
      };
    });
  }

  /** Definitions of one entity, ordered by id; deleted ones only when asked. */
  async listEntityDefinitions(
    entityRef: string,
    options: { includeDeleted: boolean },
  ): Promise<StoredSloDefinition[]> {
    const query = this.db('slo_definitions')
      .where({ entity_ref: entityRef })
      .orderBy('id');
    if (!options.includeDeleted) {
      query.whereNull('deleted_at');
    }
    return (await query.select()).map(rowToDefinition);
  }

  /** Every SLO that is not deleted. */
  async listActiveDefinitions(): Promise<StoredSloDefinition[]> {
    const rows = await this.db('slo_definitions')
      .whereNull('deleted_at')
      .orderBy('slo_key')
      .select();
    return rows.map(rowToDefinition);
  }

  async getDefinition(id: string): Promise<StoredSloDefinition | undefined> {
    const row = await this.db('slo_definitions').where({ id }).first();
    return row ? rowToDefinition(row) : undefined;
  }

  /** Maps ids of live (not deleted) SLOs to their internal keys. */
  async resolveLiveSloKeys(ids: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (const part of chunk(ids, KEYS_PER_QUERY)) {
      const rows = await this.db('slo_definitions')
        .whereIn('id', part)
        .whereNull('deleted_at')
        .select('id', 'slo_key');
      for (const row of rows) {
        result.set(row.id, toNumber(row.slo_key));
      }
    }
    return result;
  }

  /** Entity refs that have definitions, deleted or not. */
  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db('slo_definitions')
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  // ---------------------------------------------------------------------------
  // SLI data

  /**
   * Sets the given minute buckets (never adds) and marks their hours dirty,
   * all in one transaction. Rows are written in key order so concurrent
   * writers lock rows in the same order.
   */
  async writeMinuteBuckets(rows: MinuteBucketRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const sorted = [...rows].sort(
      (a, b) => a.sloKey - b.sloKey || a.bucketStart - b.bucketStart,
    );
    const token = randomUUID();
    const dirty: DirtyHour[] = [];
    for (const row of sorted) {
      const hourStart = row.bucketStart - (row.bucketStart % HOUR_MS);
      const last = dirty[dirty.length - 1];
      if (last && last.sloKey === row.sloKey && last.hourStart === hourStart) {
        last.lastBucket = row.bucketStart;
      } else {
        dirty.push({
          sloKey: row.sloKey,
          hourStart,
          firstBucket: row.bucketStart,
          lastBucket: row.bucketStart,
          token,
        });
      }
    }

    await this.db.transaction(async tx => {
      for (const part of chunk(sorted, ROWS_PER_STATEMENT)) {
        const bindings: number[] = new Array(part.length * 4);
        for (let i = 0; i < part.length; i++) {
          const row = part[i];
          bindings[i * 4] = row.sloKey;
          bindings[i * 4 + 1] = row.bucketStart;
          bindings[i * 4 + 2] = row.good;
          bindings[i * 4 + 3] = row.total;
        }
        await tx.raw(
          `insert into slo_minute_buckets (slo_key, bucket_start, good, total) values ${valuePlaceholders(
            part.length,
            4,
          )} on conflict (slo_key, bucket_start) do update set good = excluded.good, total = excluded.total`,
          bindings,
        );
      }
      await this.upsertDirtyHours(tx, dirty);
    });
  }

  private async upsertDirtyHours(
    tx: Knex.Transaction,
    dirty: DirtyHour[],
  ): Promise<void> {
    const least = this.isPostgres ? 'least' : 'min';
    const greatest = this.isPostgres ? 'greatest' : 'max';
    for (const part of chunk(dirty, ROWS_PER_STATEMENT)) {
      const bindings: Array<number | string> = [];
      for (const d of part) {
        bindings.push(
          d.sloKey,
          d.hourStart,
          d.firstBucket,
          d.lastBucket,
          d.token,
        );
      }
      await tx.raw(
        `insert into slo_dirty_hours (slo_key, hour_start, first_bucket, last_bucket, token) values ${valuePlaceholders(
          part.length,
          5,
        )} on conflict (slo_key, hour_start) do update set first_bucket = ${least}(slo_dirty_hours.first_bucket, excluded.first_bucket), last_bucket = ${greatest}(slo_dirty_hours.last_bucket, excluded.last_bucket), token = excluded.token`,
        bindings,
      );
    }
  }

  /** Marks every hour that has minute data of one SLO dirty (after a definition change). */
  private async markAllHoursDirty(
    tx: Knex.Transaction,
    sloKey: number,
    token: string,
  ): Promise<void> {
    const rows = await tx('slo_minute_buckets')
      .where({ slo_key: sloKey })
      .select(
        tx.raw('bucket_start - (bucket_start % ?) as hour_start', [HOUR_MS]),
      )
      .min({ first_bucket: 'bucket_start' })
      .max({ last_bucket: 'bucket_start' })
      .groupBy('hour_start')
      .orderBy('hour_start');
    await this.upsertDirtyHours(
      tx,
      rows.map((row: any) => ({
        sloKey,
        hourStart: toNumber(row.hour_start),
        firstBucket: toNumber(row.first_bucket),
        lastBucket: toNumber(row.last_bucket),
        token,
      })),
    );
  }

  /** Minute buckets of the given SLOs in `[from, to)`, ordered by SLO and time. */
  async readMinuteBuckets(
    from: number,
    to: number,
    sloKeys?: number[],
  ): Promise<MinuteBucketRow[]> {
    const rows = await this.readRange(MINUTE_BUCKETS, from, to, sloKeys);
    return rows.map(
      (row): MinuteBucketRow => ({
        sloKey: toNumber(row.slo_key),
        bucketStart: toNumber(row.bucket_start),
        good: toNumber(row.good),
        total: toNumber(row.total),
      }),
    );
  }

  /**
   * Minute buckets of the given SLOs in `[from, to)`, per SLO and ordered by
   * start, in the engine's shape. SLOs without buckets get an empty list.
   */
  async readMinuteSeries(
    from: number,
    to: number,
    sloKeys: number[],
  ): Promise<Map<number, MinuteBucket[]>> {
    const rows = await this.readRange(MINUTE_BUCKETS, from, to, sloKeys);
    return groupBySlo(
      rows,
      row => ({
        start: toNumber(row.bucket_start),
        good: toNumber(row.good),
        total: toNumber(row.total),
      }),
      sloKeys,
    );
  }

  /** The newest minute bucket with data of each given SLO at or after `since`. */
  async readLatestBucketStarts(
    sloKeys: number[],
    since: number,
  ): Promise<Map<number, number>> {
    const result = new Map<number, number>();
    for (const part of chunk(sloKeys, KEYS_PER_QUERY)) {
      const rows = await this.db('slo_minute_buckets')
        .whereIn('slo_key', part)
        .andWhere('bucket_start', '>=', since)
        .andWhere('total', '>', 0)
        .groupBy('slo_key')
        .select('slo_key')
        .max({ latest: 'bucket_start' });
      for (const row of rows as any[]) {
        result.set(toNumber(row.slo_key), toNumber(row.latest));
      }
    }
    return result;
  }

  // ---------------------------------------------------------------------------
  // Change tracking and rollups

  /** Every hour marked dirty by writes since it was last cleared. */
  async readDirtyHours(): Promise<DirtyHour[]> {
    const rows = await this.db('slo_dirty_hours')
      .orderBy(['slo_key', 'hour_start'])
      .select();
    return rows.map(row => ({
      sloKey: toNumber(row.slo_key),
      hourStart: toNumber(row.hour_start),
      firstBucket: toNumber(row.first_bucket),
      lastBucket: toNumber(row.last_bucket),
      token: row.token,
    }));
  }

  /**
   * Clears the given dirty marks unless a later write re-marked them
   * (a later write carries a different token).
   */
  async clearDirtyHours(dirty: DirtyHour[]): Promise<void> {
    const tokens = [...new Set(dirty.map(d => d.token))];
    for (const part of chunk(tokens, KEYS_PER_QUERY)) {
      await this.db('slo_dirty_hours').whereIn('token', part).delete();
    }
  }

  /** Sets (never adds) hourly rollups. */
  async writeRollups(rollups: HourRollupRow[]): Promise<void> {
    if (rollups.length === 0) {
      return;
    }
    const sorted = [...rollups].sort(
      (a, b) => a.sloKey - b.sloKey || a.hourStart - b.hourStart,
    );
    await this.db.transaction(async tx => {
      for (const part of chunk(sorted, 2_000)) {
        const bindings: number[] = [];
        for (const r of part) {
          bindings.push(
            r.sloKey,
            r.hourStart,
            r.good,
            r.total,
            r.minutesWithData,
            r.slicesWithData,
            r.goodSlices,
            r.sliceRatioSum,
          );
        }
        await tx.raw(
          `insert into slo_hour_rollups (slo_key, hour_start, ${ROLLUP_SUM_COLUMNS}) values ${valuePlaceholders(
            part.length,
            8,
          )} on conflict (slo_key, hour_start) do update set ${ROLLUP_SUM_REPLACE}`,
          bindings,
        );
      }
      await this.recomputeDayRollups(tx, sorted);
    });
  }

  /**
   * Recomputes (never increments) the daily rollups of the UTC days the given
   * hourly rollups fall in, from the hourly rollups stored for those days.
   */
  private async recomputeDayRollups(
    tx: Knex.Transaction,
    hours: Array<{ sloKey: number; hourStart: number }>,
  ): Promise<void> {
    const keysByDay = new Map<number, Set<number>>();
    for (const { sloKey, hourStart } of hours) {
      const day = hourStart - (hourStart % DAY_MS);
      let keys = keysByDay.get(day);
      if (!keys) {
        keys = new Set();
        keysByDay.set(day, keys);
      }
      keys.add(sloKey);
    }
    const days = [...keysByDay.keys()].sort((a, b) => a - b);
    for (const day of days) {
      const keys = [...keysByDay.get(day)!].sort((a, b) => a - b);
      for (const part of chunk(keys, KEYS_PER_QUERY)) {
        await tx.raw(
          `insert into slo_day_rollups (slo_key, day_start, ${ROLLUP_SUM_COLUMNS})
           select slo_key, ?, ${ROLLUP_SUM_TOTALS}
           from slo_hour_rollups
           where slo_key in (${part
             .map(() => '?')
             .join(', ')}) and hour_start >= ? and hour_start < ?
           group by slo_key
           on conflict (slo_key, day_start) do update set ${ROLLUP_SUM_REPLACE}`,
          [day, ...part, day, day + DAY_MS],
        );
      }
    }
  }

  /**
   * Rollups of the given SLOs starting in `[from, to)`, per SLO and ordered
   * by start: hourly rollups, or daily sums of them. `from` and `to` must lie
   * on boundaries of the granularity. SLOs without rollups are left out.
   */
  async readRollupSpans(
    granularity: RollupGranularity,
    from: number,
    to: number,
    sloKeys: number[],
  ): Promise<Map<number, RollupSpan[]>> {
    const table = granularity === 'day' ? DAY_ROLLUPS : HOUR_ROLLUPS;
    const durationMs = granularity === 'day' ? DAY_MS : HOUR_MS;
    const rows =
      to > from ? await this.readRange(table, from, to, sloKeys) : [];
    return groupBySlo(rows, row => ({
      start: toNumber(row[table.startColumn]),
      durationMs,
      ...rollupSums(row),
    }));
  }

  /** Rollups with `hourStart` in `[from, to)`, ordered by SLO and hour. */
  async readRollups(
    from: number,
    to: number,
    sloKeys?: number[],
  ): Promise<HourRollupRow[]> {
    const rows = await this.readRange(HOUR_ROLLUPS, from, to, sloKeys);
    return rows.map(rowToRollup);
  }

  /**
   * Rows of a table keyed by SLO and start time with the start in
   * `[from, to)`, ordered by SLO and start; only of the given SLOs when
   * `sloKeys` is given (read in chunks to stay below binding limits).
   */
  private async readRange(
    table: TimeKeyedTable,
    from: number,
    to: number,
    sloKeys: number[] | undefined,
  ): Promise<any[]> {
    const read = (keys?: number[]) => {
      const query = this.db(table.name)
        .where(table.startColumn, '>=', from)
        .andWhere(table.startColumn, '<', to)
        .orderBy(['slo_key', table.startColumn])
        .select(table.columns);
      if (keys) {
        query.whereIn('slo_key', keys);
      }
      return query;
    };
    if (!sloKeys) {
      return read();
    }
    const rows: any[] = [];
    for (const part of chunk(sloKeys, KEYS_PER_QUERY)) {
      for (const row of await read(part)) rows.push(row);
    }
    return rows;
  }

  // ---------------------------------------------------------------------------
  // Status

  async writeStatuses(statuses: SloStatusRow[]): Promise<void> {
    if (statuses.length === 0) {
      return;
    }
    const sorted = [...statuses].sort((a, b) => a.sloKey - b.sloKey);
    await this.db.transaction(async tx => {
      for (const part of chunk(sorted, 1_000)) {
        const bindings: Array<number | string | null> = [];
        for (const s of part) {
          bindings.push(
            s.sloKey,
            s.status,
            s.sli,
            s.budgetRemaining,
            JSON.stringify(s.evaluation),
            s.evaluatedAt,
            s.dataThrough,
          );
        }
        await tx.raw(
          `insert into slo_status (slo_key, status, sli, budget_remaining, evaluation, evaluated_at, data_through) values ${valuePlaceholders(
            part.length,
            7,
          )} on conflict (slo_key) do update set status = excluded.status, sli = excluded.sli, budget_remaining = excluded.budget_remaining, evaluation = excluded.evaluation, evaluated_at = excluded.evaluated_at, data_through = excluded.data_through`,
          bindings,
        );
      }
    });
  }

  async readStatuses(sloKeys: number[]): Promise<Map<number, SloStatusRow>> {
    const result = new Map<number, SloStatusRow>();
    for (const part of chunk(sloKeys, KEYS_PER_QUERY)) {
      const rows = await this.db('slo_status')
        .whereIn('slo_key', part)
        .select();
      for (const row of rows) {
        const status = rowToStatus(row);
        result.set(status.sloKey, status);
      }
    }
    return result;
  }

  /**
   * One page of live SLOs with their status: ordered by id and paged after an id,
   * or ordered by a portfolio column (ties by id, nulls last) and paged by offset.
   */
  async listPortfolio(options: PortfolioQueryOptions): Promise<{
    rows: Array<{ definition: StoredSloDefinition; status?: SloStatusRow }>;
    totalCount: number;
  }> {
    const filtered = () => {
      const query = this.db('slo_definitions as d')
        .leftJoin('slo_status as s', 's.slo_key', 'd.slo_key')
        .whereNull('d.deleted_at');
      if (options.owners && options.owners.length > 0) {
        const owners = options.owners;
        query.andWhere(q =>
          q.whereIn('d.service_owner', owners).orWhereIn('d.sre_owner', owners),
        );
      }
      if (options.statuses && options.statuses.length > 0) {
        const statuses = options.statuses as SloStatusValue[];
        if (statuses.includes('no-data')) {
          query.andWhere(q =>
            q.whereIn('s.status', statuses).orWhereNull('s.status'),
          );
        } else {
          query.whereIn('s.status', statuses);
        }
      }
      return query;
    };
    const [{ count }] = await filtered().count({ count: '*' });
    const pageQuery = filtered();
    if (options.sort) {
      // Nulls last in both directions, spelled out: knex 3.3's `nulls` option
      // drops the column itself from the ORDER BY.
      const column = PORTFOLIO_SORT_COLUMNS[options.sort];
      const direction = options.order === 'desc' ? 'desc' : 'asc';
      pageQuery
        .orderByRaw(
          `(case when ?? is null then 1 else 0 end), ?? ${direction}`,
          [column, column],
        )
        .orderBy('d.id', 'asc')
        .offset(options.offset ?? 0);
    } else {
      pageQuery.orderBy('d.id');
    }
    pageQuery
      .limit(options.limit)
      .select(
        'd.*',
        's.status',
        's.sli',
        's.budget_remaining',
        's.evaluation',
        's.evaluated_at',
        's.data_through',
      );
    if (options.afterId !== undefined && !options.sort) {
      pageQuery.where('d.id', '>', options.afterId);
    }
    const rows = await pageQuery;
    return {
      totalCount: toNumber(count),
      rows: rows.map(row => ({
        definition: rowToDefinition(row),
        status: row.evaluation ? rowToStatus(row) : undefined,
      })),
    };
  }

  // ---------------------------------------------------------------------------
  // Sync errors and events

  /** Replaces the recorded sync errors of an entity (an empty list clears them). */
  async replaceSyncErrors(
    entityRef: string,
    errors: SyncErrorRow[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('slo_sync_errors').where({ entity_ref: entityRef }).delete();
      for (const part of chunk(errors, 500)) {
        await tx('slo_sync_errors').insert(
          part.map(e => ({
            entity_ref: entityRef,
            file: e.file,
            document_index: e.documentIndex,
            document_name: e.documentName,
            path: e.path,
            message: e.message,
            occurred_at: e.occurredAt,
          })),
        );
      }
    });
  }

  async listSyncErrors(entityRef: string): Promise<SyncErrorRow[]> {
    const rows = await this.db('slo_sync_errors')
      .where({ entity_ref: entityRef })
      .orderBy('error_id')
      .select();
    return rows.map(row => ({
      entityRef: row.entity_ref,
      file: row.file,
      documentIndex: toNullableNumber(row.document_index),
      documentName: row.document_name ?? null,
      path: row.path,
      message: row.message,
      occurredAt: toNumber(row.occurred_at),
    }));
  }

  async addEvent(event: SloEventRow): Promise<void> {
    await this.db('slo_events').insert({
      entity_ref: event.entityRef,
      slo_id: event.sloId,
      type: event.type,
      title: event.title,
      at: event.at,
    });
  }

  /** Events of an entity in `[from, to)`, oldest first. */
  async listEvents(
    entityRef: string,
    from: number,
    to: number,
  ): Promise<SloEventRow[]> {
    const rows = await this.db('slo_events')
      .where({ entity_ref: entityRef })
      .andWhere('at', '>=', from)
      .andWhere('at', '<', to)
      .orderBy('at')
      .select();
    return rows.map(row => ({
      entityRef: row.entity_ref,
      sloId: row.slo_id ?? null,
      type: row.type,
      title: row.title,
      at: toNumber(row.at),
    }));
  }

  // ---------------------------------------------------------------------------
  // Retention and job state

  /** Deletes minute buckets older than `before`; returns how many. */
  async deleteMinuteBucketsBefore(before: number): Promise<number> {
    return this.db('slo_minute_buckets')
      .where('bucket_start', '<', before)
      .delete();
  }

  /**
   * Deletes hourly rollups older than `before` and the daily rollups of the
   * days they fall in (a day cut by `before` is summed again from the hours
   * it keeps); returns how many hourly rollups were deleted.
   */
  async deleteRollupsBefore(before: number): Promise<number> {
    return this.db.transaction(async tx => {
      const deleted = await tx('slo_hour_rollups')
        .where('hour_start', '<', before)
        .delete();
      const cutDay = before - (before % DAY_MS);
      await tx('slo_day_rollups')
        .where('day_start', before === cutDay ? '<' : '<=', cutDay)
        .delete();
      if (before !== cutDay) {
        const kept = await tx('slo_hour_rollups')
          .where('hour_start', '>=', cutDay)
          .andWhere('hour_start', '<', cutDay + DAY_MS)
          .distinct('slo_key');
        await this.recomputeDayRollups(
          tx,
          kept.map(row => ({
            sloKey: toNumber(row.slo_key),
            hourStart: cutDay,
          })),
        );
      }
      return deleted;
    });
  }

  /** Deletes events older than `before`; returns how many. */
  async deleteEventsBefore(before: number): Promise<number> {
    return this.db('slo_events').where('at', '<', before).delete();
  }

  async getJobState(name: string): Promise<string | undefined> {
    const row = await this.db('slo_job_state').where({ name }).first();
    return row?.value;
  }

  async setJobState(name: string, value: string): Promise<void> {
    await this.db('slo_job_state')
      .insert({ name, value })
      .onConflict('name')
      .merge(['value']);
  }
}
