import { readFileSync, readdirSync } from 'node:fs';
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

/**
 * Behaves like a catalog that reads the publish directory (as the demo
 * backend's local-published-services module makes it do): an entity is known
 * once its descriptor is there, unless `reads` is false (a catalog still
 * busy). Registering locations is refused and counted: the action must never
 * need it.
 */
function createCatalog(publishRoot: string, options: { reads?: boolean } = {}) {
  const catalog = catalogServiceMock();
  const addLocationCalls: unknown[] = [];
  const fake: CatalogService = {
    ...catalog,
    async addLocation(request) {
      addLocationCalls.push(request);
      throw new Error('Registered locations must be of an allowed type ["url"]');
    },
    async getEntityByRef(ref) {
      if (options.reads === false || typeof ref !== 'string') return undefined;
      for (const service of readdirSync(publishRoot)) {
        const entity = yaml.parse(
          readFileSync(path.join(publishRoot, service, 'catalog-info.yaml'), 'utf8'),
        ) as Entity;
        if (ref === `component:default/${entity.metadata.name}`) return entity;
      }
      return undefined;
    },
  };
  return { catalog: fake, addLocationCalls };
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

  it('copies the workspace and waits for the catalog to read it, registering no location', async () => {
    const { catalog, addLocationCalls } = createCatalog(publishRoot);
    const action = createPublishLocalAction({
      config: config(publishRoot),
      catalog,
      pollIntervalMs: 10,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments' },
    });

    const info = jest.spyOn(ctx.logger, 'info');

    await action.handler(ctx);

    expect(mockDir.content({ path: 'published' })).toEqual({
      payments: {
        'catalog-info.yaml': catalogInfo,
        'slos.yaml': 'apiVersion: openslo/v1\n',
        src: { 'index.ts': 'export {};\n' },
      },
    });
    expect(addLocationCalls).toEqual([]);
    expect(info).toHaveBeenCalledWith(
      'component:default/payments is now in the catalog',
    );
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
    const { catalog } = createCatalog(publishRoot);
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
    const { catalog, addLocationCalls } = createCatalog(publishRoot);
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
    expect(addLocationCalls).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments',
    );
  });

  it('refuses to run when no publish directory is configured', async () => {
    const { catalog } = createCatalog(publishRoot);
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
    const { catalog } = createCatalog(publishRoot);
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
    const { catalog } = createCatalog(publishRoot);
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
    const { catalog } = createCatalog(publishRoot);
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
    const { catalog, addLocationCalls } = createCatalog(publishRoot, {
      reads: false,
    });
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

    expect(addLocationCalls).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('did not appear in the catalog within 1s'),
    );
  });
});
