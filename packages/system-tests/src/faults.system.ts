/*
 * Faults, with two real backend replicas on the tests' own PostgreSQL:
 *  - kill -9 of a backend in the middle of a 10,000-point batch (while its
 *    transaction is open in PostgreSQL): the batch is stored whole or not at
 *    all, and sending it again (to the other replica) makes it whole;
 *  - kill -9 of the backend running an evaluation cycle, mid-cycle: the next
 *    cycle (on the other replica, once the killed run's claim times out)
 *    gives the right statuses and rollups;
 *  - 8 writers sending overlapping minutes to both replicas for 60 s: every
 *    request succeeds, each minute holds the last write of it, the rollups
 *    are the sums of the minutes;
 *  - PostgreSQL stopped and started under load: ingestion answers 503
 *    (retryable, never 4xx or a bare 500, never a hang) during the outage and succeeds again
 *    afterwards without restarting the backends; retried batches are all stored.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertNone } from './harness/assertNone';
import { evaluationRuns } from './harness/jobRuns';
import {
  ApiResult,
  HOUR_MS,
  MINUTE_MS,
  SliPoint,
  currentMinute,
  postSli,
  readPortfolio,
} from './harness/sloApi';
import { SystemTestRun, fastSchedules } from './harness/systemTestRun';

const CLAIM_TIMEOUT_S = 15;
const run = new SystemTestRun('faults', {
  entities: 10,
  slosPerEntity: 2,
  replicas: 2,
  schedules: fastSchedules(5, CLAIM_TIMEOUT_S),
  basePort: Number(process.env.SLO_KIT_SYSTEM_PORT ?? 7101) + 10,
});
const [a, b] = run.replicas;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`# ${line}\n`);
const allRuns = () => [
  ...evaluationRuns(a.name, a.lines),
  ...evaluationRuns(b.name, b.lines),
];

/** `slos` × `minutes` points with counts from `counts`. */
function grid(
  slos: string[],
  minutes: number[],
  counts: (slo: number, minute: number) => { good: number; total: number },
): SliPoint[] {
  return slos.flatMap((slo, s) =>
    minutes.map(minute => ({ slo, minute, ...counts(s, minute) })),
  );
}

/** `count` minutes ending `endAgo` minutes before the current one, oldest first. */
function minutesBack(endAgo: number, count: number): number[] {
  const end = currentMinute() - endAgo * MINUTE_MS;
  return Array.from(
    { length: count },
    (_, i) => end - (count - 1 - i) * MINUTE_MS,
  );
}

before(async () => {
  await run.start();
  await run.waitForSlos();
});

after(async () => {
  await run.stop();
});

test('kill -9 in the middle of a 10,000-point batch: all or nothing, and a retry makes it whole', async () => {
  await run.ensureRunning();
  const slos = run.fixture.sloIds;
  let caught = false;
  for (let attempt = 0; attempt < 3 && !caught; attempt++) {
    // Minutes no earlier attempt wrote: 500 per SLO, 10 to 18 hours back.
    const minutes = minutesBack(600 + attempt * 500, 500);
    const batch = grid(slos, minutes, (s, m) => ({
      good: 998 - (s % 2) + ((m / MINUTE_MS) % 50),
      total: 1000 + ((m / MINUTE_MS) % 50),
    }));
    assert.equal(batch.length, 10_000);
    const from = minutes[0];

    const pending = postSli(a.baseUrl, batch);
    let answered: ApiResult | undefined;
    pending.then(r => (answered = r));
    // Kill the moment PostgreSQL shows the batch's statement or open transaction.
    while (!answered) {
      const busy = await run.db.busySessions();
      if (
        busy.some(
          s =>
            s.replica === a.name &&
            (s.state === 'idle in transaction' ||
              /slo_minute_buckets|slo_dirty_hours/.test(s.query)),
        )
      ) {
        await a.kill();
        caught = true;
        break;
      }
    }
    const result = await pending;
    if (!caught) {
      log(
        `attempt ${attempt + 1}: the batch was answered (${
          result.status
        }) before its transaction was seen; again`,
      );
      continue;
    }
    assert.equal(
      result.status,
      0,
      `the killed backend answered ${result.status}`,
    );
    await sleep(1000); // PostgreSQL ends the dead session's transaction
    const stored = await run.db.minutes({ sloIds: slos, from });
    const inBatch = stored.filter(r => r.minute <= minutes[minutes.length - 1]);
    log(
      `killed mid-batch on attempt ${attempt + 1}: ${
        inBatch.length
      } of 10000 points stored after the kill`,
    );
    assert.ok(
      inBatch.length === 0 || inBatch.length === 10_000,
      `${inBatch.length} of 10,000 points stored: not all or nothing`,
    );

    const retry = await postSli(b.baseUrl, batch);
    assert.equal(
      retry.status,
      200,
      JSON.stringify(retry.body ?? retry.networkError),
    );
    const whole = (await run.db.minutes({ sloIds: slos, from })).filter(
      r => r.minute <= minutes[minutes.length - 1],
    );
    assert.equal(whole.length, 10_000, 'the retried batch is whole');
    const byKey = new Map(batch.map(p => [`${p.slo}@${p.minute}`, p]));
    assertNone(
      whole.filter(r => {
        const p = byKey.get(`${r.slo}@${r.minute}`);
        return !p || p.good !== r.good || p.total !== r.total;
      }),
      'buckets that differ from the retried batch',
    );
  }
  assert.ok(caught, 'the batch was never caught in flight in three attempts');
  await a.start();
});

