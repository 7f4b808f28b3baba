import { parseOpenSlo } from './parseOpenSlo';
import {
  INDICATOR,
  ROLLING,
  apiIssue,
  issuesOf,
  sloWith,
} from './__testUtils__/openSloTestDocuments';

const VALID = `
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-good-requests
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        type: Prometheus
        spec:
          query: http_requests_total{code!~"5.."}
    total:
      metricSource:
        type: Prometheus
        spec:
          query: http_requests_total
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
spec:
  service: checkout
  indicatorRef: checkout-good-requests
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Requests succeed
      targetPercent: 99.9
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
spec:
  indicator:
    metadata:
      name: checkout-p99
    spec:
      thresholdMetric:
        metricSource:
          type: checkout-agent
          spec: {}
  timeWindow:
    duration: 1M
    calendar:
      startTime: "2022-01-01 00:00:00"
      timeZone: Asia/Kolkata
  budgetingMethod: Timeslices
  objectives:
    - target: 0.99
      op: lte
      value: 300
      timeSliceTarget: 0.95
      timeSliceWindow: 5m
`;

describe('parseOpenSlo', () => {
  it('normalises a multi-document file with indicatorRef, inline indicators and both window kinds', () => {
    const result = parseOpenSlo(VALID, 'slos.yaml');
    expect(result).toEqual({
      ok: true,
      slos: [
        {
          name: 'checkout-availability',
          displayName: 'Checkout availability',
          service: 'checkout',
          indicator: {
            kind: 'ratio',
            name: 'checkout-good-requests',
            counter: true,
            numerator: 'good',
            numeratorSource: {
              type: 'prometheus',
              query: 'http_requests_total{code!~"5.."}',
              spec: {
                query: 'http_requests_total{code!~"5.."}',
              },
            },
            totalSource: {
              type: 'prometheus',
              query: 'http_requests_total',
              spec: { query: 'http_requests_total' },
            },
          },
          timeWindow: {
            kind: 'rolling',
            duration: '28d',
            durationMinutes: 40320,
          },
          budgetingMethod: 'Occurrences',
          objectives: [{ displayName: 'Requests succeed', target: 0.999 }],
        },
        {
          name: 'checkout-latency',
          indicator: {
            kind: 'threshold',
            name: 'checkout-p99',
            source: { type: 'checkout-agent', spec: {} },
          },
          timeWindow: {
            kind: 'calendar',
            duration: '1M',
            amount: 1,
            unit: 'M',
            startTime: '2022-01-01 00:00:00',
            timeZone: 'Asia/Kolkata',
          },
          budgetingMethod: 'Timeslices',
          objectives: [
            {
              target: 0.99,
              op: 'lte',
              value: 300,
              timeSliceTarget: 0.95,
              timeSliceWindowMinutes: 5,
            },
          ],
        },
      ],
    });
  });

  it.each([
    [
      'a misspelt field',
      sloWith(
        `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ targt: 0.9 }]\n`,
      ),
      'spec.objectives[0].targt',
      'unknown field; OpenSLO v1 does not define it here (check the spelling)',
    ],
    [
      'an unknown budgeting method',
      sloWith(
        `${INDICATOR}${ROLLING}  budgetingMethod: Events\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.budgetingMethod',
      'must be one of Occurrences, Timeslices, RatioTimeslices, got "Events"',
    ],
    [
      'alertPolicies',
      sloWith(
        `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n  alertPolicies: [fast-burn]\n`,
      ),
      'spec.alertPolicies',
      'not supported yet: alertPolicies; SLO Kit derives multi-window burn-rate alerts from each objective',
    ],
    [
      'a missing indicator',
      sloWith(
        `${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.indicator',
      'is required: give an inline indicator or an indicatorRef to a kind: SLI in this file',
    ],
    [
      'a wrong apiVersion',
      sloWith(
        `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
        'apiVersion: openslo/v2alpha\nkind: SLO\nmetadata:\n  name: api\n',
      ),
      'apiVersion',
      'must be "openslo/v1", got "openslo/v2alpha"',
    ],
    [
      'an unsupported kind',
      'apiVersion: openslo/v1\nkind: AlertPolicy\nmetadata:\n  name: api\nspec: {}\n',
      'kind',
      'not supported yet: kind AlertPolicy; SLO Kit reads kind SLO and kind SLI',
    ],
    [
      'a missing objectives list',
      sloWith(`${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n`),
      'spec.objectives',
      'is required',
    ],
  ])(
    'rejects %s, naming the field and reason',
    (_label, yaml, path, message) => {
      expect(issuesOf(yaml)).toContainEqual(apiIssue(path, message));
    },
  );

  it('names the document index and name of a problem in a later document', () => {
    const broken = VALID.replace('targetPercent: 99.9', 'targetPercent: 120');
    expect(issuesOf(broken)).toEqual([
      {
        file: 'slos.yaml',
        documentIndex: 1,
        documentName: 'checkout-availability',
        path: 'spec.objectives[0].targetPercent',
        message:
          'must be a percentage between 0 and 100, exclusive (e.g. 99.9), got 120',
        // Counted in the whole file, not the document.
        line: 34,
        column: 7,
      },
    ]);
  });

  it('reports an indicatorRef that points nowhere', () => {
    const broken = VALID.replace(
      'indicatorRef: checkout-good-requests',
      'indicatorRef: checkout-good',
    );
    expect(issuesOf(broken)).toEqual([
      expect.objectContaining({
        documentIndex: 1,
        path: 'spec.indicatorRef',
        message:
          'no kind: SLI document named "checkout-good" in this file (found: checkout-good-requests)',
      }),
    ]);
  });

  it('reports a broken SLI once, and the SLO that uses it', () => {
    const broken = VALID.replace(
      '    good:\n      metricSource:\n        type: Prometheus\n',
      '    good:\n      metricSource:\n        metricSourceRef: prom\n        type: Prometheus\n',
    );
    expect(
      issuesOf(broken).map(i => [i.documentIndex, i.path, i.message]),
    ).toEqual([
      [
        0,
        'spec.ratioMetric.good.metricSource.metricSourceRef',
        'not supported yet: metricSourceRef (kind: DataSource); give the source inline with type and spec',
      ],
      [
        1,
        'spec.indicatorRef',
        'the kind: SLI document "checkout-good-requests" it points to has errors',
      ],
    ]);
  });

  it('checks an SLI that several SLOs point to once', () => {
    const sli =
      'apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: shared\nspec:\n  ratioMetric:\n    total: { metricSource: { type: push } }\n';
    const slo = (name: string) =>
      sloWith(
        `  indicatorRef: shared\n${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
        `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${name}\n`,
      );
    expect(
      issuesOf(`${sli}---\n${slo('a')}---\n${slo('b')}`).map(i => [
        i.documentIndex,
        i.path,
        i.message,
      ]),
    ).toEqual([
      [
        0,
        'spec.ratioMetric.good',
        'is required: give good (or bad) event counts',
      ],
      [
        1,
        'spec.indicatorRef',
        'the kind: SLI document "shared" it points to has errors',
      ],
      [
        2,
        'spec.indicatorRef',
        'the kind: SLI document "shared" it points to has errors',
      ],
    ]);
  });

  it('reports invalid YAML with its line', () => {
    const issues = issuesOf('apiVersion: openslo/v1\nkind: [SLO\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: 'slos.yaml',
      documentIndex: 0,
      path: '',
    });
    expect(issues[0].message).toMatch(
      /^invalid YAML \(line \d+, column \d+\): /,
    );
  });

  it('reports duplicate SLO names', () => {
    const doc = sloWith(
      `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
    );
    expect(issuesOf(`${doc}---\n${doc}`)).toEqual([
      expect.objectContaining({
        documentIndex: 1,
        path: 'metadata.name',
        message: 'another kind: SLO document in this file is also named "api"',
      }),
    ]);
  });

  it('reports a file without SLOs', () => {
    expect(issuesOf('# nothing here\n')).toEqual([
      {
        file: 'slos.yaml',
        documentIndex: 0,
        path: '',
        message:
          'the file holds no kind: SLO document (apiVersion: openslo/v1)',
      },
    ]);
  });

  describe('locates each issue by line and column', () => {
    const file = [
      'apiVersion: openslo/v1', // 1
      'kind: SLO', // 2
      'metadata:', // 3
      '  name: api', // 4
      'spec:', // 5
      '  indicator:', // 6
      '    spec:', // 7
      '      ratioMetric:', // 8
      '        good: { metricSource: { type: push } }', // 9
      '        total: { metricSource: { type: push } }', // 10
      '  timeWindow: { duration: 30d, isRolling: true }', // 11
      '  budgetingMethod: Occurrences', // 12
      '  objectives:', // 13
      '    - displayName: fast', // 14
      '      target: 0.9', // 15
      '',
    ].join('\n');

    it.each([
      [
        'a wrong value at its key',
        file.replace('target: 0.9', 'target: 1.5'),
        'spec.objectives[0].target',
        { line: 15, column: 7 },
      ],
      [
        'an unknown field at its key',
        file.replace('  budgetingMethod', '  budgetingMethd'),
        'spec.budgetingMethd',
        { line: 12, column: 3 },
      ],
      [
        'a missing field at the map that lacks it',
        file.replace('  budgetingMethod: Occurrences\n', ''),
        'spec.budgetingMethod',
        { line: 5, column: 1 },
      ],
      [
        'a field inside a flow map',
        file.replace('duration: 30d', 'duration: 30x'),
        'spec.timeWindow.duration',
        { line: 11, column: 17 },
      ],
    ])('%s', (_label, yaml, path, position) => {
      expect(issuesOf(yaml)).toContainEqual(
        expect.objectContaining({ path, ...position }),
      );
    });

    it('counts lines across documents', () => {
      const second = file.replace('name: api', 'name: web');
      const issues = issuesOf(
        `${file}---\n${second.replace('target: 0.9', 'target: 2')}`,
      );
      expect(issues).toEqual([
        expect.objectContaining({
          documentIndex: 1,
          path: 'spec.objectives[0].target',
          line: 15 + 16,
          column: 7,
        }),
      ]);
    });

    it('gives the position of a YAML syntax error', () => {
      const [issue] = issuesOf(
        file.replace('  budgetingMethod', ' budgetingMethod'),
      );
      expect(issue).toMatchObject({ path: '', line: 12 });
      expect(issue.message).toContain(`(line 12, column ${issue.column})`);
    });

    it('leaves issues past the first 50 without a position', () => {
      const many = Array.from({ length: 60 }, (_, i) =>
        file.replace('name: api', `name: slo-${i}`).replace('0.9', '2'),
      ).join('---\n');
      const result = parseOpenSlo(many, 'slos.yaml');
      if (result.ok) throw new Error('expected issues');
      expect(result.issueCount).toBe(60);
      expect(result.issues).toHaveLength(50);
      expect(result.issues.every(i => i.line !== undefined)).toBe(true);
      expect(result.issues[49].line).toBe(49 * 16 + 15);
    });
  });
});
