import fs from 'node:fs';
import path from 'node:path';

/** The catalog and OpenSLO files a system test's backends read. */
export interface SloFixture {
  /** Directory holding `catalog.yaml` and one component with its `slos.yaml` per entity. */
  dir: string;
  /** Component names, e.g. `st-svc-1`. */
  entities: string[];
  /** Every SLO id, `component:default/<name>#<slo>`. */
  sloIds: string[];
}

const SLO_NAMES = ['availability', 'latency', 'errors', 'checkout', 'search'];

function slosYaml(entity: string, sloNames: string[]): string {
  return sloNames
    .map(
      name => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: ${entity}
  indicator:
    metadata:
      name: ${entity}-${name}
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource: { type: push }
        total:
          metricSource: { type: push }
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`,
    )
    .join('---\n');
}

/**
 * Writes a catalog of `entities` components with `slosPerEntity` ratio SLOs
 * each (99%, 28 days rolling, pushed data), read by the backends through a
 * file location and the SLO catalog sync.
 */
export function writeSloFixture(
  dir: string,
  options: { entities: number; slosPerEntity: number },
): SloFixture {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'components'), { recursive: true });
  const entities: string[] = [];
  const sloIds: string[] = [];
  const names = SLO_NAMES.slice(0, options.slosPerEntity);
  const docs: string[] = [];
  for (let i = 1; i <= options.entities; i++) {
    const entity = `st-svc-${i}`;
    entities.push(entity);
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${entity}
  annotations:
    slo-kit.dev/openslo-ref: ./${entity}.slos.yaml
    slo-kit.dev/sre-owner: group:default/sre
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
`);
    fs.writeFileSync(
      path.join(dir, 'components', `${entity}.slos.yaml`),
      slosYaml(entity, names),
    );
    sloIds.push(...names.map(n => `component:default/${entity}#${n}`));
  }
  fs.writeFileSync(
    path.join(dir, 'components', 'components.yaml'),
    docs.join('---\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'catalog.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: slo-kit-system-tests
spec:
  targets:
    - ./components/components.yaml
`,
  );
  return { dir, entities, sloIds };
}
