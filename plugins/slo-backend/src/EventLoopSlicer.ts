/**
 * Longest stretch of background work (an evaluation cycle, checking a pushed
 * batch, turning read rows into series) between two turns of the event loop.
 * An entity read takes several turns, so this bounds how long it waits behind
 * such work at each of them; with 5 ms slices, reads that met an evaluation
 * cycle took twice as long as with 2 ms.
 */
export const EVENT_LOOP_SLICE_MS = 2;

/**
 * Cuts a long computation into slices of at most `sliceMs` of the event
 * loop: between slices, pending I/O callbacks (requests, query results) run.
 * A request that takes several turns of the event loop (its own handler, a
 * call to the catalog, database reads) waits at most one slice per turn.
 */
export class EventLoopSlicer {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number = EVENT_LOOP_SLICE_MS) {}

  /** Yields to the event loop when the current slice has run its time. */
  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await new Promise(resolve => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
