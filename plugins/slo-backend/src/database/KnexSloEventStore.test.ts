import { SloEventRow } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { createTestStores } from '../__testUtils__/stores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 10, 12, 0);
const ENTITY = 'component:default/payments';

function deploy(title: string, at: number, sloId: string | null = null) {
  return { entityRef: ENTITY, sloId, type: 'deploy', title, at };
}

describe.each(databases.eachSupportedId())(
  'KnexSloEventStore on %s',
  databaseId => {
    it('records events of an entity and lists those in a range', async () => {
      const { events: store } = await createTestStores(databases, databaseId);
      await store.addEvent({
        entityRef: ENTITY,
        sloId: null,
        type: 'deploy',
        title: 'v1.2.3',
        at: T0,
      });
      expect(await store.listEvents(ENTITY, T0, T0 + 1)).toHaveLength(1);
      expect(await store.listEvents(ENTITY, T0 + 1, T0 + 2)).toHaveLength(0);
    });

    it('keeps every field, with and without an SLO id', async () => {
      const { events: store } = await createTestStores(databases, databaseId);
      const entityWide: SloEventRow = {
        entityRef: ENTITY,
        sloId: null,
        type: 'deploy',
        title: 'v1.2.3 (abc123) by release gate',
        at: T0,
        version: '1.2.3',
        url: 'https://ci.example.com/runs/42',
      };
      const forOneSlo: SloEventRow = {
        entityRef: ENTITY,
        sloId: `${ENTITY}#availability`,
        type: 'incident',
        title: 'INC-42 checkout errors',
        at: T0 + MINUTE,
        version: null,
        url: null,
      };
      await store.addEvent(entityWide);
      await store.addEvent(forOneSlo);
      expect(await store.listEvents(ENTITY, T0, T0 + 2 * MINUTE)).toEqual([
        entityWide,
        forOneSlo,
      ]);
    });

    it('lists events oldest first, same instants in the order they were added', async () => {
      const { events: store } = await createTestStores(databases, databaseId);
      await store.addEvent(deploy('third', T0 + 2 * MINUTE));
      await store.addEvent(deploy('first', T0));
      await store.addEvent(deploy('second a', T0 + MINUTE));
      await store.addEvent(deploy('second b', T0 + MINUTE, `${ENTITY}#x`));
      await store.addEvent(deploy('second c', T0 + MINUTE));
      await store.addEvent({
        ...deploy('elsewhere', T0),
        entityRef: 'component:default/other',
      });

      const listed = await store.listEvents(ENTITY, T0, T0 + 3 * MINUTE);
      expect(listed.map(e => e.title)).toEqual([
        'first',
        'second a',
        'second b',
        'second c',
        'third',
      ]);
      // The range is [from, to).
      expect(
        (await store.listEvents(ENTITY, T0 + MINUTE, T0 + 2 * MINUTE)).map(
          e => e.title,
        ),
      ).toEqual(['second a', 'second b', 'second c']);
    });

    it('deletes events before an instant and counts them', async () => {
      const { events: store } = await createTestStores(databases, databaseId);
      await store.addEvent(deploy('old', T0 - MINUTE));
      await store.addEvent(deploy('at the cut', T0));
      await store.addEvent({
        ...deploy('other old', T0 - 2 * MINUTE),
        entityRef: 'component:default/other',
      });
      expect(await store.deleteEventsBefore(T0)).toBe(2);
      expect(
        (await store.listEvents(ENTITY, 0, T0 + MINUTE)).map(e => e.title),
      ).toEqual(['at the cut']);
      expect(await store.deleteEventsBefore(T0)).toBe(0);
    });
  },
);
