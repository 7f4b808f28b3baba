import express from 'express';
import request from 'supertest';
import { RequestsInFlight } from './RequestsInFlight';

/** An app whose `/slow` answers when `release` is called and `/skipped` is not counted. */
function appWith(requests: RequestsInFlight) {
  const releases: Array<() => void> = [];
  const app = express();
  app.use(requests.middleware(req => req.path !== '/skipped'));
  app.get('/slow', (_req, res) => {
    releases.push(() => res.json({ ok: true }));
  });
  app.get('/skipped', (_req, res) => {
    releases.push(() => res.json({ ok: true }));
  });
  return { app, releases };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise(resolve => setTimeout(resolve, 5));
}

/** Sends `GET path` to `appWith`'s app and waits until its handler holds it; `answered` is the status. */
async function sendHeld(
  app: express.Express,
  path: string,
  releases: Array<() => void>,
): Promise<{ answered: Promise<number> }> {
  const held = releases.length + 1;
  const answered = request(app)
    .get(path)
    .then(res => res.status);
  await until(() => releases.length === held);
  // Wrapped: an async function returning the promise itself would wait for it.
  return { answered };
}

/**
 * Sends `GET path` to `app` on a real socket and hands `test` the function
 * that makes the client go away (resolving once it has).
 */
async function withAbortableRequest(
  app: express.Express,
  path: string,
  test: (abort: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const server = app.listen(0);
  try {
    const { port } = server.address() as { port: number };
    const controller = new AbortController();
    const aborted = fetch(`http://127.0.0.1:${port}${path}`, {
      signal: controller.signal,
    }).catch(error => error);
    await test(async () => {
      controller.abort();
      await aborted;
    });
  } finally {
    server.close();
  }
}

describe('RequestsInFlight', () => {
  it('is busy from a counted request until its response is sent', async () => {
    const requests = new RequestsInFlight();
    const { app, releases } = appWith(requests);
    expect(requests.busy).toBe(false);

    const { answered } = await sendHeld(app, '/slow', releases);
    expect(requests.busy).toBe(true);

    let idle = false;
    const waited = requests.idle(60_000).then(() => {
      idle = true;
    });
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(idle).toBe(false);

    releases[0]();
    await waited;
    expect(await answered).toBe(200);
    expect(requests.busy).toBe(false);
  });

  it('does not count requests the predicate leaves out', async () => {
    const requests = new RequestsInFlight();
    const { app, releases } = appWith(requests);
    const { answered } = await sendHeld(app, '/skipped', releases);
    expect(requests.busy).toBe(false);
    releases[0]();
    expect(await answered).toBe(200);
  });

  it('stops counting a request whose client went away', async () => {
    const requests = new RequestsInFlight();
    const { app, releases } = appWith(requests);
    await withAbortableRequest(app, '/slow', async abort => {
      await until(() => releases.length === 1);
      expect(requests.busy).toBe(true);
      await abort();
      await until(() => !requests.busy);
      expect(requests.busy).toBe(false);
    });
  });

  it('does not count a request whose client went away before it was reached', async () => {
    const requests = new RequestsInFlight();
    let reached = false;
    const app = express();
    // Earlier middleware that takes a while, as a credentials check may.
    app.use((_req, _res, next) => {
      setTimeout(next, 200);
    });
    app.use(requests.middleware(() => true));
    app.get('/slow', (_req, res) => {
      reached = true;
      res.json({ ok: true });
    });
    await withAbortableRequest(app, '/slow', async abort => {
      await new Promise(resolve => setTimeout(resolve, 50));
      await abort();
      await until(() => reached);
      await new Promise(resolve => setTimeout(resolve, 20));
      expect(requests.busy).toBe(false);
    });
  });

  it('stops waiting after the longest wait it was given', async () => {
    const requests = new RequestsInFlight();
    const { app, releases } = appWith(requests);
    const { answered } = await sendHeld(app, '/slow', releases);

    const start = performance.now();
    await requests.idle(50);
    expect(performance.now() - start).toBeGreaterThanOrEqual(45);
    expect(requests.busy).toBe(true);

    releases[0]();
    expect(await answered).toBe(200);
  });
});
