/*
 * Two replicas on one PostgreSQL: two real backend processes share the
 * plugin databases; two writers send to both at once, with a third of the
 * minutes sent to both (replays). Checks, from what the backends left in
 * PostgreSQL and in their logs:
 *  - every (SLO, minute) is stored exactly once with the written counts;
 *  - the hourly (and daily) rollups are the sums of the minutes;
 *  - each scheduled job (evaluation, catalog sync) ran once per interval
 *    across both replicas: runs never overlap and are no more frequent
 *    than the cadence allows, and the scheduler holds one row per task;
 *  - both replicas answer the same statuses, and they count what was written.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertNone } from './harness/assertNone';
import {
  catalogSyncRuns,
  evaluationRuns,
  maxRunsInWindow,
  mergedRuns,
  overlappingRuns,
} from './harness/jobRuns';
import {
  MINUTE_MS,
  SliPoint,
  currentMinute,
  getSlo,
  postSli,
  readPortfolio,
} from './harness/sloApi';
import { SystemTestRun, fastSchedules } from './harness/systemTestRun';

const CADENCE_S = 6;
const run = new SystemTestRun('replicas', {
  entities: 3,
  slosPerEntity: 2,
  replicas: 2,
  schedules: fastSchedules(CADENCE_S, 60),
});
const [a, b] = run.replicas;

/** Counts of one SLO's minute, a pure function of both. */
function countsOf(sloIndex: number, minute: number) {
  const total = 1000 + ((minute / MINUTE_MS) % 97) + sloIndex;
  const good = total - ((minute / MINUTE_MS + sloIndex) % 7);
  return { good, total };
}

/** When both replicas were up: the start of the window in which job runs are counted. */
let bothUp = 0;
const OBSERVED_MS = 90_000;

before(async () => {
  await run.start();
  bothUp = Date.now();
  await run.waitForSlos();
});

after(async () => {
  await run.stop();
});

