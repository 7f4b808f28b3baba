/**
 * What an SLO's owners were last told about it: that it is `critical`, or
 * that it is not (`clear`). An SLO nobody was ever told about counts as
 * `clear`.
 *
 * @public
 */
export type SloNotifiedStatus = 'critical' | 'clear';

/**
 * The stored notification state of one SLO.
 *
 * @public
 */
export interface SloNotificationState {
  sloKey: number;
  /** What the owners were told, or are being told while the state is claimed. */
  notified: SloNotifiedStatus;
  /**
   * Epoch ms a replica claimed the change to `notified` and started sending
   * the notification; `null` once it was sent (settled).
   */
  claimedAt: number | null;
}

/**
 * Changes of notification state that one caller won, to send now and then
 * settle or release.
 *
 * @public
 */
export interface SloNotificationClaim {
  /** Unique id of the claim; only its holder can settle or release it. */
  id: string;
  /** The state the claimed SLOs changed to. */
  notified: SloNotifiedStatus;
  /** SLOs whose change this caller won; the others were claimed by someone else or had changed already. */
  sloKeys: number[];
}

/**
 * Which SLO status changes their owners were told about, shared by every
 * replica, so each change is announced once. A change is claimed with a
 * compare-and-set that only one caller can win, then announced, then
 * settled; a claim whose announcement failed is released, so the change is
 * claimed again later.
 *
 * @public
 */
export interface SloNotificationStateStore {
  /**
   * The SLOs whose owners were told they are critical, and those with a
   * claim not yet settled. Every other SLO is `clear`.
   */
  listNotableStates(): Promise<SloNotificationState[]>;

  /**
   * Claims the change of the given SLOs to `notified`, for those whose
   * stored state is settled and says the opposite (no stored state counts
   * as `clear`). Of concurrent callers, one wins each SLO.
   */
  claimChanges(
    sloKeys: number[],
    notified: SloNotifiedStatus,
    now: number,
  ): Promise<SloNotificationClaim>;

  /** Marks the change of these SLOs of the claim as announced. */
  settleClaim(claim: SloNotificationClaim, sloKeys: number[]): Promise<void>;

  /**
   * Gives back the change of these SLOs of the claim (the announcement
   * failed): their state is what it was before the claim.
   */
  releaseClaim(claim: SloNotificationClaim, sloKeys: number[]): Promise<void>;

  /**
   * Releases every claim taken before `claimedBefore` and never settled (its
   * holder stopped or hung before it could settle or release); returns how
   * many.
   */
  releaseClaimsBefore(claimedBefore: number): Promise<number>;
}
