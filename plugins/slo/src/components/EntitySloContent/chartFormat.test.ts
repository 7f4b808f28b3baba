import {
  axisFractionDigits,
  formatAxisPercent,
  valueAxisWidth,
} from './chartFormat';

describe('chart axis labels', () => {
  it('writes an overspent budget with a real minus sign', () => {
    expect(formatAxisPercent(-115, 0)).toBe('\u2212115%');
    expect(formatAxisPercent(-0.5, 1)).toBe('\u22120.5%');
    expect(formatAxisPercent(40, 0)).toBe('40%');
  });

  it('gives SLI ticks as many decimals as the range needs, and no more', () => {
    expect(axisFractionDigits(100 - 99.5)).toBe(2);
    expect(axisFractionDigits(100 - 95)).toBe(1);
    expect(axisFractionDigits(100 - 50)).toBe(0);
    expect(formatAxisPercent(100, axisFractionDigits(0.5))).toBe('100.00%');
    expect(formatAxisPercent(99.95, 2)).toBe('99.95%');
  });

  it('makes the value axis wide enough for its widest label', () => {
    const labels = [formatAxisPercent(-120, 0), formatAxisPercent(100, 2)];
    expect(valueAxisWidth(labels)).toBeGreaterThanOrEqual(7 * '100.00%'.length);
    expect(valueAxisWidth(['\u2212120%'])).toBeGreaterThan(
      valueAxisWidth(['120%']),
    );
  });
});
