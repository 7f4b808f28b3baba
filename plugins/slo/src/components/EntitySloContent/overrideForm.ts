import { DAY_MS, HOUR_MS, MINUTE_MS } from '@slo-kit/plugin-slo-common';

/** How long an override may be granted for, as the dialog offers it. */
export interface OverrideDuration {
  id: string;
  label: string;
  ms: number;
}

/**
 * The choices of the Override dialog. The backend refuses more than
 * `slo.gate.overrides.maxDuration` (7 days by default); the longest choice
 * stays a minute short of it, so that a browser clock slightly ahead of the
 * backend's does not turn "7 days" into a refusal.
 */
export const OVERRIDE_DURATIONS: OverrideDuration[] = [
  { id: '1h', label: '1 hour', ms: HOUR_MS },
  { id: '4h', label: '4 hours', ms: 4 * HOUR_MS },
  { id: '1d', label: '1 day', ms: DAY_MS },
  { id: '3d', label: '3 days', ms: 3 * DAY_MS },
  { id: '7d', label: '7 days', ms: 7 * DAY_MS - MINUTE_MS },
];

export const DEFAULT_OVERRIDE_DURATION = '1d';

/** The backend's rule for grant and revoke reasons, checked before sending. */
export const MIN_REASON_LENGTH = 10;

/** Why a reason would be refused, or null when it will do. */
export function reasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  if (length >= MIN_REASON_LENGTH) return null;
  return `Say why in at least ${MIN_REASON_LENGTH} characters (${length} so far).`;
}
