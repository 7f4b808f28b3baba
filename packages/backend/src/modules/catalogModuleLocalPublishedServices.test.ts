import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { catalogModuleLocalPublishedServices } from './catalogModuleLocalPublishedServices';
import { LocalPublishedServicesProvider } from './LocalPublishedServicesProvider';

const repoRoot = path.resolve(__dirname, '../../../..');

function descriptor(name: string) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: experimental
  owner: group:default/payments
`;
}

describe('catalogModuleLocalPublishedServices', () => {
  const mockDir = createMockDirectory();
  const publishDirectory = mockDir.resolve('published');

  beforeEach(() => {
    mockDir.clear();
    mockDir.setContent({
      published: {
        'new-service': { 'catalog-info.yaml': descriptor('new-service') },
        'no-descriptor': { 'README.md': '# nothing to read\n' },
      },
      outside: { 'catalog-info.yaml': descriptor('outside-service') },
    });
  });

  async function startCatalog() {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleLocalPublishedServices,
        mockServices.rootConfig.factory({
          data: {
            catalog: { rules: [{ allow: ['Component', 'Location'] }] },
            slo: { scaffolder: { localPublishDirectory: publishDirectory } },
          },
        }),
      ],
    });
    return server;
  }

  async function waitForEntity(server: any, name: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/component/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
      if (res.status === 200 || Date.now() > deadline) return res.status;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  it('refuses file locations from the catalog API without reading the file', async () => {
    const server = await startCatalog();
    const secret = mockDir.resolve('outside/catalog-info.yaml');

    for (const target of [secret, '/etc/**/*.conf']) {
      const res = await request(server)
        .post('/api/catalog/locations?dryRun=true')
        .set('Authorization', mockCredentials.user.header())
        .send({ type: 'file', target });

      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('allowed type ["url"]');
      expect(JSON.stringify(res.body)).not.toContain('outside-service');
    }
  });

  it('shows services published into the directory, and only those', async () => {
    // A link inside the publish directory must not make the catalog read elsewhere.
    symlinkSync(
      mockDir.resolve('outside'),
      path.join(publishDirectory, 'linked-service'),
    );
    const provider = new LocalPublishedServicesProvider({
      directory: publishDirectory,
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
    });
    expect(await provider.findCatalogInfoFiles()).toEqual([
      path.join(publishDirectory, 'new-service', 'catalog-info.yaml'),
    ]);

    const server = await startCatalog();

    expect(await waitForEntity(server, 'new-service')).toBe(200);
    expect(
      (
        await request(server)
          .get(
            '/api/catalog/entities/by-name/component/default/outside-service',
          )
          .set('Authorization', mockCredentials.user.header())
      ).status,
    ).toBe(404);
  }, 60_000);

  it('is switched off when the production config is layered on the demo config', () => {
    const config = ConfigReader.fromConfigs(
      ['app-config.yaml', 'app-config.production.yaml'].map(file => ({
        context: file,
        data: parse(readFileSync(path.join(repoRoot, file), 'utf8')),
      })),
    );
    expect(
      config.getOptionalString('slo.scaffolder.localPublishDirectory'),
    ).toBeUndefined();
  });
});
