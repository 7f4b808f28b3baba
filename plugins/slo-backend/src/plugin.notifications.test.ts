import {
  SchedulerService,
  ServiceFactory,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Notification } from '@backstage/plugin-notifications-common';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
import { openSloDocument } from '@slo-kit/plugin-slo-common/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { createStoreTestDatabases } from './__testUtils__/databases';
import { sloPlugin } from './plugin';

jest.setTimeout(120_000);

/*
 * SLO Kit with Backstage's real notifications backend: statuses are driven
 * through the ingestion API and the evaluation task, and notifications are
 * read through the notifications API as the users of the owner groups. The
 * catalog is served in memory: a component owned by Payments with Site
 * Reliability Engineering as SRE owner, each group with one member.
 */

const databases = createStoreTestDatabases();
const MINUTE = 60_000;

const SLO_ID = 'component:default/checkout-api#availability';
const PAT = 'user:default/pat'; // Payments, the service owner
const SAM = 'user:default/sam'; // Site Reliability Engineering, the SRE owner

/** CI and SLI feeders: an external access token. */
const CI = mockCredentials.service.header();
/** Another Backstage plugin acting on its own: may register SLOs. */
const PLUGIN = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'slo',
});

function group(name: string, member: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: member }],
  };
}

function user(name: string, memberOf: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [memberOf] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${memberOf}` }],
  };
}

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      annotations: { 'slo-kit.dev/sre-owner': 'group:default/sre' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
  group('payments', PAT),
  group('sre', SAM),
  user('pat', 'payments'),
  user('sam', 'sre'),
];

/** Every notification the notifications backend processed, from all backends: one per user per send. */
const processed: Array<{ user: string | null; title: string }> = [];

/** A processor module of the notifications backend that records what it is given. */
const recordingProcessor = createBackendModule({
  pluginId: 'notifications',
  moduleId: 'test-recorder',
  register(env) {
    env.registerInit({
      deps: { processing: notificationsProcessingExtensionPoint },
      async init({ processing }) {
        processing.addProcessor({
          getName: () => 'Recorder',
          postProcess: async notification => {
            processed.push({
              user: notification.user,
              title: notification.payload.title,
            });
          },
        });
      },
    });
  },
});

/** What `mockServices.scheduler()` returns at run time; its declared type leaves out `factory`. */
type TestScheduler = SchedulerService & {
  factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
};

/** One backend replica: SLO Kit, optionally the notifications backend, on the shared database. */
async function startReplica(
  knex: Knex,
  options: { notifications?: boolean; config?: object } = {},
) {
  const scheduler = mockServices.scheduler() as TestScheduler;
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      ...(options.notifications === false
        ? []
        : [notificationsBackend, recordingProcessor]),
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, ...options.config },
      }),
      catalogServiceMock.factory({ entities: ENTITIES }),
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    evaluate: () => scheduler.triggerTask('slo-evaluation'),
  };
}

type Replica = Awaited<ReturnType<typeof startReplica>>;

/**
 * The minute each test's data ends at, fixed when the test starts: a later
 * batch then rewrites exactly the minutes of an earlier one, even when a
 * minute boundary passed in between (otherwise an old bad minute stays in
 * the window and keeps the SLO critical).
 */
let dataEnd = 0;

function minuteAgo(n: number): string {
  return new Date(dataEnd - n * MINUTE).toISOString();
}

async function registerSlo(replica: Replica) {
  const res = await request(replica.server)
    .post('/api/slo/v1/slos')
    .set('Authorization', PLUGIN)
    .send({
      entityRef: 'component:default/checkout-api',
      openslo: openSloDocument({
        name: 'availability',
        objectiveDisplayName: 'Availability',
      }),
    });
  expect(res.status).toBe(200);
}

/** The last 30 minutes of the SLO, every event good or every event bad. */
async function ingest(replica: Replica, events: 'good' | 'bad') {
  const points = Array.from({ length: 30 }, (_, i) => ({
    slo: SLO_ID,
    timestamp: minuteAgo(i + 1),
    good: events === 'good' ? 100 : 0,
    total: 100,
  }));
  const res = await request(replica.server)
    .post('/api/slo/v1/sli')
    .set('Authorization', CI)
    .send({ points });
  expect(res.status).toBe(200);
}

async function statusOf(replica: Replica): Promise<string> {
  const res = await request(replica.server)
    .get('/api/slo/v1/entities/component/default/checkout-api')
    .set('Authorization', mockCredentials.user.header(PAT));
  expect(res.status).toBe(200);
  return res.body.slos[0].status?.evaluation.status;
}

/** What `userRef` sees on their notifications page, newest first. */
async function notificationsOf(
  replica: Replica,
  userRef: string,
): Promise<Notification[]> {
  const res = await request(replica.server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(userRef));
  expect(res.status).toBe(200);
  return res.body.notifications;
}

async function markRead(replica: Replica, userRef: string, ids: string[]) {
  const res = await request(replica.server)
    .post('/api/notifications/notifications/update')
    .set('Authorization', mockCredentials.user.header(userRef))
    .send({ ids, read: true });
  expect(res.status).toBe(200);
}

/** Waits until `condition` holds, polling; the notifications backend processes after answering. */
async function eventually(condition: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in 10 s');
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/** Gives the notifications backend time to process anything still in flight. */
function settle() {
  return new Promise(resolve => setTimeout(resolve, 500));
}

function processedFor(userRef: string) {
  return processed.filter(p => p.user === userRef).map(p => p.title);
}

describe.each(databases.eachSupportedId())(
  'SLO Kit notifications through the notifications backend on %s',
  databaseId => {
    beforeEach(() => {
      processed.length = 0;
      const now = Date.now();
      dataEnd = now - (now % MINUTE);
    });

    async function database() {
      return databases.init(databaseId as TestDatabaseId);
    }

    it('tells both owner groups once per status change, across evaluator runs, a restart and two replicas', async () => {
      const knex = await database();
      let replica = await startReplica(knex);
      await registerSlo(replica);

      // No data yet: nothing to tell.
      await replica.evaluate();
      expect(await statusOf(replica)).toBe('no-data');

      // Turning critical: one notification for each owner group's member.
      await ingest(replica, 'bad');
      await replica.evaluate();
      expect(await statusOf(replica)).toBe('critical');
      const [critical] = await notificationsOf(replica, PAT);
      expect(critical).toMatchObject({
        user: PAT,
        origin: 'plugin:slo',
        payload: {
          title: 'checkout-api: Availability is critical',
          link: '/catalog/default/component/checkout-api/slo',
          severity: 'critical',
          topic: 'SLO status',
          scope: `slo-status:${SLO_ID}`,
        },
      });
      expect(critical.payload.description).toContain(
        'Error budget exhausted: \u221299900 % left.',
      );
      expect(await notificationsOf(replica, PAT)).toHaveLength(1);
      expect(
        (await notificationsOf(replica, SAM)).map(n => n.payload.title),
      ).toEqual(['checkout-api: Availability is critical']);
      await eventually(() => processed.length === 2);

      // Read by both. A repeat would update it and mark it unread again.
      await markRead(replica, PAT, [critical.id]);
      const [samCritical] = await notificationsOf(replica, SAM);
      await markRead(replica, SAM, [samCritical.id]);

      // Still critical on the next runs: nothing new.
      await replica.evaluate();
      await replica.evaluate();

      // Restarted on the same database: the state survived, nothing new.
      await replica.stop();
      replica = await startReplica(knex);
      await replica.evaluate();

      for (const userRef of [PAT, SAM]) {
        const list = await notificationsOf(replica, userRef);
        expect(list).toHaveLength(1);
        expect(list[0].id).toBe(userRef === PAT ? critical.id : samCritical.id);
        expect(list[0].read).toBeTruthy();
        expect(list[0].updated).toBeFalsy();
      }
      await settle();
      expect(processedFor(PAT)).toEqual([
        'checkout-api: Availability is critical',
      ]);

      // Two replicas evaluate the recovery at the same time: one tells.
      const second = await startReplica(knex);
      await ingest(replica, 'good');
      await Promise.all([replica.evaluate(), second.evaluate()]);
      expect(await statusOf(replica)).toBe('healthy');
      await eventually(() => processedFor(PAT).length === 2);
      await settle();
      expect(processedFor(PAT)).toEqual([
        'checkout-api: Availability is critical',
        'checkout-api: Availability recovered',
      ]);
      expect(processedFor(SAM)).toEqual(processedFor(PAT));

      // The recovery updated the SLO's one notification, unread again.
      for (const userRef of [PAT, SAM]) {
        const list = await notificationsOf(second, userRef);
        expect(list).toHaveLength(1);
        expect(list[0]).toMatchObject({
          payload: {
            title: 'checkout-api: Availability recovered',
            severity: 'normal',
            scope: `slo-status:${SLO_ID}`,
          },
        });
        expect(list[0].read).toBeFalsy();
        expect(list[0].updated).toBeTruthy();
      }

      await Promise.all([replica.evaluate(), second.evaluate()]);
      await settle();
      expect(processed).toHaveLength(4);
    });

    it('tells the service owner of a recorded evaluation that blocks, and nobody of one not recorded', async () => {
      const knex = await database();
      const replica = await startReplica(knex);
      await registerSlo(replica);
      await ingest(replica, 'bad');
      await replica.evaluate();
      await eventually(() => processed.length === 2);

      const ask = (body: object) =>
        request(replica.server)
          .post('/api/slo/v1/gate/evaluations')
          .set('Authorization', CI)
          .send({ entityRef: 'component:default/checkout-api', ...body });

      const dryRun = await ask({ version: '1.3.9', record: false });
      expect(dryRun.body).toMatchObject({ id: '', enforced: 'block' });
      const recorded = await ask({
        version: '1.4.0',
        environment: 'production',
      });
      expect(recorded.status).toBe(200);
      expect(recorded.body.enforced).toBe('block');

      await eventually(async () =>
        (
          await notificationsOf(replica, PAT)
        ).some(n => n.payload.title.startsWith('checkout-api blocked')),
      );
      await settle();
      const blocked = (await notificationsOf(replica, PAT)).filter(
        n => n.payload.topic === 'Release gate',
      );
      expect(blocked).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            title:
              'checkout-api blocked: Availability error budget exhausted (\u221299900 %) (and 2 more)',
            severity: 'high',
            link: '/catalog/default/component/checkout-api/slo',
            scope: 'release-gate:component:default/checkout-api',
          }),
        }),
      ]);
      expect(blocked[0].payload.description).toContain(
        'Version 1.4.0 to production was stopped by the release gate (policy "default"), asked by external:test-service.',
      );
      // The SRE owner hears of the SLO, not of the blocked release.
      expect(
        (await notificationsOf(replica, SAM)).map(n => n.payload.topic),
      ).toEqual(['SLO status']);
      expect(processed.filter(p => p.title.includes('blocked'))).toEqual([
        { user: PAT, title: blocked[0].payload.title },
      ]);
    });

    it('sends nothing when slo.notifications.enabled is false', async () => {
      const knex = await database();
      const replica = await startReplica(knex, {
        config: { slo: { notifications: { enabled: false } } },
      });
      await registerSlo(replica);
      await ingest(replica, 'bad');
      await replica.evaluate();
      expect(await statusOf(replica)).toBe('critical');
      await settle();
      expect(await notificationsOf(replica, PAT)).toEqual([]);
      expect(processed).toEqual([]);
    });

    it('works without the notifications backend installed', async () => {
      const knex = await database();
      const replica = await startReplica(knex, { notifications: false });
      await registerSlo(replica);
      await ingest(replica, 'bad');
      await replica.evaluate();
      expect(await statusOf(replica)).toBe('critical');
      const gate = await request(replica.server)
        .post('/api/slo/v1/gate/evaluations')
        .set('Authorization', CI)
        .send({ entityRef: 'component:default/checkout-api' });
      expect(gate.body.enforced).toBe('block');
      expect(await knex('slo_notification_states').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      const [{ n }] = await knex('slo_notification_states').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });
  },
);
