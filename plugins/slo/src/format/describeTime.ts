const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function part(amount: number, singular: string): string {
  return `${amount} ${singular}${amount === 1 ? '' : 's'}`;
}

/** A duration in at most two units: "2 days 4 hours", "45 minutes", "less than a minute". */
export function describeDuration(milliseconds: number): string {
  const ms = Math.max(0, milliseconds);
  if (ms < MINUTE) {
    return 'less than a minute';
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
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
