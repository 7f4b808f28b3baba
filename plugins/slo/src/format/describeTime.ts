import { DAY_MS, HOUR_MS, MINUTE_MS } from '@slo-kit/plugin-slo-common';

function part(amount: number, singular: string): string {
  return `${amount} ${singular}${amount === 1 ? '' : 's'}`;
}

/** A duration in at most two units: "2 days 4 hours", "45 minutes", "less than a minute". */
export function describeDuration(milliseconds: number): string {
  const ms = Math.max(0, milliseconds);
  if (ms < MINUTE_MS) {
    return 'less than a minute';
  }
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) {
    return hours > 0
      ? `${part(days, 'day')} ${part(hours, 'hour')}`
      : part(days, 'day');
  }
  if (hours > 0) {
    return minutes > 0
      ? `${part(hours, 'hour')} ${part(minutes, 'minute')}`
      : part(hours, 'hour');
  }
  return part(minutes, 'minute');
}

/** A date and time in the reader's locale and zone, e.g. "12 Jan 2026, 14:00". */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** A day in the reader's locale and zone, short: "Nov 30" (en-US), "30 Nov" (en-GB). */
export function formatShortDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });
}

/** When the budget runs out, relative to now: "in 2 days 4 hours (12 Jan 2026, 14:00)". */
export function describeExhaustion(
  exhaustionAt: string,
  now: Date = new Date(),
): string {
  const remainingMs = new Date(exhaustionAt).getTime() - now.getTime();
  return `in ${describeDuration(remainingMs)} (${formatDateTime(
    exhaustionAt,
  )})`;
}
