import type { Read } from './counterSelector';

const UNIT_MS: Record<string, number> = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

const PROMETHEUS_DURATION =
  /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS_IN_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const OPENSLO_SINGLE_UNIT = /^[1-9][0-9]*(w|d|h|m)$/;

/**
 * Turns a Prometheus duration (`28d`, `4w`, `1y`, `1w2d`, `90m`) into an
 * OpenSLO rolling-window duration: kept as written when it is one whole
 * number of weeks, days, hours or minutes, otherwise in whole days, hours or
 * minutes (`1y` → `365d`, as Prometheus counts a year). Durations that are
 * not whole minutes cannot be carried.
 */
export function openSloDuration(
  text: string,
): Read<{ duration: string; rewritten: boolean }> {
  const trimmed = text.trim();
  const match = PROMETHEUS_DURATION.exec(trimmed);
  if (trimmed === '' || !match) {
    return {
      ok: false,
      reason: `"${text}" is not a Prometheus duration such as 28d, 4w or 1y`,
    };
  }
  if (OPENSLO_SINGLE_UNIT.test(trimmed)) {
    return { ok: true, value: { duration: trimmed, rewritten: false } };
  }
  let ms = 0;
  UNITS_IN_ORDER.forEach((unit, index) => {
    const amount = match[index + 1];
    if (amount !== undefined) {
      ms += Number(amount) * UNIT_MS[unit];
    }
  });
  if (ms === 0) {
    return { ok: false, reason: `"${text}" is a zero-length window` };
  }
  if (ms % UNIT_MS.m !== 0) {
    return {
      ok: false,
      reason: `"${text}" is not a whole number of minutes; SLO Kit's windows are made of minutes`,
    };
  }
  for (const unit of ['d', 'h', 'm']) {
    if (ms % UNIT_MS[unit] === 0) {
      return {
        ok: true,
        value: { duration: `${ms / UNIT_MS[unit]}${unit}`, rewritten: true },
      };
    }
  }
  throw new Error('unreachable: a whole number of minutes');
}
