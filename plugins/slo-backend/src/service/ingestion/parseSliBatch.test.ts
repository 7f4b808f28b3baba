import { parseSliBatch, parseSliBatchInSlices } from './parseSliBatch';

const NOW = Date.UTC(2026, 5, 10, 12, 30, 20);
const OPTIONS = { oldest: Date.UTC(2026, 0, 1), latest: NOW + 5 * 60_000 };
const SLO = 'component:default/payments#availability';

function parseOne(point: Record<string, unknown>) {
  return parseSliBatch(
    { points: [{ slo: SLO, good: 1, total: 1, ...point }] },
    OPTIONS,
  );
}

describe('parseSliBatch', () => {
  it.each([
    ['2026-04-31T10:00Z', '2026-04-31T10:00'],
    ['2026-02-29T00:00:00Z', '2026-02-29T00:00'],
    ['2026-01-10T24:00:00Z', '2026-01-10T24:00'],
    ['2026-06-31T00:00:00+02:00', '2026-06-31T00:00'],
  ])(
    'rejects the impossible date %s instead of rolling it over',
    (timestamp, written) => {
      expect(parseOne({ timestamp })).toEqual({
        ok: false,
        issues: [
          {
            index: 0,
            field: 'timestamp',
            reason: `names a date-time that does not exist (${written}), got "${timestamp}"`,
          },
        ],
      });
    },
  );

  it.each([
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2026-04-30T23:59Z', Date.UTC(2026, 3, 30, 23, 59)],
    ['2026-05-01T01:59:00+02:00', Date.UTC(2026, 3, 30, 23, 59)],
    ['2026-04-30T18:29:00.000-05:30', Date.UTC(2026, 3, 30, 23, 59)],
  ])('accepts the real date-time %s in any zone', (timestamp, bucketStart) => {
    const parsed = parseSliBatch(
      { points: [{ slo: SLO, timestamp, good: 1, total: 1 }] },
      { oldest: Date.UTC(2024, 0, 1), latest: NOW },
    );
    expect(parsed).toEqual({
      ok: true,
      points: [{ slo: SLO, bucketStart, good: 1, total: 1 }],
    });
  });

  it.each([
    ['2026-01-10T12:00:00'],
    ['2026-01-10 12:00:00Z'],
    ['1768046400000'],
    ['2026-01-10T12:00:00+25:00'],
    ['2026-13-01T00:00Z'],
  ])('rejects the malformed timestamp %s', timestamp => {
    expect(parseOne({ timestamp })).toMatchObject({
      ok: false,
      issues: [
        {
          index: 0,
          field: 'timestamp',
          reason: expect.stringContaining('must be an ISO 8601 date-time'),
        },
      ],
    });
  });

  it('rejects counts above the bound, naming the point and field', () => {
    expect(
      parseOne({ timestamp: '2026-06-10T12:00:00Z', total: 1e308 }),
    ).toEqual({
      ok: false,
      issues: [
        {
          index: 0,
          field: 'total',
          reason:
            'total must be at most 8589934592 (2^33) events per minute, got 1e+308',
        },
      ],
    });
  });

  it('rejects fields a point does not have, naming them', () => {
    expect(
      parseOne({ timestamp: '2026-06-10T12:00:00Z', goood: 1 }),
    ).toMatchObject({
      ok: false,
      issues: [
        {
          index: 0,
          field: 'goood',
          reason: expect.stringContaining('not a field of a point'),
        },
      ],
    });
  });

  describe('in slices', () => {
    const points = () =>
      Array.from({ length: 2_500 }, (_, i) => ({
        slo: SLO,
        timestamp: new Date(
          Date.UTC(2026, 5, 10, 10, 0) + (i % 120) * 60_000,
        ).toISOString(),
        good: 1,
        total: 1,
      }));
    const pauses = () => {
      let count = 0;
      return { pause: async () => void count++, count: () => count };
    };

    it('gives the same points as one piece, pausing between slices', async () => {
      const body = { points: points() };
      const { pause, count } = pauses();
      const sliced = await parseSliBatchInSlices(body, OPTIONS, pause);
      expect(sliced).toEqual(parseSliBatch(body, OPTIONS));
      expect(sliced.ok && sliced.points).toHaveLength(2_500);
      // Ten slices of 250 points, a pause between each two.
      expect(count()).toBe(9);
    });

    it('names bad points by their index in the whole batch', async () => {
      const body = { points: points() };
      body.points[5].good = 2;
      body.points[1_500].timestamp = '2026-06-10T10:00:30Z';
      body.points[2_400].total = -1;
      const { pause } = pauses();
      const sliced = await parseSliBatchInSlices(body, OPTIONS, pause);
      expect(
        sliced.ok ? [] : sliced.issues.map(i => [i.index, i.field]),
      ).toEqual([
        [5, 'good'],
        [1_500, 'timestamp'],
        [2_400, 'total'],
      ]);
    });

    it('reports only malformed points once one is, wherever it is', async () => {
      const body = { points: points() as Array<Record<string, unknown>> };
      body.points[3].good = 2;
      body.points[1_200] = { slo: SLO, timestamp: 5, good: 1, total: 1 };
      const { pause } = pauses();
      expect(await parseSliBatchInSlices(body, OPTIONS, pause)).toEqual({
        ok: false,
        issues: [
          {
            index: 1_200,
            field: 'timestamp',
            reason: 'Expected string, received number',
          },
        ],
      });
    });
  });
});
