import { stringify } from 'yaml';
import type { ImportedSlo } from './importedSlo';

/** The OpenSLO v1 `kind: SLO` document of one imported SLO, with its indicator inline. */
export function openSloDocument(slo: ImportedSlo): Record<string, unknown> {
  const source = (query: string) => ({
    metricSource: { type: 'prometheus', spec: { query } },
  });
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: slo.name,
      ...(slo.labels && Object.keys(slo.labels).length > 0
        ? { labels: slo.labels }
        : {}),
      ...(slo.annotations && Object.keys(slo.annotations).length > 0
        ? { annotations: slo.annotations }
        : {}),
    },
    spec: {
      ...(slo.description ? { description: slo.description } : {}),
      ...(slo.service ? { service: slo.service } : {}),
      indicator: {
        metadata: { name: `${slo.name}-sli`.slice(0, 63).replace(/-+$/, '') },
        spec: {
          ratioMetric: {
            counter: true,
            [slo.numerator]: source(slo.numeratorQuery),
            total: source(slo.totalQuery),
          },
        },
      },
      timeWindow: [{ duration: slo.window, isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ targetPercent: slo.targetPercent }],
    },
  };
}

/** OpenSLO v1 YAML with one document per SLO. */
export function writeOpenSlo(slos: ImportedSlo[]): string {
  return slos
    .map(slo => stringify(openSloDocument(slo), { lineWidth: 0 }))
    .join('---\n');
}
