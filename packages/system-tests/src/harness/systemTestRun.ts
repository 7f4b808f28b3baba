import path from 'node:path';
import { BackendProcess } from './backendProcess';
import { ScheduleConfig } from './backendConfig';
import { workDir } from './paths';
import { PostgresCluster } from './postgresCluster';
import { SloDatabase } from './sloDatabase';
import { SloFixture, writeSloFixture } from './sloFixture';
import { readPortfolio } from './sloApi';

/** Every SLO job every `seconds`, so a test sees many cycles; `timeout` bounds a killed run's claim. */
export function fastSchedules(
  seconds: number,
  timeoutSeconds: number,
): Record<string, ScheduleConfig> {
  const schedule = {
    frequency: { seconds },
    timeout: { seconds: timeoutSeconds },
    initialDelay: { seconds: 1 },
  };
  // Retention stays out of the way: the tests' data is recent anyway.
  const retention = {
    frequency: { minutes: 60 },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 3600 },
  };
  return { evaluation: schedule, catalogSync: schedule, retention };
}

/**
 * One system test's world: the tests' own PostgreSQL cluster (started if
 * needed, stopped at the end if it started it), fresh plugin databases under
 * a new prefix, a fixture catalog, and backend replicas on consecutive ports.
 */
export class SystemTestRun {
  readonly cluster = new PostgresCluster();
  readonly prefix: string;
  readonly fixture: SloFixture;
  readonly replicas: BackendProcess[] = [];
  private startedCluster = false;
  private database?: SloDatabase;

  constructor(
    readonly name: string,
    options: {
      entities: number;
      slosPerEntity: number;
      replicas: number;
      schedules: Record<string, ScheduleConfig>;
      basePort?: number;
    },
  ) {
    this.prefix = `st_${name}_${Date.now().toString(36)}_`;
    this.fixture = writeSloFixture(path.join(workDir, `${name}-catalog`), {
      entities: options.entities,
      slosPerEntity: options.slosPerEntity,
    });
    const basePort =
      options.basePort ?? Number(process.env.SLO_KIT_SYSTEM_PORT ?? 7101);
    for (let i = 0; i < options.replicas; i++) {
      this.replicas.push(
        new BackendProcess({
          name: `${name}-${String.fromCharCode(97 + i)}`,
          port: basePort + i,
          postgres: { port: this.cluster.port },
          databasePrefix: this.prefix,
          fixtureDir: this.fixture.dir,
          schedules: options.schedules,
        }),
      );
    }
  }

  get db(): SloDatabase {
    if (!this.database) {
      this.database = new SloDatabase(this.cluster, this.prefix);
    }
    return this.database;
  }

  /** Starts the cluster and every replica (one after the other: the first migrates). */
  async start(): Promise<void> {
    this.startedCluster = await this.cluster.start();
    for (const replica of this.replicas) {
      await replica.start();
    }
  }

  /** Starts the replicas a previous test left stopped (killed). */
  async ensureRunning(): Promise<void> {
    for (const replica of this.replicas) {
      if (!replica.running) await replica.start();
    }
  }

  /** Waits until every replica lists every fixture SLO (catalog processed, SLOs synced). */
  async waitForSlos(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const want = this.fixture.sloIds.length;
    for (;;) {
      const counts = await Promise.all(
        this.replicas
          .filter(r => r.running)
          .map(r => readPortfolio(r.baseUrl).then(items => items.length)),
      );
      if (counts.every(c => c === want)) return;
      if (Date.now() > deadline) {
        throw new Error(
          `SLOs not synced within ${timeoutMs} ms: replicas list ${counts.join(
            ', ',
          )} of ${want}`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  /**
   * Waits until an evaluation cycle has handled every change written so far:
   * no dirty hours left, and a cycle ended after the call.
   */
  async waitForEvaluation(
    runsOf: () => Array<{ start: number }>,
    timeoutMs = 120_000,
  ): Promise<void> {
    const since = Date.now();
    const deadline = since + timeoutMs;
    for (;;) {
      const ended = runsOf().some(r => r.start > since);
      if (ended && (await this.db.dirtyHourCount()) === 0) return;
      if (Date.now() > deadline) {
        throw new Error(
          `no evaluation cycle cleared the changed hours within ${timeoutMs} ms`,
        );
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  /** Stops every replica, drops the test's databases, stops the cluster if this run started it. */
  async stop(): Promise<void> {
    await Promise.all(this.replicas.map(r => r.stop()));
    await this.database?.destroy();
    this.database = undefined;
    if (await this.cluster.isRunning()) {
      await this.cluster.dropDatabases(this.prefix);
    }
    if (this.startedCluster) await this.cluster.stop();
  }
}
