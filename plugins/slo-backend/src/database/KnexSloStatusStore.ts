import type {
  PortfolioSortField,
  SloStatusValue,
} from '@slo-kit/plugin-slo-common';
import type {
  PortfolioFilter,
  PortfolioPage,
  PortfolioQueryOptions,
  SloStatusRow,
  SloStatusStore,
  SloWithStatus,
} from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { rowToDefinition } from './definitionRows';
import { chunk, keysPerStatement } from './sql/batchSizes';
import { toNullableNumber, toNumber } from './sql/columnValues';
import { UpsertStatement, replaceWithExcluded, upsertRows } from './sql/upsert';

/** The columns of a status row besides its key. */
const STATUS_VALUE_COLUMNS = [
  'status',
  'sli',
  'budget_remaining',
  'evaluation',
  'evaluated_at',
  'data_through',
];

/** Sets the status row of an SLO, replacing every value of a stored one. */
const STATUS_UPSERT: UpsertStatement<SloStatusRow> = {
  table: 'slo_status',
  columns: ['slo_key', ...STATUS_VALUE_COLUMNS],
  postgresTypes: [
    'integer',
    'text',
    'double precision',
    'double precision',
    'text',
    'bigint',
    'bigint',
  ],
  // The evaluation is 1.2 KB of JSON: values lists beat quoted text arrays.
  postgresBinding: 'values',
  conflictColumns: ['slo_key'],
  onConflictSet: replaceWithExcluded(STATUS_VALUE_COLUMNS),
  values: s => [
    s.sloKey,
    s.status,
    s.sli,
    s.budgetRemaining,
    JSON.stringify(s.evaluation),
    s.evaluatedAt,
    s.dataThrough,
  ],
};

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

/** The columns of a live SLO joined with its status row. */
const SLO_WITH_STATUS_COLUMNS = [
  'd.*',
  's.status',
  's.sli',
  's.budget_remaining',
  's.evaluation',
  's.evaluated_at',
  's.data_through',
];

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

/** A row selected with {@link SLO_WITH_STATUS_COLUMNS}. */
function rowToSloWithStatus(row: any): SloWithStatus {
  return {
    definition: rowToDefinition(row),
    status: row.evaluation ? rowToStatus(row) : undefined,
  };
}

/** {@link SloStatusStore} on knex (SQLite or PostgreSQL). */
export class KnexSloStatusStore implements SloStatusStore {
  constructor(private readonly db: Knex) {}

  async writeStatuses(statuses: SloStatusRow[]): Promise<void> {
    if (statuses.length === 0) {
      return;
    }
    const sorted = [...statuses].sort((a, b) => a.sloKey - b.sloKey);
    await this.db.transaction(async tx => {
      await upsertRows(tx, STATUS_UPSERT, sorted);
    });
  }

  async readStatuses(sloKeys: number[]): Promise<Map<number, SloStatusRow>> {
    const result = new Map<number, SloStatusRow>();
    for (const part of chunk(sloKeys, keysPerStatement())) {
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

  async listPortfolioEntityRefs(filter: PortfolioFilter): Promise<string[]> {
    const rows = await this.portfolioQuery(filter)
      .distinct('d.entity_ref')
      .orderBy('d.entity_ref');
    return rows.map(row => row.entity_ref);
  }

  /** Live SLOs joined with their status, filtered (no paging, no columns). */
  private portfolioQuery(filter: PortfolioFilter) {
    const query = this.db('slo_definitions as d')
      .leftJoin('slo_status as s', 's.slo_key', 'd.slo_key')
      .whereNull('d.deleted_at');
    if (filter.owners && filter.owners.length > 0) {
      const owners = filter.owners;
      query.andWhere(q =>
        q.whereIn('d.service_owner', owners).orWhereIn('d.sre_owner', owners),
      );
    }
    if (filter.statuses && filter.statuses.length > 0) {
      const statuses = filter.statuses as SloStatusValue[];
      if (statuses.includes('no-data')) {
        query.andWhere(q =>
          q.whereIn('s.status', statuses).orWhereNull('s.status'),
        );
      } else {
        query.whereIn('s.status', statuses);
      }
    }
    if (filter.excludeEntityRefs && filter.excludeEntityRefs.length > 0) {
      query.whereNotIn('d.entity_ref', filter.excludeEntityRefs);
    }
    if (filter.entityRefs) {
      query.whereIn('d.entity_ref', filter.entityRefs);
    }
    return query;
  }

  async listEntityStatuses(entityRefs: string[]): Promise<SloWithStatus[]> {
    const result: SloWithStatus[] = [];
    for (const part of chunk([...new Set(entityRefs)], keysPerStatement())) {
      const rows = await this.db('slo_definitions as d')
        .leftJoin('slo_status as s', 's.slo_key', 'd.slo_key')
        .whereNull('d.deleted_at')
        .whereIn('d.entity_ref', part)
        .orderBy('d.id')
        .select(SLO_WITH_STATUS_COLUMNS);
      result.push(...rows.map(rowToSloWithStatus));
    }
    return result;
  }

  async listPortfolio(options: PortfolioQueryOptions): Promise<PortfolioPage> {
    const filtered = () => this.portfolioQuery(options);
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
    pageQuery.limit(options.limit).select(SLO_WITH_STATUS_COLUMNS);
    if (options.afterId !== undefined && !options.sort) {
      pageQuery.where('d.id', '>', options.afterId);
    }
    const rows = await pageQuery;
    return { totalCount: toNumber(count), rows: rows.map(rowToSloWithStatus) };
  }
}
