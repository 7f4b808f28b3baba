import { mockServices } from '@backstage/backend-test-utils';
import type { SliSource, SliSourcePullRequest } from '@slo-kit/plugin-slo-node';
import {
  sloDefinition as occurrencesSlo,
  pulledSloDefinition as pulledSlo,
  rollingWindow,
} from '@slo-kit/plugin-slo-common/testUtils';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { createTestStores } from '../../__testUtils__/stores';
import { SliWriter } from '../ingestion/SliWriter';
import { SliSourcePuller } from './SliSourcePuller';

jest.setTimeout(120_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 0, 10, 12, 30, 20);
const TO = NOW - (NOW % MINUTE);
const ENTITY = 'component:default/payments';
/** Minute retention of these tests: 2 days, so a 3-day window mixes minutes and rollups. */
const RETENTION = 2 * DAY;
/** The first minute written as a minute (older ones become hourly rollups). */
const OLDEST_WRITABLE = Math.floor((NOW - RETENTION) / HOUR) * HOUR + HOUR;
const WINDOW_START = TO - 3 * DAY;

/** One point per minute of the request: 10 events, 9 good. */
function everyMinute({ from, to }: SliSourcePullRequest) {
  const points = [];
  for (let minute = from; minute < to; minute += MINUTE) {
    points.push({ bucketStart: minute, good: 9, total: 10 });
  }
  return points;
}

