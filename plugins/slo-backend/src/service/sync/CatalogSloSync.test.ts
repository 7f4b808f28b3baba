import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import {
  sloDefinition as occurrencesSlo,
  openSloYaml,
} from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../../__testUtils__/stores';
import { CatalogSloSync } from './CatalogSloSync';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const T0 = Date.UTC(2026, 0, 10, 12, 0);

function entity(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner: 'team-a', type: 'service', lifecycle: 'production' },
  };
}

describe.each(databases.eachSupportedId())(
  'CatalogSloSync on %s',
  databaseId => {
    async function setup(entities: Entity[], files: Record<string, string>) {
      const stores = await createTestStores(databases, databaseId);
      const reads: string[] = [];
      const urlReader = {
        async readUrl(url: string) {
          reads.push(url);
          if (!(url in files)) throw new Error(`NotFound: ${url}`);
          return { buffer: async () => Buffer.from(files[url], 'utf8') };
        },
      } as unknown as UrlReaderService;
      const catalog = catalogServiceMock({ entities });
      const sync = new CatalogSloSync({
        definitions: stores.definitions,
        catalog,
        auth: mockServices.auth(),
        urlReader,
        logger: mockServices.logger.mock(),
        maxFileBytes: 1024 * 1024,
        localRoots: [],
      });
      return { stores, sync, reads, files };
    }

    const payments = entity('payments', {
      'slo-kit.dev/openslo-ref': './slos.yaml',
      'slo-kit.dev/sre-owner': 'group:default/sre',
      'backstage.io/source-location':
        'url:https://git.example.com/payments/tree/main/',
    });
    const fileUrl = 'https://git.example.com/payments/tree/main/slos.yaml';

    it('reads the file next to the source, upserts, soft-deletes removed SLOs and keeps the last good file', async () => {
      const { stores, sync, reads, files } = await setup([payments], {
        [fileUrl]: openSloYaml(['availability', 'latency']),
      });
      const [first] = await sync.run(T0);
      expect(reads).toEqual([fileUrl]);
      expect(first).toEqual({
        entityRef: 'component:default/payments',
        ok: true,
        slos: 2,
        deleted: 0,
      });
      const stored = await stores.definitions.listEntityDefinitions(
        'component:default/payments',
        { includeDeleted: false },
      );
      expect(
        stored.map(d => [d.id, d.origin, d.serviceOwner, d.sreOwner]),
      ).toEqual([
        [
          'component:default/payments#availability',
          'catalog',
          'group:default/team-a',
          'group:default/sre',
        ],
        [
          'component:default/payments#latency',
          'catalog',
          'group:default/team-a',
          'group:default/sre',
        ],
      ]);

      files[fileUrl] = openSloYaml(['availability']);
      expect((await sync.run(T0 + 1))[0]).toMatchObject({
        ok: true,
        slos: 1,
        deleted: 1,
      });
      const all = await stores.definitions.listEntityDefinitions(
        'component:default/payments',
        { includeDeleted: true },
      );
      expect(all.map(d => [d.name, d.deletedAt])).toEqual([
        ['availability', null],
        ['latency', T0 + 1],
      ]);

      files[fileUrl] = openSloYaml(['availability'], 2);
      expect((await sync.run(T0 + 2))[0]).toMatchObject({ ok: false });
      const kept = await stores.definitions.listEntityDefinitions(
        'component:default/payments',
        { includeDeleted: false },
      );
      expect(kept.map(d => d.definition.objectives[0].target)).toEqual([0.999]);
      const errors = await stores.definitions.listSyncErrors(
        'component:default/payments',
      );
      expect(errors[0]).toMatchObject({
        file: fileUrl,
        documentIndex: 0,
        path: expect.stringContaining('target'),
        occurredAt: T0 + 2,
      });

      files[fileUrl] = openSloYaml(['availability']);
      await sync.run(T0 + 3);
      expect(
        await stores.definitions.listSyncErrors('component:default/payments'),
      ).toEqual([]);
    });

    it('records unreadable files and retires SLOs of entities that left the catalog', async () => {
      const { stores, sync } = await setup([payments], {});
      const [outcome] = await sync.run(T0);
      expect(outcome).toMatchObject({ ok: false, errors: 1 });
      expect(
        (
          await stores.definitions.listSyncErrors('component:default/payments')
        )[0].message,
      ).toMatch(/could not read the OpenSLO file/);

      const gone = await setup([], {});
      await gone.stores.definitions.upsertDefinitions(
        'component:default/gone',
        [occurrencesSlo('x')],
        {
          origin: 'catalog',
          replaceAll: true,
          now: T0,
        },
      );
      await gone.stores.definitions.upsertDefinitions(
        'component:default/registered',
        [occurrencesSlo('y')],
        {
          origin: 'registration',
          replaceAll: true,
          now: T0,
        },
      );
      await gone.sync.run(T0 + 1);
      expect(
        (
          await gone.stores.definitions.listEntityDefinitions(
            'component:default/gone',
            {
              includeDeleted: true,
            },
          )
        )[0].deletedAt,
      ).toBe(T0 + 1);
      expect(
        await gone.stores.definitions.listEntityDefinitions(
          'component:default/registered',
          {
            includeDeleted: false,
          },
        ),
      ).toHaveLength(1);
    });
  },
);
