import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openSloDocument } from '@slo-kit/plugin-slo-common/testUtils';
import { main } from './main';

const EXAMPLES = path.resolve(__dirname, '../examples');
const SLOS = path.join(EXAMPLES, 'checkout-slos.yaml');
const CSV = path.join(EXAMPLES, 'checkout-sli.csv');

/** Runs main with in-memory files layered over the real file system. */
async function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'slo-kit', ...args], {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    readFile: async file =>
      file in files ? files[file] : readFile(file, 'utf8'),
    writeFile: async () => {
      throw new Error('these commands write no files');
    },
    now: () => Date.parse('2026-06-03T00:00:00Z'),
  });
  return { code, stdout, stderr };
}

describe('slo-kit validate', () => {
  it('accepts the example file', async () => {
    const result = await run(['validate', SLOS]);
    expect(result).toEqual({
      code: 0,
      stdout: `${SLOS}: ok (checkout-availability, checkout-good-minutes)\n`,
      stderr: '',
    });
  });

  it('prints file:document:path: message per problem and exits 1', async () => {
    const broken = (await readFile(SLOS, 'utf8'))
      .replace('targetPercent: 99.9', 'targetPercent: 999')
      .replace('timeZone: Europe/Berlin', 'timeZone: Berlin');
    const result = await run(['validate', 'broken.yaml', SLOS], {
      'broken.yaml': broken,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'broken.yaml:1(checkout-availability):spec.objectives[0].targetPercent: must be a percentage between 0 and 100, exclusive (e.g. 99.9), got 999',
      'broken.yaml:2(checkout-good-minutes):spec.timeWindow[0].calendar.timeZone: "Berlin" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)',
    ]);
    expect(result.stdout).toBe(
      `${SLOS}: ok (checkout-availability, checkout-good-minutes)\n`,
    );
  });

  it('reports a missing file', async () => {
    const result = await run(['validate', path.join(EXAMPLES, 'missing.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'missing.yaml:-:-: cannot read the file: ENOENT',
    );
  });
});

describe('slo-kit budget', () => {
  const SMALL_SLO = openSloDocument({
    name: 'api',
    displayName: null,
    objectiveDisplayName: null,
    service: null,
    budgetingMethod: 'Timeslices',
    duration: '30d',
    target: 0.999,
    timeSliceTarget: 0.9,
  });

  it('prints the budget JSON for the example', async () => {
    const result = await run([
      'budget',
      '--slo',
      SLOS,
      '--data',
      CSV,
      '--at',
      '2026-06-03T00:00:00Z',
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.slos.map((s: { name: string }) => s.name)).toEqual([
      'checkout-availability',
      'checkout-good-minutes',
    ]);
    const [availability, minutes] = output.slos;
    expect(Object.keys(availability)).toEqual([
      'name',
      'sli',
      'errorBudget',
      'burnRates',
      'alerts',
      'exhaustion',
      'dataCoverage',
      'status',
    ]);
    expect(Object.keys(availability.burnRates)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
    expect(Object.keys(availability.alerts[0])).toEqual([
      'severity',
      'longWindow',
      'shortWindow',
      'factor',
      'firing',
    ]);
    expect(availability.errorBudget.unit).toBe('events');
    // 2,850 of the 43,200 minutes in the window have data.
    expect(availability.dataCoverage).toBe(
      Number((2850 / 43200).toPrecision(12)),
    );
    expect(minutes.errorBudget.unit).toBe('minutes');
    // June 2026 in Berlin: 30 days; 0.5% of it is 216 minutes.
    expect(minutes.errorBudget.total).toBe(216);
    // The 45 incident minutes are the only bad slices.
    expect(minutes.errorBudget.consumed).toBe(
      Number((45 / 216).toPrecision(12)),
    );
  });

  it('reads epoch seconds, gaps and --name, and gives null when nothing is known', async () => {
    const csv = 'timestamp,good,total\n1780272000,89,100\n1780272060,100,100\n';
    const result = await run(
      [
        'budget',
        '--slo',
        'api.yaml',
        '--data',
        'data.csv',
        '--at',
        '2026-06-01T00:05:00Z',
        '--name',
        'api',
      ],
      {
        'api.yaml': SMALL_SLO,
        'data.csv': csv,
      },
    );
    expect(result.stderr).toBe('');
    const [api] = JSON.parse(result.stdout).slos;
    expect(api.sli).toBe(0.5);
    expect(api.errorBudget).toEqual({
      total: 43.2,
      consumed: Number((1 / 43.2).toPrecision(12)),
      remaining: Number((1 - 1 / 43.2).toPrecision(12)),
      unit: 'minutes',
    });
    expect(api.burnRates['5m']).toBe(500);
    expect(api.status).toBe('critical');

    const empty = await run(
      ['budget', '--slo', 'api.yaml', '--data', 'data.csv'],
      { 'api.yaml': SMALL_SLO, 'data.csv': 'timestamp,good,total\n' },
    );
    const [none] = JSON.parse(empty.stdout).slos;
    expect(empty.code).toBe(0);
    expect(none).toMatchObject({
      sli: null,
      status: 'no-data',
      exhaustion: { at: null },
      dataCoverage: 0,
    });
    // No data is never a full budget.
    expect(none.errorBudget).toEqual({
      total: 43.2,
      consumed: null,
      remaining: null,
      unit: 'minutes',
    });
    expect(empty.stderr).toBe(
      'api: no data in the window from 2026-05-04T00:00:00.000Z to 2026-06-03T00:00:00.000Z: the error budget is unknown (consumed and remaining are null)\n',
    );
    expect(Object.values(none.burnRates)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('rejects bad CSV rows with their line numbers and exits 1', async () => {
    const csv = [
      'timestamp,good,total',
      '2026-06-01T00:00:00Z,11,10',
      '2026-06-01T00:01:30Z,1,1',
      '2026-06-01 00:02,1,1',
      '2026-06-01T00:03:00Z,-1,1.5',
      '2026-06-01T00:04:00Z,1,1',
      '2026-06-01T00:04:00+00:00,1,1',
    ].join('\n');
    const result = await run(
      ['budget', '--slo', 'api.yaml', '--data', 'data.csv'],
      { 'api.yaml': SMALL_SLO, 'data.csv': csv },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'data.csv:2: good (11) must not exceed total (10)',
      'data.csv:3: timestamp "2026-06-01T00:01:30Z" is not on a minute boundary (buckets are whole minutes)',
      'data.csv:4: timestamp "2026-06-01 00:02" must be ISO 8601 with a zone (e.g. 2026-06-01T12:00:00Z) or epoch seconds',
      'data.csv:5: good must not be negative, got -1; total must be a whole number of events, got 1.5',
      'data.csv:7: duplicate timestamp 2026-06-01T00:04:00.000Z (first on line 6)',
    ]);
  });

  it('names an unknown --name and a bad --at', async () => {
    const unknown = await run([
      'budget',
      '--slo',
      SLOS,
      '--data',
      CSV,
      '--name',
      'nope',
    ]);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: `--name: no SLO named "nope" in ${SLOS} (found: checkout-availability, checkout-good-minutes)\n`,
    });
    const badAt = await run([
      'budget',
      '--slo',
      SLOS,
      '--data',
      CSV,
      '--at',
      'yesterday',
    ]);
    expect(badAt).toMatchObject({
      code: 1,
      stderr:
        '--at: "yesterday" is not an ISO 8601 date-time (e.g. 2026-06-01T12:00:00Z)\n',
    });
  });

  it('exits non-zero when a required option is missing', async () => {
    const result = await run(['budget', '--slo', SLOS]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "required option '--data <csv>' not specified",
    );
  });
});

describe('the slo-kit bin', () => {
  it('runs as a process and sets the exit code', () => {
    const bin = path.resolve(__dirname, '../bin/slo-kit');
    const ok = spawnSync(process.execPath, [bin, 'validate', SLOS], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(
      'ok (checkout-availability, checkout-good-minutes)',
    );
    const bad = spawnSync(process.execPath, [bin, 'validate', CSV], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('checkout-sli.csv:0:');
  }, 60_000);
});
