import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createPublishLocalAction } from './publishLocal';

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  annotations:
    slo-kit.dev/openslo-ref: ./slos.yaml
spec:
  type: service
  lifecycle: experimental
  owner: group:default/payments-team
`;

function fileLocation(name: string, target: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name, namespace: 'default' },
    spec: { type: 'file', target },
  };
}

/**
 * Behaves like the catalog for a file location: refreshing the location reads
 * every catalog-info.yaml that exists under the published directory.
 */
function createCatalog(publishRoot: string, locations: Entity[]) {
  const catalog = catalogServiceMock({ entities: locations });
  const refreshed: string[] = [];
  const known = new Map<string, Entity>();
  const fake: CatalogService = {
    ...catalog,
    getEntities: catalog.getEntities.bind(catalog),
    async refreshEntity(ref) {
      refreshed.push(ref);
      for (const dir of existsSync(publishRoot)
        ? readdirSync(publishRoot)
        : []) {
        const file = path.join(publishRoot, dir, 'catalog-info.yaml');
        if (existsSync(file)) {
          const entity = yaml.parse(readFileSync(file, 'utf8')) as Entity;
          known.set(`component:default/${entity.metadata.name}`, entity);
        }
      }
    },
    async getEntityByRef(ref) {
      return known.get(typeof ref === 'string' ? ref : '') ?? undefined;
    },
  };
  return { catalog: fake, refreshed };
}

describe('slo:publish:local', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const publishRoot = mockDir.resolve('published');

  beforeEach(() => {
    mockDir.clear();
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml': catalogInfo,
        'slos.yaml': 'apiVersion: openslo/v1\n',
        src: { 'index.ts': 'export {};\n' },
      },
      published: {},
    });
  });

  function config(directory: string | undefined) {
    return mockServices.rootConfig({
      data: directory
        ? { slo: { scaffolder: { localPublishDirectory: directory } } }
        : {},
    });
  }

  it('copies the workspace, refreshes the covering file location and waits for the entity', async () => {
    const { catalog, refreshed } = createCatalog(publishRoot, [
      fileLocation(
        'generated-published',
        path.join(publishRoot, '*', 'catalog-info.yaml'),
      ),
      fileLocation('generated-elsewhere', '/somewhere/else/catalog-info.yaml'),
    ]);
    const action = createPublishLocalAction({
      config: config(publishRoot),
      catalog,
      pollIntervalMs: 10,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments' },
    });

    await action.handler(ctx);

    expect(mockDir.content({ path: 'published' })).toEqual({
      payments: {
        'catalog-info.yaml': catalogInfo,
        'slos.yaml': 'apiVersion: openslo/v1\n',
        src: { 'index.ts': 'export {};\n' },
      },
    });
    expect(refreshed).toEqual(['location:default/generated-published']);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'directory',
      path.join(publishRoot, 'payments'),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      path.join(publishRoot, 'payments', 'catalog-info.yaml'),
    );
  });

  it('resolves a relative publish directory against the working directory', async () => {
    const relative = path.relative(process.cwd(), publishRoot);
    const { catalog } = createCatalog(publishRoot, []);
    const action = createPublishLocalAction({
      config: config(relative),
      catalog,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments', waitForCatalogSeconds: 0 },
    });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith(
      'directory',
      path.join(publishRoot, 'payments'),
    );
  });

  it('changes nothing in a dry run', async () => {
    const { catalog, refreshed } = createCatalog(publishRoot, [
      fileLocation(
        'generated-published',
        path.join(publishRoot, '*', 'catalog-info.yaml'),
      ),
    ]);
    const action = createPublishLocalAction({
      config: config(publishRoot),
      catalog,
    });
    const ctx = {
      ...createMockActionContext({
        workspacePath,
        input: { name: 'payments' },
      }),
      isDryRun: true,
    };

    await action.handler(ctx);

    expect(mockDir.content({ path: 'published' })).toEqual({});
    expect(refreshed).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments',
    );
  });

  it('refuses to run when no publish directory is configured', async () => {
    const { catalog } = createCatalog(publishRoot, []);
    const action = createPublishLocalAction({
      config: config(undefined),
      catalog,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /set slo\.scaffolder\.localPublishDirectory in app-config/,
    );
  });

  it('refuses to overwrite an existing service', async () => {
    mockDir.addContent({ 'published/payments/README.md': 'keep me' });
    const { catalog } = createCatalog(publishRoot, []);
    const action = createPublishLocalAction({
      config: config(publishRoot),
      catalog,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(/already exists/);
    expect(mockDir.content({ path: 'published' })).toEqual({
      payments: { 'README.md': 'keep me' },
    });
  });

  it('refuses a source path outside the workspace', async () => {
    const { catalog } = createCatalog(publishRoot, []);
    const action = createPublishLocalAction({
      config: config(publishRoot),
      catalog,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments', sourcePath: '..' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      "Input 'sourcePath' must be a path inside the workspace, got '..'",
    );
    expect(mockDir.content({ path: 'published' })).toEqual({});
  });

  it('requires a catalog descriptor naming an entity', async () => {
    mockDir.setContent({
      workspace: { 'catalog-info.yaml': 'just: text\n' },
      published: {},
    });
    const { catalog } = createCatalog(publishRoot, []);
    const action = createPublishLocalAction({
      config: config(publishRoot),
      catalog,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      "'catalog-info.yaml' holds no entity with a kind and metadata.name",
    );
  });

  it('gives up waiting after the timeout without failing the task', async () => {
    const { catalog, refreshed } = createCatalog(publishRoot, []);
    const action = createPublishLocalAction({
      config: config(publishRoot),
      catalog,
      pollIntervalMs: 10,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments', waitForCatalogSeconds: 1 },
    });
    const warn = jest.spyOn(ctx.logger, 'warn');

    await action.handler(ctx);

    expect(refreshed).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('No catalog location of type file reads'),
    );
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('did not appear in the catalog within 1s'),
    );
  });
});
