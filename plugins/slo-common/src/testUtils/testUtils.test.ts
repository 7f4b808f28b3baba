import { parseOpenSlo } from '../openslo/parseOpenSlo';
import {
  openSloDocument,
  openSloYaml,
  pushedRatioIndicator,
  rollingWindow,
  sloDefinition,
} from './index';

describe('testUtils', () => {
  it('builds OpenSLO YAML that parses into the matching SLO definitions', () => {
    const result = parseOpenSlo(openSloYaml(['api', 'web'], 0.99), 'slos.yaml');
    expect(result).toEqual({
      ok: true,
      slos: ['api', 'web'].map(name =>
        sloDefinition(name, {
          service: 'demo',
          indicator: { ...pushedRatioIndicator, name: `${name}-ratio` },
          objectives: [{ displayName: name, target: 0.99 }],
        }),
      ),
    });
  });

  it('writes a bare Timeslices document when asked', () => {
    const yaml = openSloDocument({
      name: 'api',
      displayName: null,
      objectiveDisplayName: null,
      service: null,
      budgetingMethod: 'Timeslices',
      duration: '30d',
      timeSliceTarget: 0.9,
    });
    const result = parseOpenSlo(yaml, 'slos.yaml');
    expect(result).toEqual({
      ok: true,
      slos: [
        {
          name: 'api',
          indicator: { ...pushedRatioIndicator, name: 'api-ratio' },
          timeWindow: rollingWindow(30),
          budgetingMethod: 'Timeslices',
          objectives: [{ target: 0.999, timeSliceTarget: 0.9 }],
        },
      ],
    });
  });

  it('gives rolling windows their length in minutes', () => {
    expect(rollingWindow(28)).toEqual({
      kind: 'rolling',
      duration: '28d',
      durationMinutes: 40320,
    });
  });
});
