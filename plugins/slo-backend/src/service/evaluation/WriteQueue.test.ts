import { WriteQueue } from './WriteQueue';

/** A write that ends when `finish` is called, recording its start and end. */
function pendingWrite(name: string, log: string[]) {
  let finish!: (error?: Error) => void;
  const write = () =>
    new Promise<void>((resolve, reject) => {
      log.push(`start ${name}`);
      finish = error => {
        log.push(`end ${name}`);
        if (error) reject(error);
        else resolve();
      };
    });
  return { write, finish: (error?: Error) => finish(error) };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('WriteQueue', () => {
  it('runs queued writes one after another, beside a write already under way', async () => {
    const log: string[] = [];
    const queue = new WriteQueue();
    const besides = pendingWrite('rollups', log);
    queue.alongside(besides.write());
    const first = pendingWrite('a', log);
    const second = pendingWrite('b', log);
    queue.add(first.write);
    queue.add(second.write);
    await tick();
    expect(log).toEqual(['start rollups', 'start a']);

    first.finish();
    await tick();
    expect(log).toEqual(['start rollups', 'start a', 'end a', 'start b']);

    let done = false;
    const finished = queue.finished().then(() => {
      done = true;
    });
    second.finish();
    await tick();
    expect(done).toBe(false);
    besides.finish();
    await finished;
    expect(done).toBe(true);
  });

  it('throws the first failure once every write has ended, and skips writes queued behind it', async () => {
    const log: string[] = [];
    const queue = new WriteQueue();
    const failing = pendingWrite('a', log);
    const skipped = pendingWrite('b', log);
    queue.add(failing.write);
    queue.add(skipped.write);
    await tick();
    failing.finish(new Error('connection lost'));
    await expect(queue.finished()).rejects.toThrow('connection lost');
    expect(log).toEqual(['start a', 'end a']);
  });

  it('reports a failed write beside the queue without throwing from settled', async () => {
    const queue = new WriteQueue();
    queue.alongside(Promise.reject(new Error('rollups refused')));
    queue.add(async () => {});
    const failure = await queue.settled();
    expect(failure?.error).toEqual(new Error('rollups refused'));
  });
});
