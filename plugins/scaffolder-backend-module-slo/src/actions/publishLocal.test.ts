import { readFileSync } from 'node:fs';
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
 * Behaves like the catalog for file locations: registering one reads the
 * entity in the file, unless `reads` is false (a catalog still busy).
 */
type AddLocationRequest = Parameters<CatalogService['addLocation']>[0];

function createCatalog(options: { reads?: boolean; refuses?: string } = {}) {
  const catalog = catalogServiceMock();
  const added: AddLocationRequest[] = [];
  const known = new Map<string, Entity>();
  const fake: CatalogService = {
    ...catalog,
    async addLocation(request) {
      if (options.refuses) {
        throw new Error(options.refuses);
      }
      added.push(request);
      if (options.reads !== false) {
        const entity = yaml.parse(
          readFileSync(request.target, 'utf8'),
        ) as Entity;
        known.set(`component:default/${entity.metadata.name}`, entity);
      }
      return {
        location: {
          id: 'location-1',
          type: 'file',
          target: request.target,
          entityRef: 'location:default/generated-payments',
        },
        entities: [],
      };
    },
    async getEntityByRef(ref) {
      return known.get(typeof ref === 'string' ? ref : '') ?? undefined;
    },
  };
  return { catalog: fake, added };
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

  it('copies the workspace, registers its descriptor as a file location and waits for the entity', async () => {
    const { catalog, added } = createCatalog();
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
    expect(added).toEqual([
      {
        type: 'file',
        target: path.join(publishRoot, 'payments', 'catalog-info.yaml'),
        onConflict: 'refresh',
      },
    ]);
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
    const { catalog } = createCatalog();
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
    const { catalog, added } = createCatalog();
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
    expect(added).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments',
    );
  });

  it('refuses to run when no publish directory is configured', async () => {
    const { catalog } = createCatalog();
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
    const { catalog } = createCatalog();
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
    const { catalog } = createCatalog();
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
    const { catalog } = createCatalog();
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
    const { catalog, added } = createCatalog({ reads: false });
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

    expect(added).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('did not appear in the catalog within 1s'),
    );
  });

  it('removes the copy and names the setting when the catalog refuses file locations', async () => {
    const { catalog } = createCatalog({
      refuses: 'Registered locations must be of an allowed type ["url"]',
    });
    const action = createPublishLocalAction({
      config: config(publishRoot),
      catalog,
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: { name: 'payments' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /setAllowedLocationTypes.*allowed type \["url"\]/,
    );
    expect(mockDir.content({ path: 'published' })).toEqual({});
  });
});
