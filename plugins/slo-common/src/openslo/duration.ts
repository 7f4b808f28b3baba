/** Units of OpenSLO duration shorthands that SLO Kit understands. */
export type DurationUnit = 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/** A parsed OpenSLO duration shorthand such as `28d` or `1M`. */
export interface ParsedDuration {
  amount: number;
  unit: DurationUnit;
}

const DURATION_PATTERN = /^([1-9][0-9]*)(m|h|d|w|M|Q|Y)$/;

const FIXED_UNIT_MINUTES: Partial<Record<DurationUnit, number>> = {
  m: 1,
  h: 60,
  d: 24 * 60,
  w: 7 * 24 * 60,
};

/**
 * Parses an OpenSLO duration shorthand (`5m`, `1h`, `28d`, `4w`, `1M`, `1Q`, `1Y`).
 * Returns a reason string when the text is not a supported duration.
 */
export function parseDuration(text: unknown): ParsedDuration | string {
  if (typeof text !== 'string') {
    return `must be a duration such as 5m, 1h, 28d or 1M, got ${describe(
      text,
    )}`;
  }
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) {
    if (/^[0-9]+s$/.test(text.trim())) {
      return `not supported yet: durations in seconds ("${text}"); SLI data has 1-minute resolution`;
    }
    return `"${text}" is not a duration; use a positive whole number followed by m, h, d, w, M, Q or Y (e.g. 28d)`;
  }
  return { amount: Number(match[1]), unit: match[2] as DurationUnit };
}

/** Length in minutes of a fixed-length duration; undefined for M, Q and Y. */
export function fixedDurationMinutes(
  duration: ParsedDuration,
): number | undefined {
  const perUnit = FIXED_UNIT_MINUTES[duration.unit];
  return perUnit === undefined ? undefined : duration.amount * perUnit;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object'
    ? 'an object'
    : `${typeof value} ${String(value)}`;
}
