import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { SloDefinitionStore } from '@slo-kit/plugin-slo-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
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
const MAX_FILE_BYTES = 4096;

function entity(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner: 'team-a', type: 'service', lifecycle: 'production' },
  };
}

/** An entity whose source is the local directory `directory`. */
function localEntity(name: string, directory: string, ref = './slos.yaml') {
  return entity(name, {
    'slo-kit.dev/openslo-ref': ref,
    'backstage.io/source-location': `file:${directory}${
      directory.endsWith('/') ? '' : '/'
    }`,
  });
}

function urlEntity(name: string, ref = './slos.yaml') {
  return entity(name, {
    'slo-kit.dev/openslo-ref': ref,
    'backstage.io/source-location': `url:https://git.example.com/${name}/`,
  });
}

describe.each(databases.eachSupportedId())(
  'CatalogSloSync hardening on %s',
  databaseId => {
    let root: string;

    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-sync-'));
    });
    afterEach(() => {
      fs.rmSync(root, { recursive: true, force: true });
    });

    async function setup(
      entities: Entity[],
      options: {
        urlReader?: Partial<UrlReaderService>;
        localRoots?: string[];
        definitions?: (store: SloDefinitionStore) => SloDefinitionStore;
      } = {},
    ) {
      const stores = await createTestStores(databases, databaseId);
      const logger = mockServices.logger.mock();
      const sync = new CatalogSloSync({
        definitions: options.definitions
          ? options.definitions(stores.definitions)
          : stores.definitions,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        urlReader: {
          async readUrl(url: string) {
            throw new Error(`NotFound: ${url}`);
          },
          ...options.urlReader,
        } as UrlReaderService,
        logger,
        maxFileBytes: MAX_FILE_BYTES,
        localRoots: options.localRoots ?? [root],
      });
      return { stores, sync, logger };
    }

    async function syncErrorsOf(
      stores: { definitions: SloDefinitionStore },
      name: string,
    ) {
      return stores.definitions.listSyncErrors(`component:default/${name}`);
    }

    it('reads a file: source location inside slo.definitions.localRoots', async () => {
      fs.writeFileSync(
        path.join(root, 'slos.yaml'),
        openSloYaml(['availability']),
      );
      const { sync } = await setup([localEntity('local', root)]);
      expect(await sync.run(T0)).toEqual([
        { entityRef: 'component:default/local', ok: true, slos: 1, deleted: 0 },
      ]);
    });

    it('refuses a file: source location outside slo.definitions.localRoots without reading it', async () => {
      const { sync, stores } = await setup([
        localEntity('etc', '/', 'etc/passwd'),
      ]);
      const [outcome] = await sync.run(T0);
      expect(outcome).toEqual({
        entityRef: 'component:default/etc',
        ok: false,
        errors: 1,
      });
      expect(await syncErrorsOf(stores, 'etc')).toEqual([
        {
          entityRef: 'component:default/etc',
          file: '/etc/passwd',
          documentIndex: null,
          documentName: null,
          path: '',
          message:
            'could not read the OpenSLO file: /etc/passwd is outside the directories in slo.definitions.localRoots, where local OpenSLO files are read',
          occurredAt: T0,
        },
      ]);
    });

    it('refuses local files when slo.definitions.localRoots is not set', async () => {
      fs.writeFileSync(path.join(root, 'slos.yaml'), openSloYaml(['a']));
      const { sync, stores } = await setup([localEntity('local', root)], {
        localRoots: [],
      });
      expect((await sync.run(T0))[0]).toMatchObject({ ok: false });
      expect((await syncErrorsOf(stores, 'local'))[0].message).toBe(
        'could not read the OpenSLO file: local OpenSLO files are not read: slo.definitions.localRoots is not set',
      );
    });

    it('refuses a symbolic link from inside a root to a device', async () => {
      fs.symlinkSync('/dev/zero', path.join(root, 'slos.yaml'));
      const { sync, stores } = await setup([localEntity('zero', root)]);
      const started = Date.now();
      expect((await sync.run(T0))[0]).toMatchObject({ ok: false });
      expect(Date.now() - started).toBeLessThan(5000);
      // Backstage's resolveSafeChildPath follows the link out of the entity's folder.
      expect((await syncErrorsOf(stores, 'zero'))[0].message).toBe(
        'could not read the OpenSLO file: NotAllowedError: Relative path is not allowed to refer to a directory outside its parent',
      );
    });

    it('refuses a local file larger than slo.definitions.maxFileBytes', async () => {
      fs.writeFileSync(
        path.join(root, 'slos.yaml'),
        `${openSloYaml(['a'])}# ${'x'.repeat(MAX_FILE_BYTES)}\n`,
      );
      const { sync, stores } = await setup([localEntity('big', root)]);
      expect((await sync.run(T0))[0]).toMatchObject({ ok: false });
      expect((await syncErrorsOf(stores, 'big'))[0].message).toBe(
        `could not read the OpenSLO file: it is larger than ${MAX_FILE_BYTES} bytes (slo.definitions.maxFileBytes)`,
      );
    });

    it('stops reading a URL at slo.definitions.maxFileBytes', async () => {
      let chunksRead = 0;
      const endless = () =>
        new Readable({
          read() {
            chunksRead += 1;
            this.push(Buffer.alloc(1024, 0x61));
          },
        });
      const { sync, stores } = await setup([urlEntity('endless')], {
        urlReader: {
          async readUrl() {
            return {
              buffer: async () => {
                throw new Error('the whole body must not be buffered');
              },
              stream: endless,
            };
          },
        },
      });
      expect((await sync.run(T0))[0]).toMatchObject({ ok: false });
      expect(chunksRead).toBeLessThan(MAX_FILE_BYTES / 1024 + 20);
      expect((await syncErrorsOf(stores, 'endless'))[0]).toMatchObject({
        file: 'https://git.example.com/endless/slos.yaml',
        message: `could not read the OpenSLO file: it is larger than ${MAX_FILE_BYTES} bytes (slo.definitions.maxFileBytes)`,
      });
    });

    it('reports a file that is not UTF-8 text without its bytes', async () => {
      const { sync, stores } = await setup([urlEntity('binary')], {
        urlReader: {
          async readUrl() {
            return {
              buffer: async () => Buffer.from([0x73, 0x65, 0x63, 0xff, 0xfe]),
            };
          },
        },
      });
      expect((await sync.run(T0))[0]).toMatchObject({ ok: false });
      expect((await syncErrorsOf(stores, 'binary'))[0].message).toBe(
        'could not read the OpenSLO file: it is not UTF-8 text',
      );
    });

    it('keeps syncing and retiring after an entity fails, recording the failure as its sync error', async () => {
      const good = urlEntity('good');
      const broken = urlEntity('broken');
      const files: Record<string, string> = {
        'https://git.example.com/good/slos.yaml': openSloYaml(['a']),
        'https://git.example.com/broken/slos.yaml': openSloYaml(['b']),
      };
      const { sync, stores, logger } = await setup([broken, good], {
        urlReader: {
          async readUrl(url: string) {
            return { buffer: async () => Buffer.from(files[url], 'utf8') };
          },
        },
        definitions: store =>
          Object.assign(Object.create(store), {
            upsertDefinitions: (
              ...args: Parameters<SloDefinitionStore['upsertDefinitions']>
            ) =>
              args[0] === 'component:default/broken'
                ? Promise.reject(new Error('value too long for column'))
                : store.upsertDefinitions(...args),
          }),
      });
      await stores.definitions.upsertDefinitions(
        'component:default/gone',
        [occurrencesSlo('x')],
        { origin: 'catalog', replaceAll: true, now: T0 },
      );
      const outcomes = await sync.run(T0 + 1);
      expect(outcomes).toEqual([
        { entityRef: 'component:default/broken', ok: false, errors: 1 },
        { entityRef: 'component:default/good', ok: true, slos: 1, deleted: 0 },
      ]);
      expect(await syncErrorsOf(stores, 'broken')).toEqual([
        {
          entityRef: 'component:default/broken',
          file: './slos.yaml',
          documentIndex: null,
          documentName: null,
          path: '',
          message:
            'could not be synced: Error: value too long for column; the last good definitions are kept',
          occurredAt: T0 + 1,
        },
      ]);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('component:default/broken'),
        expect.any(Error),
      );
      const gone = await stores.definitions.listEntityDefinitions(
        'component:default/gone',
        { includeDeleted: true },
      );
      expect(gone[0].deletedAt).toBe(T0 + 1);
    });

    it('fits a sync error of any length into the columns of slo_sync_errors', async () => {
      const longRef = `./${'d'.repeat(2000)}/slos.yaml`;
      const longName = 'n'.repeat(300);
      const { sync, stores } = await setup(
        [urlEntity('long-ref', longRef), urlEntity('long-name')],
        {
          urlReader: {
            async readUrl(url: string) {
              if (url.includes('long-name')) {
                return {
                  buffer: async () =>
                    Buffer.from(
                      `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${longName}\n  ${'k'.repeat(
                        1000,
                      )}: 1\nspec: {}\n`,
                    ),
                };
              }
              throw new Error(`NotFound: ${url} ${'x'.repeat(5000)}`);
            },
          },
        },
      );
      const outcomes = await sync.run(T0);
      expect(outcomes.map(o => o.ok)).toEqual([false, false]);
      for (const name of ['long-ref', 'long-name']) {
        const errors = await syncErrorsOf(stores, name);
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) {
          expect(error.file.length).toBeLessThanOrEqual(1024);
          expect(error.path.length).toBeLessThanOrEqual(1024);
          expect((error.documentName ?? '').length).toBeLessThanOrEqual(255);
          expect(error.message.length).toBeLessThanOrEqual(2000);
        }
      }
    });
  },
);
