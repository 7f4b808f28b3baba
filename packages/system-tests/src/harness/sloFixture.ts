import fs from 'node:fs';
import path from 'node:path';

/** The catalog and OpenSLO files a system test's backends read. */
export interface SloFixture {
  /** Directory holding `catalog.yaml`, the component files and each component's `slos.yaml`. */
  dir: string;
  /** Component names, e.g. `st-svc-1`. */
  entities: string[];
  /** Every SLO id, `component:default/<name>#<slo>`. */
  sloIds: string[];
}

const SLO_NAMES = ['availability', 'latency', 'errors', 'checkout', 'search'];

/** Components per catalog file. */
const COMPONENTS_PER_FILE = 50;

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
  // Components in files of COMPONENTS_PER_FILE, as repositories hold a few
  // each: the catalog parses one file in one go, and a single file of
  // thousands of components would hold the backend's event loop for
  // hundreds of milliseconds at every refresh.
  const targets: string[] = [];
  for (let first = 0; first < docs.length; first += COMPONENTS_PER_FILE) {
    const file = `components-${targets.length + 1}.yaml`;
    fs.writeFileSync(
      path.join(dir, 'components', file),
      docs.slice(first, first + COMPONENTS_PER_FILE).join('---\n'),
    );
    targets.push(`    - ./components/${file}`);
  }
  fs.writeFileSync(
    path.join(dir, 'catalog.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: slo-kit-system-tests
spec:
  targets:
${targets.join('\n')}
`,
  );
  return { dir, entities, sloIds };
}
