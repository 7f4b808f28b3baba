import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { SloNotificationStateStore } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { createTestStores } from '../../__testUtils__/stores';
import type { EvaluatedSlo } from '../evaluation/SloStatusListener';
import { EntityOwnersReader } from './EntityOwnersReader';
import { SloNotifier } from './SloNotifier';
import {
  CLAIM_LEASE_MS,
  MAX_CHANGES_PER_CYCLE,
  MAX_FAILURES_IN_A_ROW,
  SloStatusNotifications,
} from './SloStatusNotifications';
import {
  AT,
  FIGURES,
  evaluated,
  storedSlo,
} from './__testUtils__/evaluatedSlos';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    annotations: { 'slo-kit.dev/sre-owner': 'group:default/sre' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};

/** Posts that would reach the notifications backend; `failing` makes the next sends throw. */
class NotificationsTransport {
  readonly sent: NotificationSendOptions[] = [];
  failing = 0;

  async send(options: NotificationSendOptions) {
    if (this.failing > 0) {
      this.failing--;
      throw new Error('Failed to send notifications: connect ECONNREFUSED');
    }
    this.sent.push(options);
  }

  titles() {
    return this.sent.map(s => s.payload.title);
  }
}

function statuses(
  slos: Array<[ReturnType<typeof storedSlo>, keyof typeof FIGURES]>,
): EvaluatedSlo[] {
  return slos.map(([slo, figures]) => evaluated(slo, FIGURES[figures]));
}

