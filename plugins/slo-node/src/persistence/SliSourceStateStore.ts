/**
 * How pulling one SLO from one SLI source stands.
 *
 * @public
 */
export interface SliSourceState {
  sloKey: number;
  /** The source's `type`, e.g. `prometheus`. */
  sourceType: string;
  /** Minutes before this instant (epoch ms) were pulled; `null` before the first success. */
  pulledThrough: number | null;
  /** First minute the current backfill covers; `null` when the SLO was never backfilled. */
  backfillFrom: number | null;
  /** Epoch ms of the first failed pull since the last success; `null` while pulls succeed. */
  failingSince: number | null;
  /** Message of the last failed pull; `null` while pulls succeed. */
  lastError: string | null;
  /**
   * Identifies what was pulled (the source's queries, and the threshold a
   * threshold metric is judged by); a pull with another one starts over.
   */
  fingerprint: string | null;
  updatedAt: number;
}

/**
 * Where each SLO's pulls from its SLI source stand: what was pulled, and
 * since when the source has failed. Written by the one replica running the
 * source's task, read by every replica for the entity API.
 *
 * @public
 */
export interface SliSourceStateStore {
  /** The states of the given SLOs, for every source; SLOs never pulled are left out. */
  listSourceStates(sloKeys: number[]): Promise<SliSourceState[]>;

  /**
   * Records a successful pull up to `pulledThrough` and clears any failure.
   * `backfillFrom` is kept when not given.
   */
  recordPulled(
    state: {
      sloKey: number;
      sourceType: string;
      pulledThrough: number;
      backfillFrom?: number;
      fingerprint: string;
    },
    now: number,
  ): Promise<void>;

  /**
   * Records a failed pull: `failingSince` is set to `now` unless the source
   * was already failing, and `lastError` to the message.
   */
  recordFailure(
    state: { sloKey: number; sourceType: string; error: string },
    now: number,
  ): Promise<void>;
}
