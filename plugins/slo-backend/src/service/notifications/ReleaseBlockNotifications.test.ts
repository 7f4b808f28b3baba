import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { GateEvaluation } from '@slo-kit/plugin-slo-common';
import { sloDefinition } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../../__testUtils__/stores';
import { EntityOwnersReader } from './EntityOwnersReader';
import { ReleaseBlockNotifications } from './ReleaseBlockNotifications';
import { SloNotifier } from './SloNotifier';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};

function evaluation(overrides: Partial<GateEvaluation> = {}): GateEvaluation {
  return {
    id: '7',
    entityRef: 'component:default/checkout-api',
    decision: 'block',
    enforced: 'block',
    policy: { name: 'default', mode: 'enforce', exemptChangeTypes: [] },
    decidedBy: 'group:default/payments',
    exemption: null,
    reasons: [
      {
        rule: 'pageAlertFiring',
        outcome: 'block',
        sloId: 'component:default/checkout-api#availability',
        message: 'Availability page alert firing.',
        numbers: {},
      },
    ],
    evaluatedAt: '2026-11-24T12:00:00.000Z',
    requestedBy: 'external:ci-payments',
    environment: null,
    version: null,
    changeType: null,
    recordedAt: '2026-11-24T12:00:00.000Z',
    ...overrides,
  };
}

async function setup(send?: (o: NotificationSendOptions) => Promise<void>) {
  const stores = await createTestStores(databases, 'SQLITE_3');
  const sent: NotificationSendOptions[] = [];
  const logger = mockServices.logger.mock();
  const blocks = new ReleaseBlockNotifications({
    notifier: new SloNotifier({
      notifications: {
        send:
          send ??
          (async options => {
            sent.push(options);
          }),
      },
    }),
    owners: new EntityOwnersReader({
      catalog: catalogServiceMock({ entities: [checkout] }),
      auth: mockServices.auth(),
    }),
    definitions: stores.definitions,
    logger,
  });
  return { stores, sent, logger, blocks };
}

describe('ReleaseBlockNotifications', () => {
  it('tells the service owner of a blocking evaluation, and nobody of others', async () => {
    const { sent, blocks } = await setup();
    await blocks.evaluationRecorded(
      evaluation({ decision: 'warn', enforced: 'warn' }),
    );
    await blocks.evaluationRecorded(
      evaluation({
        decision: 'allow',
        enforced: 'allow',
        exemption: 'rollback',
      }),
    );
    expect(sent).toEqual([]);

    await blocks.evaluationRecorded(evaluation());
    expect(sent.map(s => [s.recipients, s.payload.title])).toEqual([
      [
        { type: 'entity', entityRef: ['group:default/payments'] },
        'checkout-api blocked: Availability page alert firing',
      ],
    ]);
  });

  it('tells the service owner recorded with the SLOs of an entity the catalog does not know', async () => {
    const { stores, sent, blocks } = await setup();
    await stores.definitions.upsertDefinitions(
      'component:default/newcomer',
      [sloDefinition('availability')],
      {
        origin: 'catalog',
        owners: { serviceOwner: 'group:default/newcomers', sreOwner: null },
        replaceAll: true,
        now: 0,
      },
    );
    await blocks.evaluationRecorded(
      evaluation({ entityRef: 'component:default/newcomer' }),
    );
    expect(sent.map(s => s.recipients)).toEqual([
      { type: 'entity', entityRef: ['group:default/newcomers'] },
    ]);
  });

  it('logs a failed send with the evaluation and never rejects', async () => {
    const { logger, blocks } = await setup(async () => {
      throw new Error('Failed to send notifications: 404');
    });
    await expect(
      blocks.evaluationRecorded(evaluation()),
    ).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      'Could not notify the service owner of component:default/checkout-api that the release gate blocks (evaluation 7)',
      expect.objectContaining({ message: 'Failed to send notifications: 404' }),
    );
  });
});
