import express from 'express';
import request from 'supertest';
import { EventLoopSlicer } from './EventLoopSlicer';
import { RequestsInFlight } from './RequestsInFlight';

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // computing
  }
}

/** A request in flight on `requests` until the returned function is called. */
async function requestInFlight(requests: RequestsInFlight) {
  let release: (() => void) | undefined;
  const app = express();
  app.use(requests.middleware(() => true));
  app.get('/', (_req, res) => {
    release = () => res.json({});
  });
  const answered = request(app)
    .get('/')
    .then(res => res.status);
  while (!release) await new Promise(resolve => setTimeout(resolve, 5));
  return async () => {
    release!();
    return answered;
  };
}

describe('EventLoopSlicer', () => {
  it('lets a pending callback run once a slice has run its time, not before', async () => {
    const slicer = new EventLoopSlicer({ sliceMs: 200 });
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    await slicer.pause();
    expect(ran).toBe(false);

    busyFor(210);
    await slicer.pause();
    expect(ran).toBe(true);
  });

  it('waits between slices until the requests in flight are answered', async () => {
    const requests = new RequestsInFlight();
    const answer = await requestInFlight(requests);
    const slicer = new EventLoopSlicer({ sliceMs: 2, givesWayTo: requests });

    // Worked long enough to wait up to the longest single wait (100 ms).
    busyFor(150);
    let resumed = false;
    const paused = slicer.pause().then(() => {
      resumed = true;
    });
    await new Promise(resolve => setTimeout(resolve, 30));
    expect(resumed).toBe(false);

    expect(await answer()).toBe(200);
    await paused;
    expect(slicer.waitedMs).toBeGreaterThanOrEqual(25);
    expect(slicer.waitedMs).toBeLessThan(150);
  });

  it('gives way for no longer in all than it has worked', async () => {
    const requests = new RequestsInFlight();
    const answer = await requestInFlight(requests);
    const slicer = new EventLoopSlicer({ sliceMs: 2, givesWayTo: requests });

    busyFor(20);
    await slicer.pause();
    // Still in flight: the wait ended because its allowance was used up.
    expect(requests.busy).toBe(true);
    expect(slicer.waitedMs).toBeGreaterThanOrEqual(15);
    expect(slicer.waitedMs).toBeLessThan(100);

    const waitedBefore = slicer.waitedMs;
    busyFor(1);
    await slicer.pause();
    busyFor(3);
    await slicer.pause();
    // A few ms of allowance left, where the request in flight alone would
    // have kept it waiting the longest single wait (100 ms).
    expect(slicer.waitedMs - waitedBefore).toBeLessThan(50);

    expect(await answer()).toBe(200);
  });
});
