import type { SloDefinition } from '@slo-kit/plugin-slo-common';

/** A pushed Occurrences SLO over a rolling window, as the parser would produce it. */
export function occurrencesSlo(
  name: string,
  overrides: Partial<SloDefinition> = {},
): SloDefinition {
  return {
    name,
    displayName: `${name} SLO`,
    indicator: {
      kind: 'ratio',
      counter: true,
      numerator: 'good',
      numeratorSource: { type: 'push' },
      totalSource: { type: 'push' },
    },
    timeWindow: {
      kind: 'rolling',
      duration: '28d',
      durationMinutes: 28 * 1440,
    },
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.999 }],
    ...overrides,
  };
}

/** OpenSLO v1 YAML for pushed Occurrences SLOs with the given names. */
export function openSloYaml(names: string[], target = 0.999): string {
  return names
    .map(
      name => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: ${name} SLO
spec:
  service: demo
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  indicator:
    metadata:
      name: ${name}-ratio
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: push
            spec: {}
        total:
          metricSource:
            type: push
            spec: {}
  objectives:
    - displayName: ${name}
      target: ${target}
`,
    )
    .join('---\n');
}
