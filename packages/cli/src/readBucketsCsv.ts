import {
  MINUTE_MS,
  checkBucketCounts,
  type MinuteBucket,
} from '@slo-kit/plugin-slo-common';

/** Minute buckets read from CSV, or the problems found (with line numbers). */
export type BucketsCsvResult =
  | { ok: true; buckets: MinuteBucket[] }
  | { ok: false; errors: Array<{ line: number; message: string }> };

const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads CSV with the header `timestamp,good,total` (an optional fourth column
 * `value` carries threshold-metric measurements). Timestamps are ISO 8601 with
 * a zone (`Z` or `+hh:mm`) or epoch seconds, on a minute boundary; one row per
 * minute, gaps allowed, blank lines and lines starting with `#` ignored.
 */
export function readBucketsCsv(text: string): BucketsCsvResult {
  const errors: Array<{ line: number; message: string }> = [];
  const buckets: MinuteBucket[] = [];
  const seen = new Map<number, number>();
  const lines = text.split(/\r?\n/);
  let headerSeen = false;
  let hasValue = false;

  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const cells = content.split(',').map(cell => cell.trim());
    if (!headerSeen) {
      headerSeen = true;
      const header = cells.join(',');
      if (header === 'timestamp,good,total,value') {
        hasValue = true;
      } else if (header !== 'timestamp,good,total') {
        errors.push({
          line,
          message: `the header must be "timestamp,good,total" (optionally ",value"), got "${content}"`,
        });
      }
      return;
    }
    const expected = hasValue ? 4 : 3;
    if (cells.length !== expected) {
      errors.push({
        line,
        message: `expected ${expected} columns, got ${cells.length}`,
      });
      return;
    }
    const start = parseTimestamp(cells[0]);
    if (typeof start === 'string') {
      errors.push({ line, message: `timestamp ${start}` });
      return;
    }
    const good = parseCount(cells[1]);
    const total = parseCount(cells[2]);
    const reasons = checkBucketCounts(good, total);
    if (reasons.length > 0) {
      errors.push({ line, message: reasons.join('; ') });
      return;
    }
    let value: number | null = null;
    if (hasValue && cells[3] !== '') {
      value = Number(cells[3]);
      if (!Number.isFinite(value)) {
        errors.push({
          line,
          message: `value must be a number or empty, got "${cells[3]}"`,
        });
        return;
      }
    }
    const earlier = seen.get(start);
    if (earlier !== undefined) {
      errors.push({
        line,
        message: `duplicate timestamp ${new Date(
          start,
        ).toISOString()} (first on line ${earlier})`,
      });
      return;
    }
    seen.set(start, line);
    buckets.push({
      start,
      good: good as number,
      total: total as number,
      ...(hasValue ? { value } : {}),
    });
  });

  if (!headerSeen) {
    errors.push({
      line: 1,
      message: 'the file is empty; expected the header "timestamp,good,total"',
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, buckets };
}

function parseTimestamp(text: string): number | string {
  let ms: number;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else if (ISO_WITH_ZONE.test(text)) {
    ms = Date.parse(text);
    if (Number.isNaN(ms)) return `"${text}" is not a valid date-time`;
  } else {
    return `"${text}" must be ISO 8601 with a zone (e.g. 2026-06-01T12:00:00Z) or epoch seconds`;
  }
  if (ms % MINUTE_MS !== 0) {
    return `"${text}" is not on a minute boundary (buckets are whole minutes)`;
  }
  return ms;
}

function parseCount(text: string): unknown {
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isNaN(value) ? text : value;
}
