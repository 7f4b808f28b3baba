import path from 'node:path';
import {
  Worker,
  isMainThread,
  parentPort,
  workerData,
} from 'node:worker_threads';
import { repoRoot } from './paths';
import { MINUTE_MS, SliPoint, currentMinute, postSli } from './sloApi';

/** This module, which the writer thread loads (the system tests run from source). */
const THIS_FILE = path.join(
  repoRoot,
  'packages/system-tests/src/harness/sliLoadWriter.ts',
);

/** The load one writer sends: batches of the newest two minutes of every SLO. */
export interface SliLoad {
  baseUrl: string;
  sloIds: string[];
  /** Epoch ms: the first batch is due then, the last one before `endAt`. */
  startAt: number;
  endAt: number;
  pointsPerSecond: number;
  batchSize: number;
  /** Batches sent at once at most; the writer waits for one to end beyond. */
  maxInFlight: number;
}

/** How one batch ended. */
export interface SliWrite {
  status: number;
  ms: number;
  points: number;
}

/** Good and total of SLO number `s` in `minute`, the same on every replay. */
export function countsOf(s: number, minute: number) {
  const total = 500 + ((minute / MINUTE_MS + s) % 100);
  return { good: total - ((minute / MINUTE_MS + s) % 3), total };
}

/**
 * Sends `load` from a worker thread and resolves with every batch's result.
 *
 * Building and serialising a 10,000-point batch blocks a thread for tens of
 * milliseconds. On the thread that times the entity reads, that would be
 * counted as read latency; in a thread of its own it is not.
 */
export function writeSliInThread(load: SliLoad): Promise<SliWrite[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`require(${JSON.stringify(THIS_FILE)})`, {
      eval: true,
      workerData: load,
    });
    let writes: SliWrite[] | undefined;
    worker.once('message', message => {
      writes = message;
    });
    worker.once('error', reject);
    worker.once('exit', code => {
      if (writes) resolve(writes);
      else reject(new Error(`the SLI writer thread exited with ${code}`));
    });
  });
}

async function sendLoad(load: SliLoad): Promise<SliWrite[]> {
  const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
  const writes: SliWrite[] = [];
  const { sloIds, batchSize } = load;
  const interval = (batchSize / load.pointsPerSecond) * 1000;
  const inFlight = new Set<Promise<void>>();
  let cursor = 0;
  for (let i = 0; Date.now() < load.endAt; i++) {
    const due = load.startAt + i * interval;
    if (due > Date.now()) await sleep(due - Date.now());
    if (Date.now() >= load.endAt) break;
    const minute = currentMinute();
    const batch: SliPoint[] = [];
    for (let k = 0; k < batchSize; k++) {
      const slot = cursor++ % (sloIds.length * 2);
      const s = slot % sloIds.length;
      const m = slot < sloIds.length ? minute : minute - MINUTE_MS;
      batch.push({ slo: sloIds[s], minute: m, ...countsOf(s, m) });
    }
    const sent = postSli(load.baseUrl, batch).then(res => {
      writes.push({
        status: res.status,
        ms: res.endedAt - res.startedAt,
        points: batch.length,
      });
    });
    inFlight.add(sent);
    sent.finally(() => inFlight.delete(sent));
    if (inFlight.size >= load.maxInFlight) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return writes;
}

if (!isMainThread && parentPort && workerData?.sloIds) {
  const port = parentPort;
  // A failure is an unhandled rejection: the thread exits and
  // writeSliInThread rejects with the error.
  sendLoad(workerData as SliLoad).then(writes => port.postMessage(writes));
}
