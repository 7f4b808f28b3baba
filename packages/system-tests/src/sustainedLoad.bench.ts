/*
 * Sustained load on one real backend process on PostgreSQL: 20,000 SLI
 * points/s (10,000-point batches, the newest two minutes of 5,000 SLOs,
 * replays included) for 5 minutes, while the evaluation job (every minute)
 * evaluates the 5,000 SLOs and entity pages are read at 20/s (batches are
 * built and sent from a worker thread, so the thread timing the reads is
 * not blocked by them). Reports read
 * latency (target p95 <= 50 ms, no error), ingestion throughput and latency,
 * the evaluation cycles, and the backend's CPU and memory, with the
 * machine's load average. Results: bench-results/system-sustained-load.txt.
 *
 *   yarn workspace @slo-kit/system-tests bench
 * SLO_BENCH_SECONDS (default 300), SLO_BENCH_POINTS_PER_SECOND (20000),
 * SLO_BENCH_READS_PER_SECOND (20) change the load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { evaluationRuns } from './harness/jobRuns';
import { percentile } from './harness/latencies';
import { repoRoot } from './harness/paths';
import {
  MINUTE_MS,
  SliPoint,
  currentMinute,
  getSlo,
  postSli,
} from './harness/sloApi';
import { countsOf, writeSliInThread } from './harness/sliLoadWriter';
import { SystemTestRun } from './harness/systemTestRun';

const SECONDS = Number(process.env.SLO_BENCH_SECONDS ?? 300);
const POINTS_PER_SECOND = Number(
  process.env.SLO_BENCH_POINTS_PER_SECOND ?? 20_000,
);
const READS_PER_SECOND = Number(process.env.SLO_BENCH_READS_PER_SECOND ?? 20);
const BATCH = 10_000;
const SEED_HOURS = 2;
const RESULTS = path.join(
  repoRoot,
  'bench-results',
  'system-sustained-load.txt',
);

const lines: string[] = [];
function report(line: string) {
  lines.push(line);
  process.stdout.write(`${line}\n`);
}
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main() {
  const run = new SystemTestRun('bench', {
    entities: 1000,
    slosPerEntity: 5,
    replicas: 1,
    basePort: Number(process.env.SLO_KIT_SYSTEM_PORT ?? 7101) + 20,
    schedules: {
      evaluation: {
        frequency: { minutes: 1 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 5 },
      },
      catalogSync: {
        frequency: { minutes: 1 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 5 },
      },
      retention: {
        frequency: { minutes: 60 },
        timeout: { minutes: 30 },
        initialDelay: { seconds: 3600 },
      },
    },
  });
  const [backend] = run.replicas;
  const slos = run.fixture.sloIds;
  try {
    report(`SLO Kit sustained load, ${new Date().toISOString()}`);
    report(
      `node ${process.version}, ${os.cpus().length} CPU(s) ${
        os.cpus()[0]?.model ?? ''
      }; load average at start ${os
        .loadavg()
        .map(v => v.toFixed(2))
        .join(' ')}`,
    );
    report(
      `one backend process (packages/backend, the demo backend) on PostgreSQL 15 (scripts/postgres.sh, fsync off), ${slos.length} SLOs on ${run.fixture.entities.length} catalog entities`,
    );
    const started = Date.now();
    await run.start();
    await run.waitForSlos(900_000);
    report(
      `backend up and ${slos.length} SLOs synced from the catalog in ${(
        (Date.now() - started) /
        1000
      ).toFixed(0)} s`,
    );

    // History: the last SEED_HOURS hours of every SLO, so evaluation reads rollups.
    const seedStart = Date.now();
    const last = currentMinute() - 2 * MINUTE_MS;
    let pending: SliPoint[] = [];
    for (
      let m = last - SEED_HOURS * 60 * MINUTE_MS;
      m <= last;
      m += MINUTE_MS
    ) {
      for (let s = 0; s < slos.length; s++) {
        pending.push({ slo: slos[s], minute: m, ...countsOf(s, m) });
      }
      if (pending.length >= BATCH) {
        const res = await postSli(backend.baseUrl, pending.splice(0, BATCH));
        if (res.status !== 200)
          throw new Error(
            `seeding: ${res.status} ${JSON.stringify(
              res.body ?? res.networkError,
            )}`,
          );
      }
    }
    if (pending.length) await postSli(backend.baseUrl, pending);
    pending = [];
    report(
      `seeded ${SEED_HOURS} h of minutes for every SLO in ${(
        (Date.now() - seedStart) /
        1000
      ).toFixed(0)} s`,
    );
    await sleep(70_000); // one evaluation cycle over the seeded data before measuring

    const reads: Array<{
      status: number;
      ms: number;
      startedAt: number;
      endedAt: number;
    }> = [];
    const usage: Array<{ at: number; cpuMs: number; rssBytes: number }> = [];
    const startAt = Date.now();
    const endAt = startAt + SECONDS * 1000;
    const writer = writeSliInThread({
      baseUrl: backend.baseUrl,
      sloIds: slos,
      startAt,
      endAt,
      pointsPerSecond: POINTS_PER_SECOND,
      batchSize: BATCH,
      maxInFlight: 4,
    });
    const reader = async () => {
      const interval = 1000 / READS_PER_SECOND;
      const inFlight: Promise<void>[] = [];
      for (let i = 0; Date.now() < endAt; i++) {
        const due = startAt + i * interval;
        if (due > Date.now()) await sleep(due - Date.now());
        const entity = run.fixture.entities[i % run.fixture.entities.length];
        inFlight.push(
          getSlo(
            backend.baseUrl,
            `/v1/entities/component/default/${entity}`,
          ).then(res => {
            reads.push({
              status: res.status,
              ms: res.endedAt - res.startedAt,
              startedAt: res.startedAt,
              endedAt: res.endedAt,
            });
          }),
        );
      }
      await Promise.all(inFlight);
    };
    const sampler = async () => {
      while (Date.now() < endAt) {
        usage.push({ at: Date.now(), ...backend.usage() });
        await sleep(5000);
      }
      usage.push({ at: Date.now(), ...backend.usage() });
    };
    // The reading thread's own event loop: a reply is timed when this thread
    // gets to it, so a busy thread would add to the read latencies. The
    // batches are built and sent from a thread of their own for that reason.
    // The histogram counts its own timer's interval in every sample, so that
    // interval is taken off below.
    const delayResolutionMs = 10;
    const generatorDelay = monitorEventLoopDelay({
      resolution: delayResolutionMs,
    });
    generatorDelay.enable();
    const [writes] = await Promise.all([writer, reader(), sampler()]);
    generatorDelay.disable();
    const elapsed = (Date.now() - startAt) / 1000;

    const okWrites = writes.filter(w => w.status === 200);
    const points = okWrites.reduce((n, w) => n + w.points, 0);
    const writeMs = okWrites.map(w => w.ms);
    const readMs = reads.filter(r => r.status === 200).map(r => r.ms);
    const readErrors = reads.filter(r => r.status !== 200);
    const writeErrors = writes.filter(w => w.status !== 200);
    const cycles = evaluationRuns(backend.name, backend.lines).filter(
      r => r.start >= startAt,
    );
    const cycleMs = cycles.map(c => c.end - c.start);
    const cpu =
      usage.length > 1
        ? (usage[usage.length - 1].cpuMs - usage[0].cpuMs) /
          (usage[usage.length - 1].at - usage[0].at)
        : NaN;
    const rss = usage.map(u => u.rssBytes / 2 ** 20);
    const p95 = percentile(readMs, 95);

    report('');
    report(
      `load for ${elapsed.toFixed(
        0,
      )} s: target ${POINTS_PER_SECOND} points/s in ${BATCH}-point batches, ${READS_PER_SECOND} entity reads/s`,
    );
    report(
      `ingestion: ${points} points in ${okWrites.length} batches = ${(
        points / elapsed
      ).toFixed(0)} points/s; ${writeErrors.length} failed batches${
        writeErrors.length
          ? ` (${[...new Set(writeErrors.map(w => w.status))].join(', ')})`
          : ''
      }`,
    );
    report(
      `    batch latency p50 ${ms(percentile(writeMs, 50))}, p95 ${ms(
        percentile(writeMs, 95),
      )}, max ${ms(Math.max(...writeMs))}`,
    );
    report(
      `entity reads (GET /api/slo/v1/entities/component/default/{name}, 5 SLOs each): ${reads.length}, ${readErrors.length} errors`,
    );
    report(
      `    p50 ${ms(percentile(readMs, 50))}, p95 ${ms(p95)}, p99 ${ms(
        percentile(readMs, 99),
      )}, max ${ms(Math.max(...readMs))}   target p95 <= 50 ms, no error`,
    );
    // Where the slow reads are: while an evaluation cycle ran, or not.
    const duringCycle = (r: { startedAt: number; endedAt: number }) =>
      cycles.some(c => r.startedAt < c.end && r.endedAt > c.start);
    const okReads = reads.filter(r => r.status === 200);
    for (const [label, part] of [
      ['while an evaluation cycle ran', okReads.filter(duringCycle)],
      ['at other times', okReads.filter(r => !duringCycle(r))],
    ] as const) {
      const partMs = part.map(r => r.ms);
      report(
        `    reads ${label}: ${part.length}, p50 ${ms(
          percentile(partMs, 50),
        )}, p95 ${ms(percentile(partMs, 95))}`,
      );
    }
    const generatorDelayMs = (nanoseconds: number) =>
      ms(Math.max(0, nanoseconds / 1e6 - delayResolutionMs));
    report(
      `    reading thread's event loop delay (adds to every read latency above; batches are sent from another thread): p50 ${generatorDelayMs(
        generatorDelay.percentile(50),
      )}, p95 ${generatorDelayMs(
        generatorDelay.percentile(95),
      )}, max ${generatorDelayMs(generatorDelay.max)}`,
    );
    report(
      `evaluation cycles of ${slos.length} SLOs during the load: ${
        cycles.length
      }, duration p50 ${ms(percentile(cycleMs, 50))}, max ${ms(
        Math.max(...cycleMs),
      )}`,
    );
    report(
      `backend process: CPU ${(cpu * 100).toFixed(
        0,
      )}% of one core on average; resident memory avg ${(
        rss.reduce((x, y) => x + y, 0) / rss.length
      ).toFixed(0)} MiB, max ${Math.max(...rss).toFixed(0)} MiB`,
    );
    report(
      `load average at end ${os
        .loadavg()
        .map(v => v.toFixed(2))
        .join(
          ' ',
        )} (the machine is shared; PostgreSQL and the load generator run on it too)`,
    );
    const pass =
      p95 <= 50 && readErrors.length === 0 && writeErrors.length === 0;
    report(
      `result: ${pass ? 'PASS' : 'FAIL'} (read p95 ${ms(p95)}, ${
        readErrors.length + writeErrors.length
      } errors)`,
    );
  } finally {
    await run.stop();
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${lines.join('\n')}\n`);
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