describe.each(databases.eachSupportedId())(
  'SliSourcePuller on %s',
  databaseId => {
    async function setup() {
      const stores = await createTestStores(databases, databaseId);
      const threeDays = { timeWindow: rollingWindow(3) };
      const { definitions } = await stores.definitions.upsertDefinitions(
        ENTITY,
        [
          { ...pulledSlo('availability', 'example'), ...threeDays },
          { ...pulledSlo('latency', 'example'), ...threeDays },
          { ...pulledSlo('elsewhere', 'other'), ...threeDays },
          occurrencesSlo('pushed'),
        ],
        { origin: 'catalog', replaceAll: true, now: NOW - 4 * DAY },
      );
      const logger = mockServices.logger.mock();
      const puller = new SliSourcePuller({
        definitions: stores.definitions,
        sourceStates: stores.sourceStates,
        sliData: stores.sliData,
        writer: new SliWriter({ ...stores, minuteRetentionMs: RETENTION }),
        logger,
        minuteRetentionMs: RETENTION,
      });
      const keyOf = new Map(definitions.map(d => [d.name, d.sloKey]));
      return { stores, puller, logger, keyOf };
    }

    function source(
      pull: (request: SliSourcePullRequest) => ReturnType<SliSource['pull']>,
      settings: Partial<SliSource> = {},
    ): SliSource & { pull: jest.Mock } {
      return {
        type: 'example',
        maxMinutesPerPull: DAY / MINUTE,
        ...settings,
        pull: jest.fn(pull),
      };
    }

    it('backfills an SLO seen for the first time over its whole window: minutes where retention keeps them, hourly rollups before', async () => {
      const { stores, puller, keyOf, logger } = await setup();
      const example = source(async request => everyMinute(request));

      const result = await puller.pull(example, NOW);

      // Asked only for the SLOs of its type, in chunks of at most a day of
      // whole hours, from the window's first hour to the current minute.
      const asked = example.pull.mock.calls.map(([r]) => r);
      expect(new Set(asked.map(r => r.slo.id))).toEqual(
        new Set([`${ENTITY}#availability`, `${ENTITY}#latency`]),
      );
      const availability = asked.filter(r =>
        r.slo.id.endsWith('#availability'),
      );
      expect(availability[0].from).toBe(Math.floor(WINDOW_START / HOUR) * HOUR);
      expect(availability.at(-1)!.to).toBe(TO);
      // Contiguous chunks of at most a day.
      expect(availability.every(r => r.to - r.from <= DAY)).toBe(true);
      expect(availability.slice(1).map(r => r.from)).toEqual(
        availability.slice(0, -1).map(r => r.to),
      );

      const key = keyOf.get('availability')!;
      const minutes = await stores.sliData.readMinuteBuckets(0, TO + HOUR, [
        key,
      ]);
      expect(minutes[0].bucketStart).toBe(OLDEST_WRITABLE);
      expect(minutes).toHaveLength((TO - OLDEST_WRITABLE) / MINUTE);
      const history = await stores.sliData.readRollups(0, OLDEST_WRITABLE, [
        key,
      ]);
      expect(history.length).toBe(
        (OLDEST_WRITABLE - Math.floor(WINDOW_START / HOUR) * HOUR) / HOUR,
      );
      expect(history.every(h => h.total === 600 && h.good === 540)).toBe(true);

      const [state] = await stores.sourceStates.listSourceStates([key]);
      expect(state).toMatchObject({
        sourceType: 'example',
        pulledThrough: TO,
        backfillFrom: Math.floor(WINDOW_START / HOUR) * HOUR,
        failingSince: null,
        lastError: null,
      });
      const stored = await stores.definitions.getDefinition(
        `${ENTITY}#availability`,
      );
      expect(stored!.historyRevision).toBeGreaterThan(0);
      expect(result).toMatchObject({ slos: 2, failed: 0, dropped: 0 });
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          /^SLI source example: backfilling component:default\/payments#availability from /,
        ),
      );
    });

    it('later asks for the minutes since the last pull, re-reading the last few', async () => {
      const { puller } = await setup();
      await puller.pull(
        source(async request => everyMinute(request)),
        NOW,
      );

      const later = source(async request => everyMinute(request), {
        rereadMinutes: 5,
      });
      await puller.pull(later, NOW + 3 * MINUTE);

      const asked = later.pull.mock.calls.map(([r]) => [r.from, r.to]);
      expect(asked).toEqual([
        [TO - 5 * MINUTE, TO + 3 * MINUTE],
        [TO - 5 * MINUTE, TO + 3 * MINUTE],
      ]);
    });

    it('leaves the minutes of a failed pull without data, marks the SLO failing since the first failure, and fills the gap once the source answers', async () => {
      const { stores, puller, keyOf, logger } = await setup();
      await puller.pull(
        source(async request => everyMinute(request)),
        NOW,
      );
      const key = keyOf.get('availability')!;
      const other = keyOf.get('latency')!;

      // Down for 20 minutes, for availability only.
      const down = source(async request => {
        if (request.slo.id.endsWith('#availability')) {
          throw new Error('connect ECONNREFUSED 127.0.0.1:9090');
        }
        return everyMinute(request);
      });
      const result = await puller.pull(down, NOW + 10 * MINUTE);
      await puller.pull(down, NOW + 20 * MINUTE);
      expect(result).toMatchObject({ failed: 1 });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `SLI source example failed for ${ENTITY}#availability, minutes from ${new Date(
            TO,
          ).toISOString()} have no data until a later run succeeds: connect ECONNREFUSED`,
        ),
      );
      const states = await stores.sourceStates.listSourceStates([key, other]);
      expect(states.find(s => s.sloKey === key)).toMatchObject({
        pulledThrough: TO,
        failingSince: NOW + 10 * MINUTE,
        lastError: 'connect ECONNREFUSED 127.0.0.1:9090',
      });
      expect(states.find(s => s.sloKey === other)).toMatchObject({
        pulledThrough: TO + 20 * MINUTE,
        failingSince: null,
      });
      // No minute was written for the gap: no data, never zeros.
      expect(
        await stores.sliData.readMinuteBuckets(TO, TO + HOUR, [key]),
      ).toEqual([]);

      // Back: the gap is asked for again and filled, the failure cleared.
      const back = source(async request => everyMinute(request));
      await puller.pull(back, NOW + 21 * MINUTE);
      expect(
        back.pull.mock.calls.map(([r]) => [r.slo.id, r.from, r.to]),
      ).toContainEqual([`${ENTITY}#availability`, TO, TO + 21 * MINUTE]);
      const filled = await stores.sliData.readMinuteBuckets(TO, TO + HOUR, [
        key,
      ]);
      expect(filled).toHaveLength(21);
      expect(filled.every(m => m.total === 10)).toBe(true);
      expect(
        (await stores.sourceStates.listSourceStates([key]))[0],
      ).toMatchObject({
        pulledThrough: TO + 21 * MINUTE,
        failingSince: null,
        lastError: null,
      });
    });

    it('resumes a backfill where it stopped: a restart asks only for the chunks not yet written', async () => {
      const { puller, keyOf, stores } = await setup();
      let calls = 0;
      const failsThirdChunk = source(async request => {
        if (request.slo.id.endsWith('#latency')) return [];
        calls += 1;
        if (calls === 3) throw new Error('query timed out');
        return everyMinute(request);
      });
      await puller.pull(failsThirdChunk, NOW);
      const [first, second] = failsThirdChunk.pull.mock.calls
        .map(([r]) => r)
        .filter(r => r.slo.id.endsWith('#availability'));
      const [state] = await stores.sourceStates.listSourceStates([
        keyOf.get('availability')!,
      ]);
      expect(state.pulledThrough).toBe(second.to);
      expect(state.failingSince).toBe(NOW);

      const resumed = source(async request => everyMinute(request));
      await puller.pull(resumed, NOW + MINUTE);
      const again = resumed.pull.mock.calls
        .map(([r]) => r)
        .filter(r => r.slo.id.endsWith('#availability'));
      expect(again[0].from).toBe(second.to);
      expect(again.some(r => r.from === first.from)).toBe(false);
    });

    it('pulls the whole window again when the queries of an SLO change, and not when only its target does', async () => {
      const { stores, puller, logger } = await setup();
      await puller.pull(
        source(async request => everyMinute(request)),
        NOW,
      );
      const redefine = async (query: string, target: number) => {
        const slo = {
          ...pulledSlo('availability', 'example'),
          timeWindow: rollingWindow(3),
          objectives: [{ target }],
        };
        const indicator = slo.indicator as any;
        indicator.numeratorSource = { type: 'example', query, spec: { query } };
        await stores.definitions.upsertDefinitions(ENTITY, [slo], {
          origin: 'catalog',
          replaceAll: false,
          now: NOW,
        });
      };
      const asked = async (at: number) => {
        const next = source(async request => everyMinute(request), {
          rereadMinutes: 2,
        });
        await puller.pull(next, at);
        return next.pull.mock.calls
          .map(([r]) => r)
          .filter(r => r.slo.id.endsWith('#availability'));
      };

      await redefine('errors_total', 0.999);
      const again = await asked(NOW + MINUTE);
      expect(again[0].from).toBe(Math.floor(WINDOW_START / HOUR) * HOUR);
      expect(again.at(-1)!.to).toBe(TO + MINUTE);
      expect(logger.info).toHaveBeenCalledWith(
        `SLI source example: the queries of ${ENTITY}#availability changed since its last pull; its window is pulled again`,
      );

      await redefine('errors_total', 0.99);
      expect((await asked(NOW + 2 * MINUTE)).map(r => [r.from, r.to])).toEqual([
        [TO - MINUTE, TO + 2 * MINUTE],
      ]);
    });

    it('drops points outside the asked range or with invalid counts, and logs them', async () => {
      const { stores, puller, keyOf, logger } = await setup();
      await puller.pull(
        source(async request => everyMinute(request)),
        NOW,
      );
      const sloppy = source(async ({ from }) => [
        { bucketStart: from, good: 5, total: 4 },
        { bucketStart: from - MINUTE, good: 1, total: 1 },
        { bucketStart: from + 30_000, good: 1, total: 1 },
        { bucketStart: from + MINUTE, good: 2, total: 3 },
      ]);
      const result = await puller.pull(sloppy, NOW + 2 * MINUTE);
      expect(result.dropped).toBe(6);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^SLI source example returned 3 invalid points for component:default\/payments#availability; they were dropped \(first: /,
        ),
      );
      const written = await stores.sliData.readMinuteBuckets(TO, TO + HOUR, [
        keyOf.get('availability')!,
      ]);
      // The minute with more good than total events was dropped: no data.
      expect(written).toEqual([
        expect.objectContaining({
          bucketStart: TO + MINUTE,
          good: 2,
          total: 3,
        }),
      ]);
    });

    it('asks nothing when no live SLO names its type', async () => {
      const { puller } = await setup();
      const unused = source(async () => [], { type: 'unused' });
      expect(await puller.pull(unused, NOW)).toMatchObject({ slos: 0 });
      expect(unused.pull).not.toHaveBeenCalled();
    });
  },
);
