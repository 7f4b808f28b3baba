import { stringify } from 'yaml';
import { IANAZone } from 'luxon';
import { InputError } from '@backstage/errors';
import type { BudgetingMethod } from './types';

/** Simple choices from which {@link renderOpenSlo} writes a service's first SLOs. */
export interface OpenSloTemplateInput {
  /** Service (component) name: lower-case letters, digits and dashes. */
  service: string;
  /** Availability objective in percent, e.g. 99.9. */
  availabilityTargetPercent: number;
  /** Requests faster than this many milliseconds count as good for latency. */
  latencyThresholdMs: number;
  /** Latency objective in percent, e.g. 99. */
  latencyTargetPercent: number;
  /** Rolling 28 or 30 days, or the calendar month in `timeZone`. */
  window: '28d' | '30d' | 'calendar-month';
  /** IANA zone of a calendar-month window; default UTC. */
  timeZone?: string;
  /** Default Occurrences. */
  budgetingMethod?: BudgetingMethod;
  /** For Timeslices: good-request ratio a minute needs to count as good; default 0.95. */
  timeSliceTarget?: number;
  /**
   * Where SLI data comes from: `pushed` (default; sent to the ingestion API)
   * or `prometheus` (pulled with the generated PromQL).
   */
  dataSource?: 'pushed' | 'prometheus';
  /** PromQL label selector for prometheus sources; default `service="<service>"`. */
  prometheusSelector?: string;
}

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,49}[a-z0-9])?$/;

/**
 * Renders OpenSLO v1 YAML with two SLOs for a service: availability
 * (`<service>-availability`, good = non-5xx requests) and latency
 * (`<service>-latency`, good = requests faster than the threshold), both as
 * ratioMetric. Throws InputError naming the field when a choice is invalid.
 */
export function renderOpenSlo(input: OpenSloTemplateInput): string {
  checkInput(input);
  const method = input.budgetingMethod ?? 'Occurrences';
  const prometheus = input.dataSource === 'prometheus';
  const selector = input.prometheusSelector ?? `service="${input.service}"`;
  const seconds = Number((input.latencyThresholdMs / 1000).toPrecision(12));

  const source = (query: string) =>
    prometheus
      ? { metricSource: { type: 'prometheus', spec: { query } } }
      : { metricSource: { type: 'slo-kit-push', spec: {} } };

  const timeWindow =
    input.window === 'calendar-month'
      ? [
          {
            duration: '1M',
            isRolling: false,
            calendar: {
              startTime: '2020-01-01 00:00:00',
              timeZone: input.timeZone ?? 'UTC',
            },
          },
        ]
      : [{ duration: input.window, isRolling: true }];

  const objective = (displayName: string, targetPercent: number) => ({
    displayName,
    targetPercent,
    ...(method === 'Timeslices'
      ? {
          timeSliceTarget: input.timeSliceTarget ?? 0.95,
          timeSliceWindow: '1m',
        }
      : {}),
    ...(method === 'RatioTimeslices' ? { timeSliceWindow: '1m' } : {}),
  });

  const slo = (
    name: string,
    displayName: string,
    description: string,
    goodQuery: string,
    totalQuery: string,
    objectiveName: string,
    targetPercent: number,
  ) => ({
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, displayName },
    spec: {
      description,
      service: input.service,
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: {
          ratioMetric: {
            counter: prometheus,
            good: source(goodQuery),
            total: source(totalQuery),
          },
        },
      },
      timeWindow,
      budgetingMethod: method,
      objectives: [objective(objectiveName, targetPercent)],
    },
  });

  const requests = `http_requests_total{${selector}}`;
  const documents = [
    slo(
      `${input.service}-availability`,
      `${input.service} availability`,
      `Share of requests to ${input.service} that do not fail with a server error (5xx).`,
      `http_requests_total{${selector},code!~"5.."}`,
      requests,
      'Requests succeed',
      input.availabilityTargetPercent,
    ),
    slo(
      `${input.service}-latency`,
      `${input.service} latency`,
      `Share of requests to ${input.service} answered within ${input.latencyThresholdMs} ms.`,
      `http_request_duration_seconds_bucket{${selector},le="${seconds}"}`,
      `http_request_duration_seconds_count{${selector}}`,
      `Requests faster than ${input.latencyThresholdMs} ms`,
      input.latencyTargetPercent,
    ),
  ];
  return documents
    .map(document => stringify(document, { lineWidth: 0 }))
    .join('---\n');
}

function checkInput(input: OpenSloTemplateInput): void {
  const problems: string[] = [];
  if (typeof input.service !== 'string' || !NAME_PATTERN.test(input.service)) {
    problems.push(
      `service must be lower-case letters, digits and dashes (at most 51), got ${JSON.stringify(
        input.service,
      )}`,
    );
  }
  for (const field of [
    'availabilityTargetPercent',
    'latencyTargetPercent',
  ] as const) {
    const value = input[field];
    if (typeof value !== 'number' || !(value > 0 && value < 100)) {
      problems.push(
        `${field} must be a percentage between 0 and 100, exclusive (e.g. 99.9), got ${JSON.stringify(
          value,
        )}`,
      );
    }
  }
  if (
    typeof input.latencyThresholdMs !== 'number' ||
    !(input.latencyThresholdMs > 0) ||
    !Number.isFinite(input.latencyThresholdMs)
  ) {
    problems.push(
      `latencyThresholdMs must be a positive number of milliseconds, got ${JSON.stringify(
        input.latencyThresholdMs,
      )}`,
    );
  }
  if (!['28d', '30d', 'calendar-month'].includes(input.window)) {
    problems.push(
      `window must be one of 28d, 30d, calendar-month, got ${JSON.stringify(
        input.window,
      )}`,
    );
  }
  if (input.timeZone !== undefined && !IANAZone.isValidZone(input.timeZone)) {
    problems.push(
      `timeZone must be an IANA time zone such as Europe/Berlin, got ${JSON.stringify(
        input.timeZone,
      )}`,
    );
  }
  if (
    input.budgetingMethod !== undefined &&
    !['Occurrences', 'Timeslices', 'RatioTimeslices'].includes(
      input.budgetingMethod,
    )
  ) {
    problems.push(
      `budgetingMethod must be Occurrences, Timeslices or RatioTimeslices, got ${JSON.stringify(
        input.budgetingMethod,
      )}`,
    );
  }
  if (
    input.timeSliceTarget !== undefined &&
    !(input.timeSliceTarget > 0 && input.timeSliceTarget <= 1)
  ) {
    problems.push(
      `timeSliceTarget must be a fraction in (0, 1], got ${JSON.stringify(
        input.timeSliceTarget,
      )}`,
    );
  }
  if (
    input.dataSource !== undefined &&
    !['pushed', 'prometheus'].includes(input.dataSource)
  ) {
    problems.push(
      `dataSource must be pushed or prometheus, got ${JSON.stringify(
        input.dataSource,
      )}`,
    );
  }
  if (problems.length > 0) {
    throw new InputError(`Invalid SLO template input: ${problems.join('; ')}`);
  }
}
