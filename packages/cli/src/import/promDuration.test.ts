import { openSloDuration } from './promDuration';

describe('openSloDuration', () => {
  it.each([
    ['28d', '28d', false],
    ['4w', '4w', false],
    ['90m', '90m', false],
    ['1w2d', '9d', true],
    ['1y', '365d', true],
    ['1d12h', '36h', true],
    ['1h30m', '90m', true],
  ])('turns %s into %s', (text, duration, rewritten) => {
    expect(openSloDuration(text)).toEqual({
      ok: true,
      value: { duration, rewritten },
    });
  });

  it.each([
    ['30s', 'not a whole number of minutes'],
    ['0d', 'zero-length'],
    ['30 days', 'not a Prometheus duration'],
    ['', 'not a Prometheus duration'],
  ])('refuses %s', (text, reason) => {
    const read = openSloDuration(text);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toContain(reason);
  });
});
