import { createStoreTestDatabases } from '../__testUtils__/databases';
import { createTestStores } from '../__testUtils__/stores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const T0 = Date.UTC(2026, 10, 24, 12, 0);

async function storeOn(databaseId: Parameters<typeof createTestStores>[1]) {
  const { notificationStates } = await createTestStores(databases, databaseId);
  return notificationStates;
}

describe.each(databases.eachSupportedId())(
  'KnexSloNotificationStateStore on %s',
  databaseId => {
    it('starts with every SLO clear: nothing notable, nothing to recover', async () => {
      const store = await storeOn(databaseId);
      expect(await store.listNotableStates()).toEqual([]);
      const claim = await store.claimChanges([1, 2], 'clear', T0);
      expect(claim.sloKeys).toEqual([]);
      expect(await store.listNotableStates()).toEqual([]);
    });

    it('claims a change once: the claim holds it until settled, then the state is settled', async () => {
      const store = await storeOn(databaseId);
      const first = await store.claimChanges([3, 1, 2], 'critical', T0);
      expect(first).toEqual({
        id: expect.any(String),
        notified: 'critical',
        sloKeys: [1, 2, 3],
      });
      expect(await store.listNotableStates()).toEqual([
        { sloKey: 1, notified: 'critical', claimedAt: T0 },
        { sloKey: 2, notified: 'critical', claimedAt: T0 },
        { sloKey: 3, notified: 'critical', claimedAt: T0 },
      ]);

      // Neither the same change nor the way back can be claimed meanwhile.
      expect(
        (await store.claimChanges([1, 2, 3], 'critical', T0)).sloKeys,
      ).toEqual([]);
      expect(
        (await store.claimChanges([1, 2, 3], 'clear', T0)).sloKeys,
      ).toEqual([]);

      await store.settleClaim(first, [1, 2, 3]);
      expect(await store.listNotableStates()).toEqual([
        { sloKey: 1, notified: 'critical', claimedAt: null },
        { sloKey: 2, notified: 'critical', claimedAt: null },
        { sloKey: 3, notified: 'critical', claimedAt: null },
      ]);
      expect(
        (await store.claimChanges([1, 2, 3], 'critical', T0)).sloKeys,
      ).toEqual([]);

      const back = await store.claimChanges([2], 'clear', T0 + 60_000);
      expect(back.sloKeys).toEqual([2]);
      await store.settleClaim(back, [2]);
      expect(await store.listNotableStates()).toEqual([
        { sloKey: 1, notified: 'critical', claimedAt: null },
        { sloKey: 3, notified: 'critical', claimedAt: null },
      ]);

      // Critical again after recovering: the stored `clear` row is claimed.
      const again = await store.claimChanges([2], 'critical', T0 + 120_000);
      expect(again.sloKeys).toEqual([2]);
    });

    it('releases a failed change to what it was before, so it can be claimed again', async () => {
      const store = await storeOn(databaseId);
      const toCritical = await store.claimChanges([1, 2], 'critical', T0);
      await store.releaseClaim(toCritical, [1]);
      await store.settleClaim(toCritical, [2]);
      expect(await store.listNotableStates()).toEqual([
        { sloKey: 2, notified: 'critical', claimedAt: null },
      ]);

      const toClear = await store.claimChanges([2], 'clear', T0);
      await store.releaseClaim(toClear, [2]);
      expect(await store.listNotableStates()).toEqual([
        { sloKey: 2, notified: 'critical', claimedAt: null },
      ]);

      const retried = await store.claimChanges([1], 'critical', T0 + 60_000);
      expect(retried.sloKeys).toEqual([1]);
    });

    it('lets only the holder settle or release a claim', async () => {
      const store = await storeOn(databaseId);
      const mine = await store.claimChanges([1], 'critical', T0);
      const other = { ...mine, id: 'someone-else' };
      await store.releaseClaim(other, [1]);
      await store.settleClaim(other, [1]);
      expect(await store.listNotableStates()).toEqual([
        { sloKey: 1, notified: 'critical', claimedAt: T0 },
      ]);
    });

    it('gives one winner per SLO when replicas claim the same changes at once', async () => {
      const store = await storeOn(databaseId);
      const keys = Array.from({ length: 300 }, (_, i) => i + 1);
      for (const notified of ['critical', 'clear', 'critical'] as const) {
        const claims = await Promise.all([
          store.claimChanges(keys, notified, T0),
          store.claimChanges([...keys].reverse(), notified, T0),
          store.claimChanges(keys, notified, T0),
        ]);
        const won = claims.flatMap(c => c.sloKeys).sort((a, b) => a - b);
        expect(won).toEqual(keys);
        for (const claim of claims)
          await store.settleClaim(claim, claim.sloKeys);
      }
    });

    it('claims more SLOs than fit in one statement', async () => {
      const store = await storeOn(databaseId);
      const keys = Array.from({ length: 2_100 }, (_, i) => i + 1);
      const claim = await store.claimChanges(keys, 'critical', T0);
      expect(claim.sloKeys).toEqual(keys);
      await store.settleClaim(claim, keys.slice(0, 1_000));
      await store.releaseClaim(claim, keys.slice(1_000));
      const notable = await store.listNotableStates();
      expect(notable).toHaveLength(1_000);
      expect(notable.every(s => s.claimedAt === null)).toBe(true);
    });

    it('releases claims never settled by a holder that stopped, and only those', async () => {
      const store = await storeOn(databaseId);
      const settled = await store.claimChanges([1], 'critical', T0);
      await store.settleClaim(settled, [1]);
      const abandonedClear = await store.claimChanges([1], 'clear', T0);
      const abandonedCritical = await store.claimChanges([2], 'critical', T0);
      const fresh = await store.claimChanges([3], 'critical', T0 + 10 * 60_000);

      expect(await store.releaseClaimsBefore(T0)).toBe(0);
      expect(await store.releaseClaimsBefore(T0 + 60_000)).toBe(2);
      expect(await store.listNotableStates()).toEqual([
        { sloKey: 1, notified: 'critical', claimedAt: null },
        { sloKey: 3, notified: 'critical', claimedAt: T0 + 10 * 60_000 },
      ]);

      // The stopped holder coming back cannot settle what it no longer holds.
      await store.settleClaim(abandonedClear, [1]);
      await store.settleClaim(abandonedCritical, [2]);
      expect(await store.listNotableStates()).toEqual([
        { sloKey: 1, notified: 'critical', claimedAt: null },
        { sloKey: 3, notified: 'critical', claimedAt: T0 + 10 * 60_000 },
      ]);
      expect(fresh.sloKeys).toEqual([3]);
    });
  },
);
