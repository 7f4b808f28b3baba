/**
 * Writes that run in the background while the caller goes on computing:
 * queued writes one after another, and writes already under way beside
 * them. A failed queued write stops the ones queued behind it; the first
 * failure is thrown by {@link WriteQueue.finished}.
 */
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly besides: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  /** Waits for `write`, already under way, beside the queued writes. */
  alongside(write: Promise<void>): void {
    this.besides.push(write.catch(error => this.fail(error)));
  }

  /** Queues `write` to start once every write before it is done. */
  add(write: () => Promise<void>): void {
    this.tail = this.tail.then(async () => {
      if (this.failure) return;
      try {
        await write();
      } catch (error) {
        this.fail(error);
      }
    });
  }

  /** Waits for every queued write; throws the first failure. */
  async finished(): Promise<void> {
    const failure = await this.settled();
    if (failure) throw failure.error;
  }

  /** Waits for every queued write; returns the first failure, if any. */
  async settled(): Promise<{ error: unknown } | undefined> {
    await Promise.all([this.tail, ...this.besides]);
    return this.failure;
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }
}
