import { alertPolicy } from './alertPolicy';

describe('alertPolicy', () => {
  it.each([
    ['30 days', 30 * 1440, [14.4, 6, 3, 1]],
    ['28 days', 28 * 1440, [13.44, 5.6, 2.8, 0.933333333333]],
    [
      'November 2026 in New York (30 d + 1 h)',
      30 * 1440 + 60,
      [14.42, 6.00833333333, 3.00416666667, 1.00138888889],
    ],
  ])(
    'scales the four SRE Workbook alerts to %s',
    (_label, periodMinutes, factors) => {
      const rules = alertPolicy(periodMinutes);
      expect(rules.map(r => r.factor)).toEqual(factors);
      expect(
        rules.map(r => [
          r.severity,
          r.budgetShare,
          r.longWindow,
          r.shortWindow,
        ]),
      ).toEqual([
        ['page', 0.02, '1h', '5m'],
        ['page', 0.05, '6h', '30m'],
        ['ticket', 0.1, '1d', '2h'],
        ['ticket', 0.1, '3d', '6h'],
      ]);
    },
  );
});
