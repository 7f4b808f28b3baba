import type { NextFunction, Request, Response } from 'express';

/**
 * The API requests of this process that someone is waiting on (entity
 * reads, gate decisions, history), counted from arrival until the response
 * is finished or the connection closes. Background work (an evaluation
 * cycle, checking a pushed batch) gives way to them through
 * {@link EventLoopSlicer}, so a read that meets an evaluation cycle is not
 * held up for a slice of the cycle at every turn of the event loop.
 */
export class RequestsInFlight {
  private count = 0;
  private waiters = new Set<() => void>();

  /** True while at least one counted request has not been answered. */
  get busy(): boolean {
    return this.count > 0;
  }

  /**
   * Express middleware that counts each request for which `counts` is true
   * until its response ends.
   */
  middleware(counts: (req: Request) => boolean) {
    return (req: Request, res: Response, next: NextFunction) => {
      // 'close' comes once per response: after it was sent, or when the
      // client went away before. A client can go away before this runs
      // (earlier middleware may wait, e.g. on credentials); such a request
      // is not counted, or it would be counted for good.
      const open = Boolean(req.socket) && !req.socket.destroyed;
      if (open && !res.writableFinished && counts(req)) {
        this.count += 1;
        res.once('close', () => this.ended());
      }
      next();
    };
  }

  /** Resolves once no counted request is in flight, or after `maxWaitMs`. */
  idle(maxWaitMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    let wake!: () => void;
    const woken = new Promise<void>(resolve => {
      wake = resolve;
    });
    this.waiters.add(wake);
    const timer = setTimeout(wake, maxWaitMs);
    return woken.finally(() => {
      clearTimeout(timer);
      this.waiters.delete(wake);
    });
  }

  private ended(): void {
    this.count -= 1;
    if (this.count > 0) return;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}