test('two replicas on one database: no lost or doubled minute, rollups are sums, one job run per interval, same statuses', async () => {
  // 150 minutes before now, so the data spans three hours.
  const last = currentMinute() - MINUTE_MS;
  const minutes = Array.from({ length: 150 }, (_, i) => last - i * MINUTE_MS);
  const expected = new Map<string, { good: number; total: number }>();
  const toA: SliPoint[] = [];
  const toB: SliPoint[] = [];
  run.fixture.sloIds.forEach((slo, s) => {
    minutes.forEach((minute, m) => {
      const point = { slo, minute, ...countsOf(s, minute) };
      expected.set(`${slo}@${minute}`, {
        good: point.good,
        total: point.total,
      });
      // A third of the minutes go to both replicas: replays set, never add.
      if (m % 3 !== 1) toA.push(point);
      if (m % 3 !== 0) toB.push(point);
    });
  });
  const batches = (points: SliPoint[]) =>
    Array.from({ length: Math.ceil(points.length / 50) }, (_, i) =>
      points.slice(i * 50, i * 50 + 50),
    );
  const send = async (baseUrl: string, points: SliPoint[]) => {
    for (const batch of batches(points)) {
      const res = await postSli(baseUrl, batch);
      assert.equal(
        res.status,
        200,
        `POST /v1/sli to ${baseUrl}: ${JSON.stringify(
          res.body ?? res.networkError,
        )}`,
      );
      assert.equal(res.body.accepted, batch.length);
    }
  };
  await Promise.all([send(a.baseUrl, toA), send(b.baseUrl, toB)]);

  const stored = await run.db.minutes({ sloIds: run.fixture.sloIds });
  assert.equal(stored.length, expected.size, 'one row per (SLO, minute)');
  const wrong = stored.filter(row => {
    const want = expected.get(`${row.slo}@${row.minute}`);
    return !want || want.good !== row.good || want.total !== row.total;
  });
  assertNone(wrong, 'stored counts are the written counts');

  const allRuns = () => [
    ...evaluationRuns(a.name, a.lines),
    ...evaluationRuns(b.name, b.lines),
  ];
  await run.waitForEvaluation(allRuns);
  assertNone(
    await run.db.rollupMismatches(),
    'rollups are the sums of the minutes',
  );

  // Statuses: the same whichever replica answers, and they count the data.
  const [fromA, fromB] = await Promise.all([
    readPortfolio(a.baseUrl),
    readPortfolio(b.baseUrl),
  ]);
  assert.deepEqual(fromA, fromB, 'portfolio answers of the two replicas');
  assert.equal(fromA.length, run.fixture.sloIds.length);
  for (const entity of run.fixture.entities) {
    const path = `/v1/entities/component/default/${entity}`;
    const [ra, rb] = await Promise.all([
      getSlo(a.baseUrl, path),
      getSlo(b.baseUrl, path),
    ]);
    assert.equal(ra.status, 200, JSON.stringify(ra.body));
    assert.deepEqual(ra.body, rb.body, `${path} on the two replicas`);
    for (const slo of ra.body.slos) {
      assert.equal(
        slo.status?.dataThrough,
        new Date(last + MINUTE_MS).toISOString(),
        `${slo.id} dataThrough`,
      );
    }
  }
  for (const item of fromA) {
    const s = run.fixture.sloIds.indexOf(item.id);
    assert.ok(s >= 0, `${item.id} is a fixture SLO`);
    const sums = minutes.reduce(
      (acc, minute) => {
        const c = countsOf(s, minute);
        return { good: acc.good + c.good, total: acc.total + c.total };
      },
      { good: 0, total: 0 },
    );
    assert.ok(
      typeof item.sli === 'number' &&
        Math.abs(item.sli - sums.good / sums.total) < 1e-9,
      `${item.id} sli ${item.sli} is good/total of every written minute (${sums.good}/${sums.total})`,
    );
  }

  // Writers keep sending the newest minute to both replicas until the jobs
  // have been watched long enough.
  let turn = 0;
  while (Date.now() - bothUp < OBSERVED_MS) {
    const replica = run.replicas[turn++ % 2];
    const minute = currentMinute();
    const res = await postSli(
      replica.baseUrl,
      run.fixture.sloIds.map((slo, i) => ({
        slo,
        minute,
        ...countsOf(i, minute),
      })),
    );
    assert.equal(res.status, 200, JSON.stringify(res.body ?? res.networkError));
    await new Promise(r => setTimeout(r, 2000));
  }

  // Scheduled jobs: once per interval across both replicas.
  const windowStart = bothUp;
  const windowEnd = Date.now();
  const windowMs = windowEnd - windowStart;
  const cadenceMs = CADENCE_S * 1000;
  for (const [job, runs] of [
    ['slo-evaluation', mergedRuns(allRuns(), windowStart, windowEnd)],
    [
      'slo-catalog-sync',
      mergedRuns(
        [
          ...catalogSyncRuns(a.name, a.lines),
          ...catalogSyncRuns(b.name, b.lines),
        ],
        windowStart,
        windowEnd,
      ),
    ],
  ] as const) {
    const byReplica = runs.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r.replica]: (acc[r.replica] ?? 0) + 1 }),
      {},
    );
    process.stdout.write(
      `# ${job}: ${runs.length} runs in ${Math.round(
        windowMs / 1000,
      )} s (cadence ${CADENCE_S} s), by replica ${JSON.stringify(byReplica)}\n`,
    );
    assertNone(overlappingRuns(runs), `${job}: runs never overlap`);
    assert.ok(
      runs.length <= maxRunsInWindow(windowMs, cadenceMs),
      `${job}: ${runs.length} runs in ${windowMs} ms is more than one per ${CADENCE_S} s interval`,
    );
    assert.ok(
      runs.length >= Math.floor(windowMs / cadenceMs / 3),
      `${job}: only ${runs.length} runs in ${windowMs} ms`,
    );
  }
  const tasks = await run.db.schedulerTasks();
  const ids = tasks.map(t => t.id).sort();
  assert.deepEqual(
    ids,
    [...new Set(ids)],
    'one scheduler row per task, shared by the replicas',
  );
  assert.ok(ids.includes('slo-evaluation') && ids.includes('slo-catalog-sync'));
});
