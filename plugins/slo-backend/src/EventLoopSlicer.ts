/**
 * Cuts a long computation into slices of at most `sliceMs` of the event
 * loop: between slices, pending I/O callbacks (requests, query results) run.
 * A request that takes several turns of the event loop (its own handler, a
 * call to the catalog, database reads) waits at most one slice per turn.
 */
export class EventLoopSlicer {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number) {}

  /** Yields to the event loop when the current slice has run its time. */
  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await new Promise(resolve => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
