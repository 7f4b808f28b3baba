import { mockServices } from '@backstage/backend-test-utils';
import type { SliSource, SliSourcePullRequest } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import {
  sloDefinition as occurrencesSlo,
  pulledSloDefinition as pulledSlo,
} from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../../__testUtils__/stores';
import { SliWriter } from '../ingestion/SliWriter';
import { SliSourcePuller, pulledThroughKey } from './SliSourcePuller';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 10, 12, 30, 20);
const TO = NOW - (NOW % MINUTE);
const ENTITY = 'component:default/payments';

describe.each(databases.eachSupportedId())(
  'SliSourcePuller on %s',
  databaseId => {
    async function setup() {
      const stores = await createTestStores(databases, databaseId);
      const { definitions } = await stores.definitions.upsertDefinitions(
        ENTITY,
        [
          pulledSlo('availability', 'example'),
          pulledSlo('latency', 'other'),
          occurrencesSlo('pushed'),
        ],
        { origin: 'catalog', replaceAll: true, now: NOW - HOUR },
      );
      const logger = mockServices.logger.mock();
      const puller = new SliSourcePuller({
        definitions: stores.definitions,
        jobs: stores.jobs,
        writer: new SliWriter(stores),
        logger,
      });
      const keyOf = new Map(definitions.map(d => [d.name, d.sloKey]));
      return { stores, puller, logger, keyOf };
    }

    function source(
      pull: (request: SliSourcePullRequest) => ReturnType<SliSource['pull']>,
    ): SliSource & { pull: jest.Mock } {
      return { type: 'example', pull: jest.fn(pull) };
    }

    it('asks for the SLOs of its type since the last pull and writes the answer', async () => {
      const { stores, puller, keyOf } = await setup();
      const example = source(async ({ slos, from }) =>
        slos.map(slo => ({
          slo: slo.id,
          bucketStart: from,
          good: 9,
          total: 10,
        })),
      );

      expect(await puller.pull(example, NOW)).toEqual({
        slos: 1,
        written: 1,
        dropped: 0,
      });
      const request: SliSourcePullRequest = example.pull.mock.calls[0][0];
      expect(request.slos.map(s => s.id)).toEqual([`${ENTITY}#availability`]);
      expect(request.slos[0].definition.indicator).toMatchObject({
        numeratorSource: { type: 'example' },
      });
      expect(request).toMatchObject({ from: TO - HOUR, to: TO });
      expect(await stores.jobs.getJobState(pulledThroughKey('example'))).toBe(
        String(TO),
      );
      expect(await stores.sliData.readMinuteBuckets(0, NOW)).toEqual([
        {
          sloKey: keyOf.get('availability'),
          bucketStart: TO - HOUR,
          good: 9,
          total: 10,
        },
      ]);

      // The next pull starts where the last one ended; a pull within the same
      // minute asks for nothing.
      await puller.pull(example, NOW + 5_000);
      expect(example.pull).toHaveBeenCalledTimes(1);
      await puller.pull(example, NOW + 2 * MINUTE);
      expect(example.pull.mock.calls[1][0]).toMatchObject({
        from: TO,
        to: TO + 2 * MINUTE,
      });
    });

    it('drops points it did not ask for or that are invalid, and logs how many', async () => {
      const { stores, puller, logger, keyOf } = await setup();
      const example = source(async ({ from, to }) => [
        { slo: `${ENTITY}#availability`, bucketStart: from, good: 1, total: 1 },
        // Another source's SLO, and one of no source.
        { slo: `${ENTITY}#latency`, bucketStart: from, good: 1, total: 1 },
        { slo: `${ENTITY}#pushed`, bucketStart: from, good: 1, total: 1 },
        // Outside the range asked for.
        { slo: `${ENTITY}#availability`, bucketStart: to, good: 1, total: 1 },
        // Off a minute boundary, and counts that cannot be.
        {
          slo: `${ENTITY}#availability`,
          bucketStart: from + 1,
          good: 1,
          total: 1,
        },
        {
          slo: `${ENTITY}#availability`,
          bucketStart: from + MINUTE,
          good: 2,
          total: 1,
        },
      ]);
      expect(await puller.pull(example, NOW)).toEqual({
        slos: 1,
        written: 1,
        dropped: 5,
      });
      expect(logger.warn).toHaveBeenCalledWith(
        'SLI source example returned 5 invalid points; they were dropped',
      );
      expect(await stores.sliData.readMinuteBuckets(0, NOW + HOUR)).toEqual([
        {
          sloKey: keyOf.get('availability'),
          bucketStart: TO - HOUR,
          good: 1,
          total: 1,
        },
      ]);
    });

    it('does not ask a source that serves no SLO', async () => {
      const { puller } = await setup();
      const unused = { type: 'unused', pull: jest.fn(async () => []) };
      expect(await puller.pull(unused, NOW)).toEqual({
        slos: 0,
        written: 0,
        dropped: 0,
      });
      expect(unused.pull).not.toHaveBeenCalled();
    });

    it('asks for the same minutes again after a failed pull', async () => {
      const { stores, puller } = await setup();
      const failing = source(async () => {
        throw new Error('example is down');
      });
      await expect(puller.pull(failing, NOW)).rejects.toThrow(
        'example is down',
      );
      expect(
        await stores.jobs.getJobState(pulledThroughKey('example')),
      ).toBeUndefined();
      await expect(puller.pull(failing, NOW + MINUTE)).rejects.toThrow();
      expect(failing.pull.mock.calls[1][0]).toMatchObject({
        from: TO - HOUR + MINUTE,
        to: TO + MINUTE,
      });
    });
  },
);
