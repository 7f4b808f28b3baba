import { createStoreTestDatabases } from '../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../__testUtils__/stores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 10, 12, 0);
const ENTITY = 'component:default/payments';

describe.each(databases.eachSupportedId())(
  'KnexSloDefinitionStore on %s',
  databaseId => {
    it('lets parallel first registrations of one entity all succeed', async () => {
      const { definitions: store } = await createTestStores(
        databases,
        databaseId,
      );
      const names = Array.from({ length: 8 }, (_, i) => `slo-${i}`);
      // Several rounds, each a new entity registered by five callers at once.
      for (let round = 0; round < 5; round++) {
        const entity = `component:default/service-${round}`;
        const ids = names.map(name => `${entity}#${name}`);
        const results = await Promise.all(
          [0.999, 0.999, 0.99, 0.999, 0.9].map((target, i) =>
            store.upsertDefinitions(
              entity,
              names.map(name =>
                occurrencesSlo(name, { objectives: [{ target }] }),
              ),
              { origin: 'registration', replaceAll: true, now: T0 + i },
            ),
          ),
        );
        // Exactly one registration created each SLO; the others saw it.
        expect(results.flatMap(r => r.created).sort()).toEqual(ids);
        for (const result of results) {
          expect(result.definitions.map(d => d.id)).toEqual(ids);
        }
        const stored = await store.listEntityDefinitions(entity, {
          includeDeleted: true,
        });
        expect(stored.map(d => d.id)).toEqual(ids);
      }
    });

    it('creates, updates and soft-deletes definitions idempotently', async () => {
      const { definitions: store } = await createTestStores(
        databases,
        databaseId,
      );
      const first = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability'), occurrencesSlo('latency')],
        { origin: 'catalog', replaceAll: true, now: T0 },
      );
      expect(first.created).toEqual([
        `${ENTITY}#availability`,
        `${ENTITY}#latency`,
      ]);
      expect(first.definitions.map(d => d.id)).toEqual([
        `${ENTITY}#availability`,
        `${ENTITY}#latency`,
      ]);

      const replay = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability'), occurrencesSlo('latency')],
        { origin: 'catalog', replaceAll: true, now: T0 + MINUTE },
      );
      expect(replay).toMatchObject({ created: [], updated: [], deleted: [] });
      expect(replay.definitions[0].updatedAt).toBe(T0);

      const shrunk = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability', { objectives: [{ target: 0.995 }] })],
        { origin: 'catalog', replaceAll: true, now: T0 + 2 * MINUTE },
      );
      expect(shrunk.updated).toEqual([`${ENTITY}#availability`]);
      expect(shrunk.deleted).toEqual([`${ENTITY}#latency`]);
      expect(
        shrunk.definitions.map(d => d.definition.objectives[0].target),
      ).toEqual([0.995]);

      const all = await store.listEntityDefinitions(ENTITY, {
        includeDeleted: true,
      });
      expect(all.find(d => d.name === 'latency')?.deletedAt).toBe(
        T0 + 2 * MINUTE,
      );
      expect(await store.resolveLiveSloKeys([`${ENTITY}#latency`])).toEqual(
        new Map(),
      );
    });

    it('looks definitions up by id, lists live ones and every entity ref', async () => {
      const { definitions: store } = await createTestStores(
        databases,
        databaseId,
      );
      await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability'), occurrencesSlo('latency')],
        { origin: 'catalog', replaceAll: true, now: T0 },
      );
      await store.upsertDefinitions(
        'component:default/checkout',
        [occurrencesSlo('availability')],
        { origin: 'registration', replaceAll: true, now: T0 },
      );
      await store.upsertDefinitions(ENTITY, [occurrencesSlo('latency')], {
        origin: 'catalog',
        replaceAll: true,
        now: T0 + MINUTE,
      });

      expect(await store.getDefinition(`${ENTITY}#availability`)).toMatchObject(
        { name: 'availability', deletedAt: T0 + MINUTE },
      );
      expect(await store.getDefinition(`${ENTITY}#missing`)).toBeUndefined();
      expect((await store.listActiveDefinitions()).map(d => d.id)).toEqual([
        `${ENTITY}#latency`,
        'component:default/checkout#availability',
      ]);
      expect(await store.listEntityRefs()).toEqual([
        'component:default/checkout',
        ENTITY,
      ]);
      const keys = await store.resolveLiveSloKeys([
        `${ENTITY}#latency`,
        `${ENTITY}#availability`,
        'component:default/checkout#availability',
        'component:default/unknown#x',
      ]);
      expect([...keys.keys()].sort()).toEqual([
        'component:default/checkout#availability',
        `${ENTITY}#latency`,
      ]);
    });

    it('marks every hour with minute data dirty when a definition changes', async () => {
      const { definitions: store, sliData } = await createTestStores(
        databases,
        databaseId,
      );
      const { definitions } = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability')],
        { origin: 'catalog', replaceAll: true, now: T0 },
      );
      const sloKey = definitions[0].sloKey;
      await sliData.writeMinuteBuckets([
        { sloKey, bucketStart: T0 + 2 * MINUTE, good: 1, total: 1 },
        { sloKey, bucketStart: T0 + 7 * MINUTE, good: 1, total: 1 },
        { sloKey, bucketStart: T0 + HOUR, good: 1, total: 1 },
      ]);
      await sliData.clearDirtyHours(await sliData.readDirtyHours());

      await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability', { objectives: [{ target: 0.9 }] })],
        { origin: 'catalog', replaceAll: true, now: T0 + MINUTE },
      );
      const dirty = await sliData.readDirtyHours();
      expect(dirty.map(({ token, ...rest }) => rest)).toEqual([
        {
          sloKey,
          hourStart: T0,
          firstBucket: T0 + 2 * MINUTE,
          lastBucket: T0 + 7 * MINUTE,
        },
        {
          sloKey,
          hourStart: T0 + HOUR,
          firstBucket: T0 + HOUR,
          lastBucket: T0 + HOUR,
        },
      ]);
    });

    it('records and replaces sync errors', async () => {
      const { definitions: store } = await createTestStores(
        databases,
        databaseId,
      );
      await store.replaceSyncErrors(ENTITY, [
        {
          entityRef: ENTITY,
          file: 'slos.yaml',
          documentIndex: 1,
          documentName: 'latency',
          path: 'spec.objectives[0].target',
          message: 'must be below 1',
          occurredAt: T0,
        },
      ]);
      expect(await store.listSyncErrors(ENTITY)).toEqual([
        expect.objectContaining({
          documentIndex: 1,
          path: 'spec.objectives[0].target',
        }),
      ]);
      await store.replaceSyncErrors(ENTITY, []);
      expect(await store.listSyncErrors(ENTITY)).toEqual([]);
    });

    it('writes more sync errors than one insert statement holds, in order', async () => {
      const { definitions: store } = await createTestStores(
        databases,
        databaseId,
      );
      // More rows than SQLite accepts in one knex multi-row insert (500).
      const errors = Array.from({ length: 1_201 }, (_, i) => ({
        entityRef: ENTITY,
        file: 'slos.yaml',
        documentIndex: i % 2 === 0 ? i : null,
        documentName: i % 2 === 0 ? `slo-${i}` : null,
        path: `spec[${i}]`,
        message: `problem ${i}`,
        occurredAt: T0 + i,
      }));
      await store.replaceSyncErrors(ENTITY, errors);
      await store.replaceSyncErrors('component:default/other', errors);
      const stored = await store.listSyncErrors(ENTITY);
      expect(stored).toEqual(errors);
    });
  },
);
