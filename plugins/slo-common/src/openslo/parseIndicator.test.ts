import { parseOpenSlo } from './parseOpenSlo';
import { parseIndicator } from './parseIndicator';
import { DocumentReporter } from './DocumentReporter';
import type { SliSpec } from './schema';
import type { OpenSloIssue } from './types';
import {
  ROLLING,
  apiIssue,
  issuesOf,
  sloWith,
} from './__testUtils__/openSloTestDocuments';

function parse(spec: SliSpec, name?: string) {
  const issues: OpenSloIssue[] = [];
  const reporter = new DocumentReporter(issues, 'slos.yaml', 0, 'api');
  const indicator = parseIndicator(spec, name, ['spec'], reporter);
  return { indicator, issues: issues.map(i => [i.path, i.message]) };
}

const push = { metricSource: { type: 'push' } };

describe('parseIndicator', () => {
  it('accepts bad instead of good', () => {
    const yaml = sloWith(
      `  indicator:\n    spec:\n      ratioMetric:\n        bad: { metricSource: { type: push } }\n        total: { metricSource: { type: push } }\n${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.99 }]\n`,
    );
    const result = parseOpenSlo(yaml, 'slos.yaml');
    expect(result.ok && result.slos[0].indicator).toMatchObject({
      kind: 'ratio',
      numerator: 'bad',
    });
  });

  it('rejects a prometheus source without a query, naming the field and reason', () => {
    const yaml = sloWith(
      `  indicator:\n    spec:\n      ratioMetric:\n        good: { metricSource: { type: prometheus, spec: {} } }\n        total: { metricSource: { type: push } }\n${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
    );
    expect(issuesOf(yaml)).toContainEqual(
      apiIssue(
        'spec.indicator.spec.ratioMetric.good.metricSource.spec.query',
        'is required for prometheus sources: the PromQL to run',
      ),
    );
  });

  it('normalises a ratio of pulled good events to total events', () => {
    expect(
      parse(
        {
          ratioMetric: {
            counter: true,
            good: {
              metricSource: { type: 'Prometheus', spec: { query: 'good' } },
            },
            total: {
              metricSource: { type: 'Prometheus', spec: { query: 'all' } },
            },
          },
        },
        'requests',
      ),
    ).toEqual({
      indicator: {
        kind: 'ratio',
        name: 'requests',
        counter: true,
        numerator: 'good',
        numeratorSource: {
          type: 'prometheus',
          query: 'good',
          spec: { query: 'good' },
        },
        totalSource: {
          type: 'prometheus',
          query: 'all',
          spec: { query: 'all' },
        },
      },
      issues: [],
    });
  });

  it('normalises a pushed threshold metric', () => {
    expect(
      parse({ thresholdMetric: { metricSource: { type: 'agent' } } }),
    ).toEqual({
      indicator: { kind: 'threshold', source: { type: 'agent', spec: {} } },
      issues: [],
    });
  });

  it.each([
    [
      'both metric kinds',
      {
        ratioMetric: { good: push, total: push },
        thresholdMetric: push,
      },
      'spec',
      'give either ratioMetric or thresholdMetric, not both',
    ],
    [
      'no metric',
      {},
      'spec',
      'needs ratioMetric (good or bad, and total) or thresholdMetric',
    ],
    [
      'a raw ratio',
      { ratioMetric: { raw: push, rawType: 'success' } },
      'spec.ratioMetric.raw',
      'not supported yet: raw (pre-computed) ratio metrics; SLO Kit needs good or bad event counts and total counts',
    ],
    [
      'both good and bad',
      { ratioMetric: { good: push, bad: push, total: push } },
      'spec.ratioMetric',
      'give either good or bad, not both',
    ],
    [
      'neither good nor bad',
      { ratioMetric: { total: push } },
      'spec.ratioMetric.good',
      'is required: give good (or bad) event counts',
    ],
    [
      'no total',
      { ratioMetric: { good: push } },
      'spec.ratioMetric.total',
      'is required: give the total event count',
    ],
    [
      'a metricSourceRef',
      { thresholdMetric: { metricSource: { metricSourceRef: 'prom' } } },
      'spec.thresholdMetric.metricSource.metricSourceRef',
      'not supported yet: metricSourceRef (kind: DataSource); give the source inline with type and spec',
    ],
    [
      'a source without a type',
      { thresholdMetric: { metricSource: { spec: {} } } },
      'spec.thresholdMetric.metricSource.type',
      'is required: e.g. prometheus (pulled) or any other name for pushed data',
    ],
  ])('rejects %s', (_label, spec, path, message) => {
    expect(parse(spec as SliSpec)).toEqual({
      indicator: undefined,
      issues: [[path, message]],
    });
  });
});
