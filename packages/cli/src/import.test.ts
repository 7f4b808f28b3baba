import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseOpenSlo, type SloDefinition } from '@slo-kit/plugin-slo-common';
import { main } from './main';

const FIXTURES = path.resolve(__dirname, 'import/__fixtures__');
const fixture = (name: string) => path.join(FIXTURES, name);

/** Runs main with in-memory files layered over the real file system; records written files. */
async function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const written: Record<string, string> = {};
  const code = await main(['node', 'slo-kit', ...args], {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    readFile: async file =>
      file in files ? files[file] : readFile(file, 'utf8'),
    writeFile: async (file, text) => {
      written[file] = text;
    },
    now: () => Date.parse('2026-06-03T00:00:00Z'),
  });
  return { code, stdout, stderr, written, lines: stderrLines(stderr) };
}

function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter(Boolean);
}

/** The output parsed by SLO Kit's own OpenSLO parser; fails the test when it is refused. */
function parsed(yaml: string): SloDefinition[] {
  const result = parseOpenSlo(yaml, 'out.yaml');
  if (!result.ok) {
    throw new Error(
      `output refused: ${result.issues
        .map(i => `${i.path}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.slos;
}

/** What an SLO measures: its objective, window and queries. */
function essentials(slo: SloDefinition) {
  if (slo.indicator.kind !== 'ratio') {
    throw new Error(`${slo.name}: expected a ratio indicator`);
  }
  return {
    name: slo.name,
    service: slo.service,
    target: slo.objectives.map(o => o.target),
    window:
      slo.timeWindow.kind === 'rolling'
        ? slo.timeWindow.durationMinutes
        : slo.timeWindow.duration,
    method: slo.budgetingMethod,
    counter: slo.indicator.counter,
    [slo.indicator.numerator]: {
      type: slo.indicator.numeratorSource.type,
      query: slo.indicator.numeratorSource.query,
    },
    total: {
      type: slo.indicator.totalSource.type,
      query: slo.indicator.totalSource.query,
    },
  };
}

const DAY = 24 * 60;
const prom = (query: string) => ({ type: 'prometheus', query });

describe('slo-kit import sloth', () => {
  it('converts every SLO of a multi-document prometheus/v1 spec', async () => {
    const file = fixture('sloth-checkout.yaml');
    const result = await run(['import', 'sloth', file]);
    expect(parsed(result.stdout).map(essentials)).toEqual([
      {
        name: 'checkout-requests-availability',
        service: 'checkout',
        target: [0.999],
        window: 30 * DAY,
        method: 'Occurrences',
        counter: true,
        bad: prom('http_requests_total{job="checkout",code=~"(5..|429)"}'),
        total: prom('http_requests_total{job="checkout"}'),
      },
      {
        name: 'checkout-requests-latency',
        service: 'checkout',
        target: [0.99],
        window: 30 * DAY,
        method: 'Occurrences',
        counter: true,
        good: prom(
          'http_request_duration_seconds_bucket{job="checkout",method!="OPTIONS",le="0.4"}',
        ),
        total: prom(
          'http_request_duration_seconds_count{method!="OPTIONS",job="checkout"}',
        ),
      },
      {
        name: 'payments-authorizations',
        service: 'payments',
        target: [0.9995],
        window: 30 * DAY,
        method: 'Occurrences',
        counter: true,
        bad: prom('payment_authorizations_total{outcome="error"}'),
        total: prom('payment_authorizations_total'),
      },
    ]);
    const [availability] = parsed(result.stdout);
    expect(availability.description).toBe(
      'Checkout API requests that do not fail with a 5xx or 429.',
    );
    expect(result.stdout).toContain(
      'labels:\n    owner: team-payments\n    tier: "1"\n    category: availability\n',
    );
    // Sloth's alerting block is not carried, so the import is incomplete.
    expect(result.lines).toEqual([
      `${file}:0(checkout):slos[0].alerting: not carried: Sloth's alert settings; SLO Kit derives multi-window burn-rate alerts from each objective`,
      `${file}:0(checkout):slos[1].sli.events.error_query: note: is the total query's counter minus http_request_duration_seconds_bucket{job="checkout",method!="OPTIONS",le="0.4"}, so that counter is written as the good events`,
      `${file}: converted 3 SLO(s) (checkout-requests-availability, checkout-requests-latency, payments-authorizations); the lines above name what was not carried`,
    ]);
    expect(result.code).toBe(1);
  });

  it('exits 0 when everything is carried, and writes --out with the --window period', async () => {
    const spec = [
      'version: prometheus/v1',
      'service: checkout',
      'slos:',
      '  - name: requests-availability',
      '    objective: 99.5',
      '    sli:',
      '      events:',
      '        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      '        total_query: sum(rate(http_requests_total[{{.window}}]))',
    ].join('\n');
    const result = await run(
      [
        'import',
        'sloth',
        'slos.yaml',
        '--out',
        'openslo.yaml',
        '--window',
        '28d',
      ],
      { 'slos.yaml': spec },
    );
    expect(result).toMatchObject({
      code: 0,
      stderr: '',
      stdout: 'openslo.yaml: wrote 1 SLO(s) (checkout-requests-availability)\n',
    });
    expect(parsed(result.written['openslo.yaml']).map(essentials)).toEqual([
      expect.objectContaining({
        target: [0.995],
        window: 28 * DAY,
        bad: prom('http_requests_total{code=~"5.."}'),
        total: prom('http_requests_total'),
      }),
    ]);
  });

  it('reports every unsupported field with file, document and path, and converts the rest', async () => {
    const file = fixture('sloth-unsupported.yaml');
    const result = await run(['import', 'sloth', file]);
    expect(result.code).toBe(1);
    expect(parsed(result.stdout).map(slo => slo.name)).toEqual([
      'search-queries-availability',
    ]);
    const at = `${file}:0(search):`;
    expect(result.lines).toEqual([
      `${at}slo_plugins: not carried: Sloth's SLO plugins change the rules Sloth generates; SLO Kit has no counterpart`,
      `${at}slos[0].alerting: not carried: Sloth's alert settings; SLO Kit derives multi-window burn-rate alerts from each objective`,
      `${at}slos[1].sli.raw.error_ratio_query: not carried: a pre-computed error ratio; SLO Kit needs counts of bad (or good) events and of all events`,
      `${at}slos[2].sli.plugin: not carried: the SLI plugin "sloth-common/kubernetes/apiserver/availability" builds its queries inside Sloth, so the spec holds no queries to carry`,
      `${at}slos[3].sli.events.error_query: not carried: cannot read a counter selector from this query (expected e.g. sum(rate(<selector>[{{.window}}]))): "/" at character 50: only one count minus another can be written as counter selectors`,
      `${at}slos[4].objective: not carried: must be a percentage between 0 and 100, exclusive (an objective of 100% leaves no error budget), got 100`,
      `${file}: converted 1 SLO(s) (search-queries-availability); the lines above name what was not carried`,
    ]);
  });

  it('reads the Kubernetes PrometheusServiceLevel form with its camelCase fields', async () => {
    const file = fixture('sloth-k8s.yaml');
    const result = await run(['import', 'sloth', file]);
    expect(parsed(result.stdout).map(essentials)).toEqual([
      expect.objectContaining({
        name: 'inventory-requests-availability',
        service: 'inventory',
        target: [0.999],
        bad: prom('http_requests_total{job="inventory",code=~"5.."}'),
        total: prom('http_requests_total{job="inventory"}'),
      }),
    ]);
    expect(result.lines.slice(0, 2)).toEqual([
      `${file}:0(inventory-slos):spec.slos[0].alerting: not carried: Sloth's alert settings; SLO Kit derives multi-window burn-rate alerts from each objective`,
      `${file}:0(inventory-slos):spec.slos[1].sli.raw.errorRatioQuery: not carried: a pre-computed error ratio; SLO Kit needs counts of bad (or good) events and of all events`,
    ]);
    expect(result.code).toBe(1);
  });

  it('names unknown fields, difference queries it cannot carry and renamed SLOs', async () => {
    const spec = [
      'version: prometheus/v1',
      'service: Checkout_API',
      'owner: team-payments',
      'slos:',
      '  - name: Latency',
      '    objective: 99',
      '    sli:',
      '      events:',
      '        error_query: sum(rate(a_total[{{.window}}])) - sum(rate(b_total[{{.window}}]))',
      '        total_query: sum(rate(c_total[{{.window}}]))',
      '  - name: Availability',
      '    objectve: 99',
      '    sli:',
      '      events:',
      '        errorQuery: sum(rate(a_total[{{.window}}]))',
      '        total_query: sum(rate(c_total[{{.window}}]))',
    ].join('\n');
    const result = await run(['import', 'sloth', 'slos.yaml'], {
      'slos.yaml': spec,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.lines).toEqual([
      'slos.yaml:0(Checkout_API):owner: not carried: unknown field; Sloth does not define it here (check the spelling)',
      'slos.yaml:0(Checkout_API):slos[0].name: note: written as "checkout-api-latency": OpenSLO names are lower-case letters, digits and dashes, at most 63',
      "slos.yaml:0(Checkout_API):slos[0].sli.events.error_query: not carried: is a_total minus b_total; SLO Kit can carry a difference only when it subtracts the good events from the total query's counter (c_total)",
      'slos.yaml:0(Checkout_API):slos[1].objective: not carried: is required',
      'slos.yaml: no SLO could be converted; nothing written',
    ]);
  });

  it('refuses garbage with a clear error and writes nothing', async () => {
    const result = await run(
      ['import', 'sloth', 'a.yaml', '--out', 'out.yaml'],
      { 'a.yaml': 'version: prometheus/v1\nslos: [\n' },
    );
    expect(result.code).toBe(1);
    expect(result.written).toEqual({});
    expect(result.lines[0]).toMatch(
      /^a\.yaml:0:-: not carried: invalid YAML \(line \d+, column \d+\): /,
    );
    expect(result.lines[1]).toBe(
      'a.yaml: no SLO could be converted; nothing written',
    );

    const other = await run(['import', 'sloth', 'b.yaml'], {
      'b.yaml': 'apiVersion: openslo/v1\nkind: SLO\n',
    });
    expect(other.code).toBe(1);
    expect(other.lines[0]).toBe(
      'b.yaml:0:-: not carried: not a Sloth SLO spec: expected version: prometheus/v1, or apiVersion: sloth.slok.dev/v1 with kind: PrometheusServiceLevel',
    );

    const empty = await run(['import', 'sloth', 'c.yaml'], { 'c.yaml': '' });
    expect(empty.code).toBe(1);
    expect(empty.lines[0]).toBe(
      'c.yaml:0:-: not carried: the file holds no YAML document',
    );
  });

  it('reports a missing file like validate does, and wrong usage with exit 2', async () => {
    const missing = await run(['import', 'sloth', fixture('missing.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'missing.yaml:-:-: cannot read the file: ENOENT',
    );
    const badWindow = await run([
      'import',
      'sloth',
      fixture('sloth-checkout.yaml'),
      '--window',
      '30 days',
    ]);
    expect(badWindow).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'slo-kit import sloth: --window: "30 days" is not a Prometheus duration such as 28d, 4w or 1y\n',
    });
  });
});

describe('slo-kit import pyrra', () => {
  it('converts ratio and latency SLOs with their target, window and service', async () => {
    const file = fixture('pyrra-slos.yaml');
    const result = await run(['import', 'pyrra', file]);
    expect(parsed(result.stdout).map(essentials)).toEqual([
      {
        name: 'checkout-api-errors',
        service: 'checkout',
        target: [0.999],
        window: 28 * DAY,
        method: 'Occurrences',
        counter: true,
        bad: prom('http_requests_total{job="checkout",code=~"5.."}'),
        total: prom('http_requests_total{job="checkout"}'),
      },
      {
        name: 'checkout-api-latency',
        service: 'checkout',
        target: [0.99],
        window: 28 * DAY,
        method: 'Occurrences',
        counter: true,
        good: prom(
          'http_request_duration_seconds_bucket{job="checkout",code!~"5..",le="1"}',
        ),
        total: prom(
          'http_request_duration_seconds_count{job="checkout",code!~"5.."}',
        ),
      },
      {
        name: 'coredns-response-errors',
        // no pyrra.dev/service label: the namespace
        service: 'kube-system',
        target: [0.9995],
        window: 9 * DAY,
        method: 'Occurrences',
        counter: true,
        bad: prom('coredns_dns_responses_total{rcode="SERVFAIL"}'),
        total: prom('coredns_dns_responses_total'),
      },
    ]);
    expect(result.stdout).toContain('- duration: 4w\n');
    expect(result.lines).toEqual([
      `${file}:2(coredns-response-errors):spec.window: note: written as 9d`,
    ]);
    expect(result.code).toBe(0);
  });

  it('takes spec.service from --service over labels and namespace', async () => {
    const result = await run([
      'import',
      'pyrra',
      fixture('pyrra-slos.yaml'),
      '--service',
      'shop-frontend',
    ]);
    expect(parsed(result.stdout).map(slo => slo.service)).toEqual([
      'shop-frontend',
      'shop-frontend',
      'shop-frontend',
    ]);
  });

  it('reports grouping, alerting, bool_gauge, native latency, queries and other kinds with their paths', async () => {
    const file = fixture('pyrra-unsupported.yaml');
    const result = await run(['import', 'pyrra', file, '--out', 'out.yaml']);
    expect(result.code).toBe(1);
    expect(parsed(result.written['out.yaml']).map(essentials)).toEqual([
      expect.objectContaining({
        name: 'pyrra-api-errors',
        service: 'monitoring',
        target: [0.99],
        window: 14 * DAY,
        bad: prom('http_requests_total{job="pyrra",code=~"5.."}'),
        total: prom('http_requests_total{job="pyrra"}'),
      }),
    ]);
    expect(result.lines).toEqual([
      `${file}:0(pyrra-api-errors):spec.alerting: not carried: Pyrra's alert settings; SLO Kit derives multi-window burn-rate alerts from each objective`,
      `${file}:0(pyrra-api-errors):spec.indicator.ratio.grouping: not carried: grouping by route (one SLO per group); the SLO is written over all series together`,
      `${file}:1(probe-success):spec.indicator.bool_gauge: not carried: a boolean gauge (the share of samples that are 1); SLO Kit reads counters of good or bad and total events`,
      `${file}:2(api-latency-native):spec.indicator.latencyNative: not carried: latency from a native histogram; SLO Kit reads counters (use latency with a classic _bucket histogram)`,
      `${file}:3(api-errors-rate):spec.indicator.ratio.errors.metric: not carried: cannot read a counter selector from this query: expected a metric selector at character 1, found sum(...)`,
      `${file}:4(not-an-slo):-: not carried: not a Pyrra SLO: expected apiVersion: pyrra.dev/v1alpha1 and kind: ServiceLevelObjective`,
      `${file}: converted 1 SLO(s) (pyrra-api-errors); the lines above name what was not carried`,
    ]);
    expect(result.stdout).toBe('out.yaml: wrote 1 SLO(s) (pyrra-api-errors)\n');
  });

  it('names invalid targets, windows and latency selectors without le', async () => {
    const slo = (name: string, spec: string) =>
      [
        'apiVersion: pyrra.dev/v1alpha1',
        'kind: ServiceLevelObjective',
        'metadata:',
        `  name: ${name}`,
        'spec:',
        spec,
      ].join('\n');
    const text = [
      slo(
        'a',
        '  target: "100"\n  window: 30s\n  indicator:\n    ratio:\n      errors: {metric: e_total}\n      total: {metric: t_total}',
      ),
      slo(
        'b',
        '  target: "99"\n  window: 7d\n  indicator:\n    latency:\n      success: {metric: \'d_bucket{job="x"}\'}\n      total: {metric: d_count}',
      ),
      slo('c', '  window: 7d\n  indicator: {}'),
    ].join('\n---\n');
    const result = await run(['import', 'pyrra', 'p.yaml'], { 'p.yaml': text });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      'p.yaml:0(a):spec.target: not carried: must be a percentage between 0 and 100, exclusive (e.g. "99.5"), got "100"',
      'p.yaml:0(a):spec.window: not carried: "30s" is not a whole number of minutes; SLO Kit\'s windows are made of minutes',
      'p.yaml:1(b):spec.indicator.latency.success.metric: not carried: needs a bucket selector with le="<seconds>" (the requests faster than the threshold)',
      'p.yaml:2(c):spec.target: not carried: must be a percentage, e.g. "99.5"',
      'p.yaml: no SLO could be converted; nothing written',
    ]);
  });

  it('keeps the first of two SLOs that convert to the same name and reports the second', async () => {
    const slo = [
      'apiVersion: pyrra.dev/v1alpha1',
      'kind: ServiceLevelObjective',
      'metadata:',
      '  name: API-Errors',
      '  namespace: shop',
      'spec:',
      '  target: "99"',
      '  window: 28d',
      '  indicator:',
      '    ratio:',
      '      errors: {metric: \'e_total{code="500"}\'}',
      '      total: {metric: e_total}',
    ].join('\n');
    const result = await run(['import', 'pyrra', 'p.yaml'], {
      'p.yaml': `${slo}\n---\n${slo.replace('API-Errors', 'api-errors')}`,
    });
    expect(parsed(result.stdout).map(s => s.name)).toEqual(['api-errors']);
    expect(result.lines).toEqual([
      'p.yaml:0(API-Errors):metadata.name: note: written as "api-errors": OpenSLO names are lower-case letters, digits and dashes, at most 63',
      'p.yaml:1(api-errors):-: not carried: converts to the SLO name "api-errors", which an SLO before it already has; rename one of them',
      'p.yaml: converted 1 SLO(s) (api-errors); the lines above name what was not carried',
    ]);
    expect(result.code).toBe(1);
  });

  it('exits 2 on wrong usage: --window (Pyrra SLOs have their own), a missing file argument', async () => {
    const window = await run([
      'import',
      'pyrra',
      fixture('pyrra-slos.yaml'),
      '--window',
      '7d',
    ]);
    expect(window).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "error: unknown option '--window'\n",
    });
    const noFile = await run(['import', 'pyrra']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("missing required argument 'file'");
    const noFormat = await run(['import', 'nagios', 'x.yaml']);
    expect(noFormat.code).toBe(2);
  });
});
