import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Copies the generated service into the local publish directory, registers it with the catalog and waits until the catalog shows it',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          action: 'slo:publish:local',
          name: 'Publish to the local catalog directory',
          input: {
            name: 'payments',
          },
        },
      ],
    }),
  },
  {
    description:
      'Publishes a sub-directory of the workspace without waiting for the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          action: 'slo:publish:local',
          name: 'Publish to the local catalog directory',
          input: {
            name: 'payments',
            sourcePath: 'service',
            catalogInfoPath: 'catalog-info.yaml',
            waitForCatalogSeconds: 0,
          },
        },
      ],
    }),
  },
];
