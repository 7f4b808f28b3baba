import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Registers the SLOs in slos.yaml for the new component, on behalf of the user running the template',
    example: yaml.stringify({
      steps: [
        {
          id: 'register-slos',
          action: 'slo:register',
          name: 'Register SLOs with SLO Kit',
          input: {
            entityRef: 'component:default/payments',
            path: 'slos.yaml',
          },
        },
      ],
    }),
  },
  {
    description: 'Registers OpenSLO YAML given inline',
    example: yaml.stringify({
      steps: [
        {
          id: 'register-slos',
          action: 'slo:register',
          name: 'Register SLOs with SLO Kit',
          input: {
            entityRef: 'component:default/payments',
            openslo: [
              'apiVersion: openslo/v1',
              'kind: SLO',
              'metadata:',
              '  name: payments-availability',
              'spec:',
              '  service: payments',
              '  budgetingMethod: Occurrences',
              '  timeWindow:',
              '    - duration: 28d',
              '      isRolling: true',
              '  objectives:',
              '    - target: 0.999',
              '  indicator:',
              '    metadata:',
              '      name: payments-good-requests',
              '    spec:',
              '      ratioMetric:',
              '        counter: true',
              '        good:',
              '          metricSource:',
              '            type: push',
              '        total:',
              '          metricSource:',
              '            type: push',
              '',
            ].join('\n'),
          },
        },
      ],
    }),
  },
];
