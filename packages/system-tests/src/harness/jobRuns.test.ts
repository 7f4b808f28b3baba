import {
  catalogSyncRuns,
  evaluationRuns,
  maxRunsInWindow,
  mergedRuns,
  overlappingRuns,
} from './jobRuns';

describe('jobRuns', () => {
  const lines = [
    '2026-12-07T04:37:18.391Z slo info Registered scheduled task: slo-evaluation',
    '2026-12-07T04:40:00.500Z slo debug SLO evaluation: 6 SLOs (0 failed), 3 changed hours, 3 rollups written in 120 ms',
    '2026-12-07T04:40:06.100Z slo info SLO sync checked 3 entities, 0 with errors',
    '2026-12-07T04:40:06.300Z catalog debug SLO evaluation: 6 SLOs in 5 ms',
  ];

  it('reads evaluation cycles and catalog syncs of the slo plugin from log lines', () => {
    expect(evaluationRuns('a', lines)).toEqual([
      {
        replica: 'a',
        start: Date.parse('2026-12-07T04:40:00.380Z'),
        end: Date.parse('2026-12-07T04:40:00.500Z'),
      },
    ]);
    expect(catalogSyncRuns('b', lines)).toHaveLength(1);
  });

  it('finds runs of two replicas that overlap', () => {
    const runs = mergedRuns(
      [
        { replica: 'a', start: 0, end: 100 },
        { replica: 'b', start: 50, end: 120 },
        { replica: 'b', start: 6000, end: 6100 },
        { replica: 'a', start: 99999, end: 100000 },
      ],
      0,
      10000,
    );
    expect(runs.map(r => r.start)).toEqual([0, 50, 6000]);
    expect(overlappingRuns(runs)).toEqual([[runs[0], runs[1]]]);
  });

  it('allows at most window / cadence + 2 runs', () => {
    expect(maxRunsInWindow(60_000, 6_000)).toBe(12);
    expect(maxRunsInWindow(59_999, 6_000)).toBe(11);
  });
});
