import { Knex } from 'knex';
import { HOUR_MS } from './sloApi';
import { PostgresCluster } from './postgresCluster';

/** A stored minute bucket, by SLO id. */
export interface StoredMinute {
  slo: string;
  minute: number;
  good: number;
  total: number;
}

/** A rollup that differs from the sums of what it rolls up. */
export interface RollupMismatch {
  table: 'slo_hour_rollups' | 'slo_day_rollups';
  sloKey: number;
  start: number;
  stored: { good: number | null; total: number | null };
  expected: { good: number | null; total: number | null };
}

/**
 * Reads what the backends stored, straight from the SLO plugin's database:
 * the evidence the system tests judge (never the backends' own answers).
 */
export class SloDatabase {
  readonly db: Knex;

  constructor(cluster: PostgresCluster, databasePrefix: string) {
    this.db = cluster.connect(`${databasePrefix}slo`);
  }

  async destroy() {
    await this.db.destroy();
  }

  /** Minute buckets of the given SLOs (all when omitted) from `from` on. */
  async minutes(options: {
    sloIds?: string[];
    from?: number;
  }): Promise<StoredMinute[]> {
    const query = this.db('slo_minute_buckets as m')
      .join('slo_definitions as d', 'd.slo_key', 'm.slo_key')
      .select('d.id', 'm.bucket_start', 'm.good', 'm.total');
    if (options.sloIds) query.whereIn('d.id', options.sloIds);
    if (options.from !== undefined)
      query.where('m.bucket_start', '>=', options.from);
    const rows = await query;
    return rows.map(r => ({
      slo: r.id,
      minute: Number(r.bucket_start),
      good: Number(r.good),
      total: Number(r.total),
    }));
  }

  /**
   * Hourly rollups that are not the sums of their hour's minutes (or missing,
   * or without minutes), and daily rollups that are not the sums of their
   * day's hourly rollups.
   */
  async rollupMismatches(): Promise<RollupMismatch[]> {
    const hours = await this.db.raw(
      `select coalesce(m.slo_key, r.slo_key) as slo_key,
              coalesce(m.hour_start, r.hour_start) as start,
              r.good as stored_good, r.total as stored_total,
              m.good as expected_good, m.total as expected_total
         from (select slo_key, bucket_start - bucket_start % ${HOUR_MS} as hour_start,
                      sum(good) as good, sum(total) as total
                 from slo_minute_buckets group by 1, 2) m
         full outer join slo_hour_rollups r
           on r.slo_key = m.slo_key and r.hour_start = m.hour_start
        where m.good is distinct from r.good or m.total is distinct from r.total`,
    );
    const days = await this.db.raw(
      `select d.slo_key, d.day_start as start,
              d.good as stored_good, d.total as stored_total,
              h.good as expected_good, h.total as expected_total
         from slo_day_rollups d
         left join (select slo_key, hour_start - hour_start % ${
           24 * HOUR_MS
         } as day_start,
                           sum(good) as good, sum(total) as total
                      from slo_hour_rollups group by 1, 2) h
           on h.slo_key = d.slo_key and h.day_start = d.day_start
        where h.good is distinct from d.good or h.total is distinct from d.total`,
    );
    const num = (v: unknown) => (v === null ? null : Number(v));
    const toMismatch =
      (table: RollupMismatch['table']) =>
      (r: any): RollupMismatch => ({
        table,
        sloKey: Number(r.slo_key),
        start: Number(r.start),
        stored: { good: num(r.stored_good), total: num(r.stored_total) },
        expected: { good: num(r.expected_good), total: num(r.expected_total) },
      });
    return [
      ...hours.rows.map(toMismatch('slo_hour_rollups')),
      ...days.rows.map(toMismatch('slo_day_rollups')),
    ];
  }

  /** Sums of every stored minute of each SLO, by SLO id. */
  async sums(): Promise<Map<string, { good: number; total: number }>> {
    const { rows } = await this.db.raw(
      `select d.id, sum(m.good) as good, sum(m.total) as total
         from slo_minute_buckets m join slo_definitions d on d.slo_key = m.slo_key
        group by d.id`,
    );
    return new Map(
      rows.map((r: any) => [
        r.id as string,
        { good: Number(r.good), total: Number(r.total) },
      ]),
    );
  }

  /** Hours whose minutes changed since the last evaluation cycle. */
  async dirtyHourCount(): Promise<number> {
    const [{ count }] = await this.db('slo_dirty_hours').count({ count: '*' });
    return Number(count);
  }

  /** The scheduler's rows of the SLO plugin's tasks (Backstage's `backstage_backend_tasks__tasks`). */
  async schedulerTasks(): Promise<
    Array<{ id: string; ticket: string | null; startedAt: Date | null }>
  > {
    const rows = await this.db('backstage_backend_tasks__tasks')
      .where('id', 'like', 'slo-%')
      .select('id', 'current_run_ticket', 'current_run_started_at');
    return rows.map(r => ({
      id: r.id,
      ticket: r.current_run_ticket ?? null,
      startedAt: r.current_run_started_at ?? null,
    }));
  }

  /** Count of live SLO definitions. */
  async liveSloCount(): Promise<number> {
    const [{ count }] = await this.db('slo_definitions')
      .whereNull('deleted_at')
      .count({ count: '*' });
    return Number(count);
  }

  /**
   * Sessions of the given backends (by `application_name`) on the SLO
   * database that are running a statement or hold an open transaction, with
   * the statement's text.
   */
  async busySessions(): Promise<
    Array<{ replica: string; state: string; query: string }>
  > {
    const { rows } = await this.db.raw(
      `select application_name, state, query from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and state in ('active', 'idle in transaction')`,
    );
    return rows.map((r: any) => ({
      replica: r.application_name,
      state: r.state,
      query: r.query,
    }));
  }
}