describe.each(databases.eachSupportedId())(
  'SloStatusNotifications on %s',
  databaseId => {
    async function setup(
      options: { states?: SloNotificationStateStore; entities?: Entity[] } = {},
    ) {
      const states =
        options.states ??
        (await createTestStores(databases, databaseId as TestDatabaseId))
          .notificationStates;
      const transport = new NotificationsTransport();
      const logger = mockServices.logger.mock();
      let now = AT;
      const notifications = new SloStatusNotifications({
        states,
        notifier: new SloNotifier({ notifications: transport }),
        owners: new EntityOwnersReader({
          catalog: catalogServiceMock({
            entities: options.entities ?? [checkout],
          }),
          auth: mockServices.auth(),
        }),
        logger,
        clock: () => now,
      });
      return {
        states,
        transport,
        logger,
        notifications,
        advance: (ms: number) => {
          now += ms;
        },
      };
    }

    const a = storedSlo(1, 'component:default/checkout-api', {
      name: 'availability',
    });
    const b = storedSlo(2, 'component:default/checkout-api', {
      name: 'latency',
      objective: 'Latency',
    });

    it('announces an SLO already critical at its first evaluation, and not a healthy one', async () => {
      const { transport, notifications } = await setup();
      const result = await notifications.statusesWritten(
        statuses([
          [a, 'exhausted'],
          [b, 'healthy'],
        ]),
      );
      expect(result).toEqual({ sent: 1, failed: 0, deferred: 0 });
      expect(transport.sent).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['group:default/sre', 'group:default/payments'],
          },
        }),
      ]);
      expect(transport.titles()).toEqual([
        'checkout-api: Availability is critical',
      ]);
    });

    it('announces each change once: critical, recovered, critical again', async () => {
      const { transport, notifications } = await setup();
      const cycles: Array<Array<keyof typeof FIGURES>> = [
        ['healthy', 'healthy'],
        ['exhausted', 'healthy'],
        ['exhausted', 'healthy'],
        ['paging', 'paging'], // still critical (another cause), b turns critical
        ['noData', 'error'], // says nothing either way
        ['paging', 'paging'],
        ['warning', 'paging'],
        ['healthy', 'paging'],
        ['exhausted', 'healthy'],
      ];
      const titlesPerCycle: string[][] = [];
      for (const figures of cycles) {
        const before = transport.sent.length;
        await notifications.statusesWritten(
          statuses([
            [a, figures[0]],
            [b, figures[1]],
          ]),
        );
        titlesPerCycle.push(
          transport.sent.slice(before).map(s => s.payload.title),
        );
      }
      expect(titlesPerCycle).toEqual([
        [],
        ['checkout-api: Availability is critical'],
        [],
        ['checkout-api: Latency is critical'],
        [],
        [],
        ['checkout-api: Availability recovered'],
        [],
        [
          'checkout-api: Availability is critical',
          'checkout-api: Latency recovered',
        ],
      ]);
    });

    it('lets one of two replicas announce a change they see at the same time', async () => {
      const { states, transport: first, notifications: one } = await setup();
      const { transport: second, notifications: two } = await setup({ states });
      const many = Array.from({ length: 40 }, (_, i) =>
        storedSlo(i + 1, 'component:default/checkout-api'),
      );
      const critical = many.map(slo => evaluated(slo, FIGURES.exhausted));
      await Promise.all([
        one.statusesWritten(critical),
        two.statusesWritten(critical),
      ]);
      expect(first.sent.length + second.sent.length).toBe(40);
      const scopes = [...first.sent, ...second.sent].map(s => s.payload.scope);
      expect(new Set(scopes).size).toBe(40);

      // The next cycle, on either replica, has nothing to announce.
      await one.statusesWritten(critical);
      await two.statusesWritten(critical);
      expect(first.sent.length + second.sent.length).toBe(40);
    });

    it('releases a change whose send failed, logs why, and sends it next cycle', async () => {
      const { transport, notifications, logger } = await setup();
      transport.failing = 1;
      const critical = statuses([
        [a, 'exhausted'],
        [b, 'exhausted'],
      ]);
      expect(await notifications.statusesWritten(critical)).toEqual({
        sent: 1,
        failed: 1,
        deferred: 0,
      });
      expect(logger.error).toHaveBeenCalledWith(
        'Could not notify the owners of SLO component:default/checkout-api#availability that it turned critical; it is tried again next evaluation cycle',
        expect.objectContaining({
          message: 'Failed to send notifications: connect ECONNREFUSED',
        }),
      );
      expect(transport.titles()).toEqual(['checkout-api: Latency is critical']);

      await notifications.statusesWritten(critical);
      await notifications.statusesWritten(critical);
      expect(transport.titles()).toEqual([
        'checkout-api: Latency is critical',
        'checkout-api: Availability is critical',
      ]);
    });

    it('stops a cycle after failures in a row and sends the rest next cycle', async () => {
      const { transport, notifications, logger } = await setup();
      const many = Array.from({ length: 10 }, (_, i) =>
        evaluated(storedSlo(i + 1), FIGURES.exhausted),
      );
      transport.failing = 100;
      expect(await notifications.statusesWritten(many)).toEqual({
        sent: 0,
        failed: 10,
        deferred: 0,
      });
      // Each failure tried is logged, then one line for the untried rest.
      expect(logger.error).toHaveBeenCalledTimes(MAX_FAILURES_IN_A_ROW + 1);

      transport.failing = 0;
      expect(await notifications.statusesWritten(many)).toEqual({
        sent: 10,
        failed: 0,
        deferred: 0,
      });
      expect(transport.sent).toHaveLength(10);
    });

    it('announces at most a cycle\u2019s worth of changes and the rest next cycle', async () => {
      const { transport, notifications, logger } = await setup();
      const many = Array.from({ length: MAX_CHANGES_PER_CYCLE + 5 }, (_, i) =>
        evaluated(storedSlo(i + 1), FIGURES.exhausted),
      );
      expect(await notifications.statusesWritten(many)).toEqual({
        sent: MAX_CHANGES_PER_CYCLE,
        failed: 0,
        deferred: 5,
      });
      expect(logger.info).toHaveBeenCalledWith(
        `${
          MAX_CHANGES_PER_CYCLE + 5
        } SLO status changes to announce; 5 wait for the next evaluation cycle`,
      );
      expect(await notifications.statusesWritten(many)).toEqual({
        sent: 5,
        failed: 0,
        deferred: 0,
      });
      expect(transport.sent).toHaveLength(MAX_CHANGES_PER_CYCLE + 5);
    });

    it('leaves a change claimed by a running replica alone, and takes it over once abandoned', async () => {
      const { states, transport, notifications, logger, advance } =
        await setup();
      // A replica claimed the change and stopped before sending it.
      await states.claimChanges([a.sloKey], 'critical', AT);
      const critical = statuses([[a, 'exhausted']]);

      await notifications.statusesWritten(critical);
      advance(CLAIM_LEASE_MS - 1);
      await notifications.statusesWritten(critical);
      expect(transport.sent).toEqual([]);

      advance(2);
      await notifications.statusesWritten(critical);
      expect(transport.titles()).toEqual([
        'checkout-api: Availability is critical',
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Released 1 SLO notification claim(s) not settled within 15 minutes',
        ),
      );
    });

    it('settles a change whose entity names no owner, with a warning, and does not retry it', async () => {
      const orphan = storedSlo(3, 'component:default/orphan', {
        serviceOwner: null,
        sreOwner: null,
      });
      const { transport, notifications, logger } = await setup();
      const critical = statuses([[orphan, 'exhausted']]);
      expect(await notifications.statusesWritten(critical)).toEqual({
        sent: 1,
        failed: 0,
        deferred: 0,
      });
      await notifications.statusesWritten(critical);
      expect(transport.sent).toEqual([]);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        'SLO component:default/orphan#slo-3 turned critical, but its entity names no service owner or SRE owner to notify',
      );
    });

    it('tells the owners the catalog names now, else those recorded with the SLO', async () => {
      const { transport, notifications } = await setup();
      const moved = storedSlo(1, 'component:default/checkout-api', {
        serviceOwner: 'group:default/old-team',
        sreOwner: null,
      });
      const registered = storedSlo(2, 'component:default/not-in-catalog', {
        serviceOwner: 'group:default/newcomers',
        sreOwner: null,
      });
      await notifications.statusesWritten(
        statuses([
          [moved, 'exhausted'],
          [registered, 'exhausted'],
        ]),
      );
      expect(transport.sent.map(s => s.recipients)).toEqual([
        {
          type: 'entity',
          entityRef: ['group:default/sre', 'group:default/payments'],
        },
        { type: 'entity', entityRef: ['group:default/newcomers'] },
      ]);
    });
  },
);
