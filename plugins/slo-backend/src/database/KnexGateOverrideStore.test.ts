import { GateOverrideGrant } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { createTestStores } from '../__testUtils__/stores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const T0 = Date.UTC(2026, 11, 7, 12, 0);
const HOUR = 3_600_000;
const ENTITY = 'component:default/checkout';

function grant(overrides: Partial<GateOverrideGrant> = {}): GateOverrideGrant {
  return {
    entityRef: ENTITY,
    environment: null,
    version: null,
    reason: 'hotfix for INC-42, reviewed with the team',
    grantedBy: 'user:default/sam.sre',
    grantedAt: T0,
    expiresAt: T0 + 24 * HOUR,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'KnexGateOverrideStore on %s',
  databaseId => {
    it('stores a grant with every field and reads it back', async () => {
      const { gateOverrides: store } = await createTestStores(
        databases,
        databaseId,
      );
      const id = await store.addOverride(
        grant({ environment: 'production', version: '1.4.1' }),
      );
      expect(await store.getOverride(id)).toEqual({
        ...grant({ environment: 'production', version: '1.4.1' }),
        id,
        revokedBy: null,
        revokedAt: null,
        revokeReason: null,
        expiryRecordedAt: null,
      });
      expect(await store.getOverride('not-a-number')).toBeUndefined();
      expect(await store.getOverride('999999')).toBeUndefined();
    });

    it('lists as active only what is neither revoked nor expired', async () => {
      const { gateOverrides: store } = await createTestStores(
        databases,
        databaseId,
      );
      const expired = await store.addOverride(
        grant({ grantedAt: T0 - 3 * HOUR, expiresAt: T0 - HOUR }),
      );
      const revoked = await store.addOverride(grant({ grantedAt: T0 - HOUR }));
      const active = await store.addOverride(grant());
      await store.addOverride(grant({ entityRef: 'component:default/other' }));
      expect(
        await store.revokeOverride(revoked, {
          revokedBy: 'user:default/sam.sre',
          revokedAt: T0,
          reason: 'the fix is out',
        }),
      ).toBe(true);

      const now = T0 + 1;
      expect(
        (await store.listActiveOverrides([ENTITY], now)).map(o => o.id),
      ).toEqual([active]);
      expect(
        (
          await store.listActiveOverrides(
            [ENTITY, 'component:default/other'],
            now,
          )
        ).map(o => o.entityRef),
      ).toEqual(['component:default/other', ENTITY]);
      expect(await store.listActiveOverrides([], now)).toEqual([]);
      expect(
        (await store.listOverrides(ENTITY, { limit: 10 })).map(o => o.id),
      ).toEqual([active, revoked, expired]);
      expect(await store.getOverride(revoked)).toMatchObject({
        revokedBy: 'user:default/sam.sre',
        revokedAt: T0,
        revokeReason: 'the fix is out',
      });
    });

    it('revokes only an override that is still active', async () => {
      const { gateOverrides: store } = await createTestStores(
        databases,
        databaseId,
      );
      const id = await store.addOverride(grant());
      const revoke = {
        revokedBy: 'user:default/sam.sre',
        revokedAt: T0 + HOUR,
        reason: 'no longer needed',
      };
      expect(await store.revokeOverride(id, revoke)).toBe(true);
      expect(
        await store.revokeOverride(id, { ...revoke, revokedBy: 'user:x' }),
      ).toBe(false);
      expect((await store.getOverride(id))?.revokedBy).toBe(
        'user:default/sam.sre',
      );

      const expiredId = await store.addOverride(grant());
      expect(
        await store.revokeOverride(expiredId, {
          ...revoke,
          revokedAt: T0 + 25 * HOUR,
        }),
      ).toBe(false);
      expect(await store.revokeOverride('42x', revoke)).toBe(false);
    });

    it('hands each expiry to exactly one claimer', async () => {
      const { gateOverrides: store } = await createTestStores(
        databases,
        databaseId,
      );
      const first = await store.addOverride(grant({ expiresAt: T0 + HOUR }));
      const second = await store.addOverride(
        grant({ expiresAt: T0 + 2 * HOUR }),
      );
      const revoked = await store.addOverride(grant({ expiresAt: T0 + HOUR }));
      await store.revokeOverride(revoked, {
        revokedBy: 'user:default/sam.sre',
        revokedAt: T0 + 1,
        reason: 'revoked before it expired',
      });

      expect(await store.claimExpiredOverrides(T0 + HOUR - 1)).toEqual([]);
      const [a, b] = await Promise.all([
        store.claimExpiredOverrides(T0 + HOUR),
        store.claimExpiredOverrides(T0 + HOUR),
      ]);
      expect([...a, ...b].map(o => o.id)).toEqual([first]);
      expect([...a, ...b][0].expiryRecordedAt).toBe(T0 + HOUR);

      const later = await store.claimExpiredOverrides(T0 + 3 * HOUR);
      expect(later.map(o => o.id)).toEqual([second]);
      expect(await store.claimExpiredOverrides(T0 + 4 * HOUR)).toEqual([]);
    });
  },
);