test('kill -9 during an evaluation cycle: the next cycle gives the right statuses', async () => {
  await run.ensureRunning();
  const slos = run.fixture.sloIds;
  const burning = slos[0];
  // Two healthy hours for every SLO, then the last 30 minutes of the first
  // SLO fail half their requests: it must turn critical (page alert).
  const minutes = minutesBack(1, 120);
  const counts = (s: number, m: number) =>
    s === 0 && m > minutes[89]
      ? { good: 500, total: 1000 }
      : { good: 999, total: 1000 };
  const points = grid(slos, minutes, counts);
  for (let i = 0; i < points.length; i += 5000) {
    const res = await postSli(b.baseUrl, points.slice(i, i + 5000));
    assert.equal(res.status, 200, JSON.stringify(res.body ?? res.networkError));
  }

  // Kill the replica whose session works on the evaluation's tables while
  // the evaluation task is claimed.
  let killed: typeof a | undefined;
  const deadline = Date.now() + 60_000;
  while (!killed && Date.now() < deadline) {
    const tasks = await run.db.schedulerTasks();
    if (!tasks.find(t => t.id === 'slo-evaluation')?.ticket) continue;
    const busy = await run.db.busySessions();
    const worker = busy.find(s =>
      /slo_hour_rollups|slo_day_rollups|slo_status|slo_job_state|slo_minute_buckets|slo_dirty_hours/.test(
        s.query,
      ),
    );
    const replica = run.replicas.find(r => r.name === worker?.replica);
    if (replica) {
      await replica.kill();
      killed = replica;
    }
  }
  assert.ok(killed, 'no evaluation cycle was caught running within 60 s');
  const killedAt = Date.now();
  const claim = (await run.db.schedulerTasks()).find(
    t => t.id === 'slo-evaluation',
  );
  assert.ok(
    claim?.ticket,
    'the killed run had not finished: its claim is still held',
  );
  log(
    `killed ${
      killed.name
    } mid-cycle; dirty hours left: ${await run.db.dirtyHourCount()}`,
  );

  // The claim times out, then the surviving replica runs the next cycle.
  const survivor = killed === a ? b : a;
  const deadline2 = Date.now() + (CLAIM_TIMEOUT_S + 90) * 1000;
  while (
    !evaluationRuns(survivor.name, survivor.lines).some(r => r.start > killedAt)
  ) {
    assert.ok(Date.now() < deadline2, 'no evaluation cycle after the kill');
    await sleep(500);
  }
  await run.waitForEvaluation(allRuns);
  assertNone(
    await run.db.rollupMismatches(),
    'rollups that are not the sums of the minutes',
  );
  const items = await readPortfolio(survivor.baseUrl);
  const sums = await run.db.sums();
  for (const item of items) {
    const want = item.id === burning ? 'critical' : 'healthy';
    assert.equal(item.status, want, `${item.id}: ${item.status}`);
    const stored = sums.get(item.id)!;
    assert.ok(
      Math.abs(item.sli - stored.good / stored.total) < 1e-9,
      `${item.id} sli ${item.sli}, stored ${stored.good}/${stored.total}`,
    );
  }
  await killed.start();
  assert.deepEqual(
    await readPortfolio(killed.baseUrl),
    await readPortfolio(survivor.baseUrl),
  );
});

