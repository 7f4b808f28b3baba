/**
 * Small named values scheduled jobs keep between runs, e.g. how far an SLI
 * source has been pulled. Shared by every replica.
 *
 * @public
 */
export interface JobStateStore {
  /** The value stored under `name`, or `undefined` when there is none. */
  getJobState(name: string): Promise<string | undefined>;

  /** Stores `value` under `name`, replacing the previous one. */
  setJobState(name: string, value: string): Promise<void>;

  /**
   * Stores `value` under `name` only if the stored value is `expected`, in
   * one step no other replica can come between; true when it was stored.
   */
  replaceJobState(
    name: string,
    expected: string,
    value: string,
  ): Promise<boolean>;
}
