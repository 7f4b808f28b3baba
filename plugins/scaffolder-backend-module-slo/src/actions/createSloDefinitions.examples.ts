import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Writes availability and latency SLOs over a rolling 28-day window to slos.yaml',
    example: yaml.stringify({
      steps: [
        {
          id: 'slo-definitions',
          action: 'slo:definitions:create',
          name: 'Write OpenSLO definitions',
          input: {
            service: 'payments',
            availabilityTarget: 99.9,
            latencyThresholdMs: 300,
            latencyTarget: 99,
          },
        },
      ],
    }),
  },
  {
    description:
      'Counts good minutes over the calendar month in Berlin time and writes the file to a sub-directory',
    example: yaml.stringify({
      steps: [
        {
          id: 'slo-definitions',
          action: 'slo:definitions:create',
          name: 'Write OpenSLO definitions',
          input: {
            service: 'payments',
            availabilityTarget: 99.5,
            latencyThresholdMs: 250,
            latencyTarget: 95,
            window: 'calendar-month',
            timeZone: 'Europe/Berlin',
            budgetingMethod: 'Timeslices',
            targetPath: 'service/slos.yaml',
          },
        },
      ],
    }),
  },
  {
    description:
      'Generates PromQL so SLO Kit pulls the SLI data from Prometheus instead of waiting for pushes',
    example: yaml.stringify({
      steps: [
        {
          id: 'slo-definitions',
          action: 'slo:definitions:create',
          name: 'Write OpenSLO definitions',
          input: {
            service: 'payments',
            availabilityTarget: 99.95,
            latencyThresholdMs: 500,
            latencyTarget: 99.5,
            window: '30d',
            dataSource: 'prometheus',
            prometheusSelector: 'job="payments"',
          },
        },
      ],
    }),
  },
];
