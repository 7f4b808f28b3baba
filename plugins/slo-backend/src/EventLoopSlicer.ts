import type { RequestsInFlight } from './RequestsInFlight';

/**
 * Longest stretch of background work (an evaluation cycle, checking a pushed
 * batch, turning read rows into series) between two turns of the event loop.
 * An entity read takes several turns, so this bounds how long it waits behind
 * such work at each of them; with 5 ms slices, reads that met an evaluation
 * cycle took twice as long as with 2 ms.
 */
export const EVENT_LOOP_SLICE_MS = 2;

/**
 * Longest single wait for requests in flight before the work runs another
 * slice, however much waiting it may still do.
 */
const MAX_GIVE_WAY_MS = 100;

/** Options of {@link EventLoopSlicer}. */
export interface EventLoopSlicerOptions {
  /** Longest slice, in ms (default {@link EVENT_LOOP_SLICE_MS}). */
  sliceMs?: number;
  /**
   * Requests to wait for between slices while any is in flight, for at most
   * as long in all as the work itself has run: under a steady stream of
   * requests the work takes at most twice as long, never stops.
   */
  givesWayTo?: RequestsInFlight;
}

/**
 * Cuts a long computation into slices of at most `sliceMs` of the event
 * loop: between slices, pending I/O callbacks (requests, query results) run.
 * A request that takes several turns of the event loop (its own handler, a
 * call to the catalog, database reads) waits at most one slice per turn, and
 * none while the work gives way to it.
 */
export class EventLoopSlicer {
  private readonly sliceMs: number;
  private readonly givesWayTo?: RequestsInFlight;
  private sliceStart = performance.now();
  private worked = 0;
  private waited = 0;

  constructor(options: EventLoopSlicerOptions = {}) {
    this.sliceMs = options.sliceMs ?? EVENT_LOOP_SLICE_MS;
    this.givesWayTo = options.givesWayTo;
  }

  /** Total time spent giving way to requests, in ms. */
  get waitedMs(): number {
    return this.waited;
  }

  /** Yields to the event loop when the current slice has run its time. */
  async pause(): Promise<void> {
    const sliceTime = performance.now() - this.sliceStart;
    if (sliceTime < this.sliceMs) return;
    this.worked += sliceTime;
    await new Promise(resolve => setImmediate(resolve));
    await this.giveWay();
    this.sliceStart = performance.now();
  }

  private async giveWay(): Promise<void> {
    const requests = this.givesWayTo;
    const allowance = this.worked - this.waited;
    if (!requests?.busy || allowance <= 0) return;
    const start = performance.now();
    await requests.idle(Math.min(allowance, MAX_GIVE_WAY_MS));
    this.waited += performance.now() - start;
  }
}
