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

/**
 * OpenSLO v1 YAML for Occurrences SLOs with the given names, pushed or, with
 * another `sourceType`, pulled from the SLI source of that type.
 */
export function openSloYaml(
  names: string[],
  target = 0.999,
  sourceType = 'push',
): string {
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
            type: ${sourceType}
            spec: {}
        total:
          metricSource:
            type: ${sourceType}
            spec: {}
  objectives:
    - displayName: ${name}
      target: ${target}
`,
    )
    .join('---\n');
}

/** {@link occurrencesSlo} with both counts pulled from the SLI source of `sourceType`. */
export function pulledSlo(name: string, sourceType: string): SloDefinition {
  return occurrencesSlo(name, {
    indicator: {
      kind: 'ratio',
      counter: true,
      numerator: 'good',
      numeratorSource: { type: sourceType },
      totalSource: { type: sourceType },
    },
  });
}