test('8 concurrent writers with overlapping minutes for 60 s: last write per minute, rollups are sums', async () => {
  await run.ensureRunning();
  const slos = run.fixture.sloIds;
  // 60 minutes, 20 to 21 hours back: 1,200 (SLO, minute) pairs all writers share.
  const minutes = minutesBack(20 * 60, 60);
  const from = minutes[0];
  type Sent = { points: SliPoint[]; result: ApiResult };
  const sent: Sent[] = [];
  const until = Date.now() + 60_000;
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  await Promise.all(
    Array.from({ length: 8 }, async (_, writer) => {
      const target = writer % 2 === 0 ? a : b;
      for (let seq = 0; Date.now() < until; seq++) {
        const size = 200 + Math.floor(random() * 800);
        const points: SliPoint[] = Array.from({ length: size }, () => {
          const slo = slos[Math.floor(random() * slos.length)];
          const minute = minutes[Math.floor(random() * minutes.length)];
          // Counts name the writer and the batch, so a stored bucket says which write it is.
          const total = 1_000_000 + writer * 100_000 + seq;
          return {
            slo,
            minute,
            good: total - ((minute / MINUTE_MS) % 10),
            total,
          };
        });
        sent.push({ points, result: await postSli(target.baseUrl, points) });
      }
    }),
  );
  const failed = sent.filter(s => s.result.status !== 200);
  log(
    `${sent.length} batches, ${sent.reduce(
      (n, s) => n + s.points.length,
      0,
    )} points, ${failed.length} failed`,
  );
  assertNone(
    failed.map(f => [f.result.status, f.result.body ?? f.result.networkError]),
    'every concurrent write succeeds',
  );

  // For each minute, the writes that may be the last: a write W is last unless
  // another write of the minute started after W was answered. Within a batch
  // the last point of a minute wins.
  const writes = new Map<
    string,
    Array<{ start: number; end: number; good: number; total: number }>
  >();
  for (const { points, result } of sent) {
    const lastInBatch = new Map<string, SliPoint>();
    for (const p of points) lastInBatch.set(`${p.slo}@${p.minute}`, p);
    for (const [key, p] of lastInBatch) {
      const list = writes.get(key) ?? [];
      list.push({
        start: result.startedAt,
        end: result.endedAt,
        good: p.good,
        total: p.total,
      });
      writes.set(key, list);
    }
  }
  const stored = await run.db.minutes({ sloIds: slos, from });
  const inRange = stored.filter(r => r.minute <= minutes[minutes.length - 1]);
  assert.equal(inRange.length, writes.size, 'one bucket per written minute');
  const notLast = inRange.filter(r => {
    const list = writes.get(`${r.slo}@${r.minute}`) ?? [];
    const latestStart = Math.max(...list.map(w => w.start));
    return !list.some(
      w => w.end >= latestStart && w.good === r.good && w.total === r.total,
    );
  });
  assertNone(
    notLast,
    'each bucket holds a write that may be the last of its minute',
  );

  // Once quiet, a last write of every minute is exactly what is stored.
  const final = grid(slos, minutes, (s, m) => ({
    good: 7 + s,
    total: 100 + ((m / MINUTE_MS) % 13),
  }));
  const res = await postSli(a.baseUrl, final);
  assert.equal(res.status, 200);
  const afterFinal = (await run.db.minutes({ sloIds: slos, from })).filter(
    r => r.minute <= minutes[minutes.length - 1],
  );
  const want = new Map(final.map(p => [`${p.slo}@${p.minute}`, p]));
  assert.equal(afterFinal.length, want.size);
  assertNone(
    afterFinal.filter(
      r =>
        want.get(`${r.slo}@${r.minute}`)?.total !== r.total ||
        want.get(`${r.slo}@${r.minute}`)?.good !== r.good,
    ),
    'buckets that are not the final write',
  );

  await run.waitForEvaluation(allRuns);
  assertNone(
    await run.db.rollupMismatches(),
    'rollups are the sums of the minutes',
  );
});

