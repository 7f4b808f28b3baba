import { parseObjective } from './parseObjective';
import { DocumentReporter } from './DocumentReporter';
import type { ObjectiveSpec } from './schema';
import type { BudgetingMethod, Indicator, OpenSloIssue } from './types';
import {
  INDICATOR,
  ROLLING,
  apiIssue,
  issuesOf,
  sloWith,
} from './__testUtils__/openSloTestDocuments';

const RATIO: Indicator = {
  kind: 'ratio',
  counter: false,
  numerator: 'good',
  numeratorSource: { type: 'push' },
  totalSource: { type: 'push' },
};
const THRESHOLD: Indicator = { kind: 'threshold', source: { type: 'push' } };

function parse(
  objective: ObjectiveSpec,
  method: BudgetingMethod = 'Occurrences',
  indicator: Indicator = RATIO,
) {
  const issues: OpenSloIssue[] = [];
  const reporter = new DocumentReporter(issues, 'slos.yaml', 0, 'api');
  const parsed = parseObjective(objective, 0, method, indicator, reporter);
  return { objective: parsed, issues: issues.map(i => [i.path, i.message]) };
}

describe('parseObjective', () => {
  it.each([
    [
      'a target above 1',
      sloWith(
        `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 99.9 }]\n`,
      ),
      'spec.objectives[0].target',
      'must be a fraction between 0 and 1, exclusive (e.g. 0.999), got 99.9 (did you mean targetPercent: 99.9?)',
    ],
    [
      'both target and targetPercent',
      sloWith(
        `${INDICATOR}${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9, targetPercent: 90 }]\n`,
      ),
      'spec.objectives[0].targetPercent',
      'give either target or targetPercent, not both',
    ],
    [
      'Timeslices without timeSliceTarget',
      sloWith(
        `${INDICATOR}${ROLLING}  budgetingMethod: Timeslices\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.objectives[0].timeSliceTarget',
      'is required with budgetingMethod Timeslices: the good-event ratio a slice needs to count as good (e.g. 0.95)',
    ],
    [
      'a slice that does not divide an hour',
      sloWith(
        `${INDICATOR}${ROLLING}  budgetingMethod: RatioTimeslices\n  objectives: [{ target: 0.9, timeSliceWindow: 7m }]\n`,
      ),
      'spec.objectives[0].timeSliceWindow',
      'not supported yet: time slices of 7m; a slice must divide one hour (1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m or 1h)',
    ],
    [
      'a missing threshold',
      sloWith(
        `  indicator:\n    spec:\n      thresholdMetric: { metricSource: { type: push } }\n${ROLLING}  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9, op: lt }]\n`,
      ),
      'spec.objectives[0].value',
      'is required with a thresholdMetric: the threshold each measurement is compared with',
    ],
  ])(
    'rejects %s, naming the field and reason',
    (_label, yaml, path, message) => {
      expect(issuesOf(yaml)).toContainEqual(apiIssue(path, message));
    },
  );

  it('turns targetPercent into a fraction without floating-point noise', () => {
    expect(parse({ targetPercent: 99.9, displayName: 'ok' })).toEqual({
      objective: { displayName: 'ok', target: 0.999 },
      issues: [],
    });
  });

  it('keeps the slice settings of a Timeslices objective', () => {
    expect(
      parse(
        { target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: '1h' },
        'Timeslices',
      ).objective,
    ).toEqual({
      target: 0.99,
      timeSliceTarget: 0.95,
      timeSliceWindowMinutes: 60,
    });
  });

  it('keeps op and value of a threshold objective', () => {
    expect(
      parse({ target: 0.99, op: 'lte', value: 300 }, 'Occurrences', THRESHOLD)
        .objective,
    ).toEqual({ target: 0.99, op: 'lte', value: 300 });
  });

  it.each([
    [
      'no target',
      {},
      'Occurrences',
      RATIO,
      'spec.objectives[0].target',
      'is required: give target (e.g. 0.999) or targetPercent (e.g. 99.9)',
    ],
    [
      'a targetPercent of 100',
      { targetPercent: 100 },
      'Occurrences',
      RATIO,
      'spec.objectives[0].targetPercent',
      'must be a percentage between 0 and 100, exclusive (e.g. 99.9), got 100',
    ],
    [
      'a composite objective',
      { target: 0.9, compositeWeight: 2 },
      'Occurrences',
      RATIO,
      'spec.objectives[0].compositeWeight',
      'not supported yet: compositeWeight on an objective (composite SLOs); put the indicator on the SLO',
    ],
    [
      'timeSliceTarget with Occurrences',
      { target: 0.9, timeSliceTarget: 0.9 },
      'Occurrences',
      RATIO,
      'spec.objectives[0].timeSliceTarget',
      'applies only to budgetingMethod Timeslices, not Occurrences',
    ],
    [
      'a timeSliceTarget above 1',
      { target: 0.9, timeSliceTarget: 1.5 },
      'Timeslices',
      RATIO,
      'spec.objectives[0].timeSliceTarget',
      'must be a fraction in (0, 1], got 1.5',
    ],
    [
      'timeSliceWindow with Occurrences',
      { target: 0.9, timeSliceWindow: '5m' },
      'Occurrences',
      RATIO,
      'spec.objectives[0].timeSliceWindow',
      'applies only to budgetingMethod Timeslices or RatioTimeslices',
    ],
    [
      'a bare-number slice',
      { target: 0.9, timeSliceWindow: 5 },
      'RatioTimeslices',
      RATIO,
      'spec.objectives[0].timeSliceWindow',
      'not supported yet: a bare number (5); write a duration such as 1m or 5m',
    ],
    [
      'op on a ratio indicator',
      { target: 0.9, op: 'lt' },
      'Occurrences',
      RATIO,
      'spec.objectives[0].op',
      'applies only to a thresholdMetric indicator; a ratioMetric is judged by target',
    ],
    [
      'a threshold objective without op',
      { target: 0.9, value: 3 },
      'Occurrences',
      THRESHOLD,
      'spec.objectives[0].op',
      'is required with a thresholdMetric: one of lt, lte, gt, gte',
    ],
  ] as const)(
    'rejects %s',
    (_label, objective, method, indicator, path, message) => {
      expect(parse(objective as ObjectiveSpec, method, indicator)).toEqual({
        objective: undefined,
        issues: [[path, message]],
      });
    },
  );
});
