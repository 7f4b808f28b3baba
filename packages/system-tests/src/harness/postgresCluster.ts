import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory, { Knex } from 'knex';
import { repoRoot } from './paths';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL 15 cluster of the system tests' own (never the one
 * unit tests share), run by scripts/postgres.sh on its own port and in its own
 * directory, so a test may stop and restart it.
 */
export class PostgresCluster {
  readonly port: number;
  readonly home: string;

  constructor(options: { port?: number; home?: string } = {}) {
    this.port =
      options.port ?? Number(process.env.SLO_KIT_SYSTEM_PG_PORT ?? 55434);
    this.home =
      options.home ??
      process.env.SLO_KIT_SYSTEM_PG_HOME ??
      `/var/tmp/slo-kit-system-tests-postgres-${this.port}`;
  }

  get url(): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/postgres`;
  }

  private async script(command: 'start' | 'stop' | 'status') {
    return run('bash', [path.join(repoRoot, 'scripts/postgres.sh'), command], {
      env: {
        ...process.env,
        SLO_KIT_PG_PORT: String(this.port),
        SLO_KIT_PG_HOME: this.home,
      },
    });
  }

  /** Starts the cluster; true when it was not running before. */
  async start(): Promise<boolean> {
    const wasRunning = await this.isRunning();
    await this.script('start');
    return !wasRunning;
  }

  /** Stops the cluster (fast shutdown: open sessions are cut). */
  async stop(): Promise<void> {
    await this.script('stop');
  }

  async isRunning(): Promise<boolean> {
    try {
      await this.script('status');
      return true;
    } catch {
      return false;
    }
  }

  /** A knex client on one database of the cluster; destroy it after use. */
  connect(database = 'postgres'): Knex {
    return knexFactory({
      client: 'pg',
      connection: {
        host: '127.0.0.1',
        port: this.port,
        user: 'postgres',
        password: 'postgres',
        database,
      },
      pool: { min: 0, max: 4 },
    });
  }

  /** Drops every database whose name starts with `prefix` (a test run's plugin databases). */
  async dropDatabases(prefix: string): Promise<void> {
    const db = this.connect();
    try {
      const { rows } = await db.raw(
        'select datname from pg_database where datname like ?',
        [`${prefix}%`],
      );
      for (const { datname } of rows as Array<{ datname: string }>) {
        await db.raw('drop database if exists ?? with (force)', [datname]);
      }
    } finally {
      await db.destroy();
    }
  }
}