test('PostgreSQL restarted under load: 503 during the outage, recovery without restarting the backends', async () => {
  await run.ensureRunning();
  const slos = run.fixture.sloIds;
  const pids = run.replicas.map(r => r.pid);
  const results: Array<{ phase: string; replica: string; result: ApiResult }> =
    [];
  let phase = 'before';
  let stop = false;
  const unsent: SliPoint[][] = [];
  // Each writer sends 60-point batches (3 minutes of every SLO, 2 days back),
  // and retries a batch that got 5xx until it is stored, as remote-write does.
  const writer = async (replica: typeof a, slot: number) => {
    for (let seq = 0; !stop; seq++) {
      const minute =
        currentMinute() -
        2 * 24 * HOUR_MS -
        (slot * 10_000 + seq) * 3 * MINUTE_MS;
      const batch = grid(
        slos,
        [minute, minute - MINUTE_MS, minute - 2 * MINUTE_MS],
        (_s, m) => ({
          good: 999 + ((m / MINUTE_MS) % 5),
          total: 1000 + ((m / MINUTE_MS) % 5),
        }),
      );
      for (;;) {
        const result = await postSli(replica.baseUrl, batch, 15_000);
        results.push({ phase, replica: replica.name, result });
        if (result.status === 200) break;
        if (stop) {
          unsent.push(batch);
          break;
        }
        await sleep(200);
      }
      await sleep(100);
    }
  };
  const writers = [writer(a, 0), writer(b, 1)];
  await sleep(5000);
  phase = 'outage';
  await run.cluster.stop();
  const outageStart = Date.now();
  await sleep(8000);
  const outageEnd = Date.now();
  await run.cluster.start();
  phase = 'after';
  const recoverStart = Date.now();
  // Recovered when both replicas' newest answers are successes again.
  while (Date.now() - recoverStart < 60_000) {
    const newest = run.replicas.map(r =>
      [...results]
        .reverse()
        .find(
          x =>
            x.replica === r.name &&
            x.phase === 'after' &&
            x.result.startedAt > recoverStart + 500,
        ),
    );
    if (newest.every(x => x?.result.status === 200)) break;
    await sleep(500);
  }
  const recoveredMs = Date.now() - recoverStart;
  await sleep(3000);
  stop = true;
  await Promise.all(writers);

  // Requests sent and answered while PostgreSQL was down.
  const outage = results.filter(
    r => r.result.startedAt >= outageStart && r.result.endedAt <= outageEnd,
  );
  const byStatus = outage.reduce<Record<string, number>>(
    (acc, r) => ({
      ...acc,
      [String(r.result.status)]: (acc[String(r.result.status)] ?? 0) + 1,
    }),
    {},
  );
  log(
    `outage of ${Math.round(
      (recoverStart - outageStart) / 1000,
    )} s: answers ${JSON.stringify(
      byStatus,
    )}; recovered ${recoveredMs} ms after PostgreSQL was back`,
  );
  assert.ok(outage.length > 0, 'requests were sent during the outage');
  // 503 ServiceUnavailableError with Retry-After: the backend tells a
  // database outage from a bug (500).
  const notRetryable = outage.filter(
    r =>
      r.result.status !== 503 ||
      r.result.body?.error?.name !== 'ServiceUnavailableError',
  );
  assertNone(
    notRetryable.map(r => [
      r.replica,
      r.result.status,
      r.result.networkError ?? r.result.body,
    ]),
    'every answer during the outage is a 503 (retryable)',
  );
  assert.ok(
    outage.every(r => r.result.endedAt - r.result.startedAt < 15_000),
    'no request hangs',
  );
  assert.deepEqual(
    run.replicas.map(r => r.pid),
    pids,
    'the backends were not restarted',
  );
  assert.ok(run.replicas.every(r => r.running));
  assert.ok(
    recoveredMs < 60_000,
    'ingestion succeeds again after PostgreSQL is back',
  );
  const lastAnswers = run.replicas.map(
    r => [...results].reverse().find(x => x.replica === r.name)?.result.status,
  );
  assert.deepEqual(lastAnswers, [200, 200]);

  // Every batch that was answered 200 is stored.
  const ok = results.filter(r => r.result.status === 200).length;
  const stored = await run.db.minutes({
    sloIds: slos,
    from: currentMinute() - 3 * 24 * HOUR_MS,
  });
  const storedKeys = new Set(stored.map(r => `${r.slo}@${r.minute}`));
  log(`${ok} batches stored, ${unsent.length} still being retried at the end`);
  assert.ok(stored.length >= ok * 60);
  assert.ok(storedKeys.size === stored.length);
});
