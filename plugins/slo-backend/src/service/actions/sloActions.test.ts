import {
  BackstageCredentials,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  actionsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloEvaluation } from '@slo-kit/plugin-slo-common';
import { sloDefinition } from '@slo-kit/plugin-slo-common/testUtils';
import request from 'supertest';
import { SloStores, createSloStores } from '../../database/SloStores';
import { sloPlugin } from '../../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Pat is in Payments; Sam is an SRE. */
const PAT = mockCredentials.user('user:default/pat');
const SAM = mockCredentials.user('user:default/sam');
const TEAMS: Record<string, string[]> = {
  'user:default/pat': ['user:default/pat', 'group:default/payments'],
  'user:default/sam': ['user:default/sam', 'group:default/sre'],
};
/** An external access token, e.g. an assistant's. */
const TOKEN = mockCredentials.service('external:assistant');

function component(
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'slo-kit.dev/sre-owner': 'group:default/sre',
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

const ENTITIES = [
  component('checkout', 'group:default/payments', {
    'slo-kit.dev/platform-owner': 'group:default/platform',
  }),
  component('ledger', 'group:default/payments'),
  component('wallet', 'group:default/payments'),
  component('search', 'group:default/search'),
  // In the catalog, but hidden from users (as a catalog permission policy may).
  component('vault', 'group:default/payments'),
];
const HIDDEN_FROM_USERS = 'component:default/vault';

/** The catalog: every entity, except that users never see the vault. */
function catalogFactory() {
  const all = catalogServiceMock({ entities: ENTITIES });
  const seenBy = (credentials: BackstageCredentials<any>, ref: string) =>
    !(credentials.principal.type === 'user' && ref === HIDDEN_FROM_USERS);
  return catalogServiceMock.mock({
    getEntityByRef: async (ref: any, options: any) => {
      const entity = await all.getEntityByRef(ref);
      return entity && seenBy(options.credentials, stringifyEntityRef(entity))
        ? entity
        : undefined;
    },
    getEntitiesByRefs: async (req: any, options: any) => ({
      items: (await all.getEntitiesByRefs(req)).items.map((entity, i) =>
        entity && seenBy(options.credentials, req.entityRefs[i])
          ? entity
          : undefined,
      ),
    }),
  }).factory;
}

/** Users' teams, as the auth backend's ownership claims would give them. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials<any>) {
      if (credentials.principal.type !== 'user') {
        throw new Error('not a user');
      }
      const { userEntityRef } = credentials.principal;
      return { userEntityRef, ownershipEntityRefs: TEAMS[userEntityRef] };
    },
  }),
});

/** Stands in for the MCP backend: another plugin holding the actions service. */
function actionsClientPlugin(hold: (actions: ActionsService) => void) {
  return createBackendPlugin({
    pluginId: 'assistant-test',
    register(env) {
      env.registerInit({
        deps: { actions: actionsServiceRef },
        async init({ actions }) {
          hold(actions);
        },
      });
    },
  });
}

async function startBackend() {
  const knex = await databases.init('SQLITE_3');
  let actions: ActionsService | undefined;
  const { server } = await startTestBackend({
    features: [
      sloPlugin,
      actionsClientPlugin(held => {
        actions = held;
      }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: { backend: { actions: { pluginSources: ['slo'] } } },
      }),
      catalogFactory(),
      userInfoFactory,
    ],
  });
  const stores = await createSloStores({
    database: mockServices.database({ knex, migrations: { skip: true } }),
  });
  return { server, stores, actions: actions! };
}

/**
 * Defines one SLO of the entity as the catalog sync would (with its owners)
 * and stores a fresh status with `remaining` budget.
 */
async function withStatus(
  stores: SloStores,
  entity: Entity,
  remaining: number,
  options: { page?: boolean } = {},
) {
  const entityRef = stringifyEntityRef(entity);
  const now = Date.now();
  const {
    definitions: [definition],
  } = await stores.definitions.upsertDefinitions(
    entityRef,
    [sloDefinition('availability', { displayName: 'Availability' })],
    {
      origin: 'catalog',
      owners: {
        serviceOwner: entity.spec!.owner as string,
        sreOwner: 'group:default/sre',
      },
      replaceAll: true,
      now,
    },
  );
  let status: SloEvaluation['status'] = 'healthy';
  if (remaining < 0.25) status = 'warning';
  if (remaining <= 0 || options.page) status = 'critical';
  const evaluation: SloEvaluation = {
    at: new Date(now).toISOString(),
    window: {
      start: new Date(now - 28 * 86_400_000).toISOString(),
      end: new Date(now).toISOString(),
    },
    periodMinutes: 40_320,
    objective: { target: 0.999 },
    sli: 1 - 0.001 * (1 - remaining),
    errorBudget: {
      total: 100,
      consumed: 1 - remaining,
      remaining,
      unit: 'events',
    },
    burnRates: {
      '5m': 2,
      '30m': 2,
      '1h': 2,
      '2h': 2,
      '6h': 2,
      '1d': 2,
      '3d': 2,
    },
    alerts: [
      {
        severity: 'page',
        budgetShare: 0.02,
        longWindow: '1h',
        shortWindow: '5m',
        factor: 14.4,
        longBurnRate: options.page ? 20 : 2,
        shortBurnRate: options.page ? 20 : 2,
        firing: options.page ?? false,
      },
    ],
    exhaustion: { at: remaining > 0 ? '2030-01-01T00:00:00.000Z' : null },
    dataCoverage: 1,
    status,
  };
  await stores.statuses.writeStatuses([
    {
      sloKey: definition.sloKey,
      status,
      sli: evaluation.sli,
      budgetRemaining: remaining,
      evaluation,
      evaluatedAt: now,
      dataThrough: now - 60_000,
    },
  ]);
  return definition.id;
}

/** The error an invocation failed with, as the actions service reports it. */
async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the invocation succeeded');
}

describe("SLO Kit's actions for assistants", () => {
  let server: any;
  let stores: SloStores;
  let actions: ActionsService;

  beforeAll(async () => {
    ({ server, stores, actions } = await startBackend());
    const [checkout, ledger, wallet, search, vault] = ENTITIES;
    await withStatus(stores, checkout, -1.79); // exhausted: block
    await withStatus(stores, ledger, 0.1); // under 25 %: warn
    await withStatus(stores, wallet, 0.9); // allow
    await withStatus(stores, search, 0.5, { page: true }); // page alert: block
    await withStatus(stores, vault, -0.5); // block, hidden from users
  });

  it('are listed by the actions registry, read-only and idempotent', async () => {
    const { actions: listed } = await actions.list({ credentials: PAT });
    const ours = listed.filter(a => a.pluginId === 'slo');
    expect(ours.map(a => a.id).sort()).toEqual([
      'slo:check-release',
      'slo:get-slo-status',
      'slo:list-budgets-at-risk',
    ]);
    for (const action of ours) {
      expect(action.attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
      expect(action.title).not.toBe('');
      expect(action.description.length).toBeGreaterThan(100);
      expect(action.schema.input).toMatchObject({ type: 'object' });
      expect(action.schema.output).toMatchObject({ type: 'object' });
    }
    const checkRelease = ours.find(a => a.name === 'check-release')!;
    expect(checkRelease.schema.input).toMatchObject({
      properties: {
        entityRef: { type: 'string', description: expect.any(String) },
        changeType: { type: 'string' },
      },
      required: ['entityRef'],
    });
  });

  describe('get-slo-status', () => {
    it("answers an entity's ownership, SLOs, budgets and alerts", async () => {
      const { output } = await actions.invoke({
        id: 'slo:get-slo-status',
        input: { entityRef: 'component:default/checkout' },
        credentials: PAT,
      });
      expect(output).toEqual({
        entityRef: 'component:default/checkout',
        ownership: {
          serviceOwner: 'group:default/payments',
          sreOwner: 'group:default/sre',
          platformOwner: 'group:default/platform',
          platformOwnerSource: 'annotation',
          findings: [],
        },
        slos: [
          {
            id: 'component:default/checkout#availability',
            name: 'availability',
            displayName: 'Availability',
            description: null,
            target: 0.999,
            timeWindow: { duration: '28d', kind: 'rolling' },
            budgetingMethod: 'Occurrences',
            status: 'critical',
            sli: expect.any(Number),
            errorBudget: {
              remaining: -1.79,
              consumed: expect.closeTo(2.79),
              total: 100,
              unit: 'events',
            },
            burnRates: expect.objectContaining({ '1h': 2, '1d': 2 }),
            alerts: [
              {
                severity: 'page',
                longWindow: '1h',
                shortWindow: '5m',
                factor: 14.4,
                longBurnRate: 2,
                shortBurnRate: 2,
                firing: false,
              },
            ],
            exhaustionAt: null,
            evaluatedAt: expect.any(String),
            dataThrough: expect.any(String),
            error: null,
            sourceUnreachableSince: null,
          },
        ],
        syncErrors: [],
      });
    });

    it('takes a short ref: kind component and namespace default', async () => {
      const { output } = await actions.invoke({
        id: 'slo:get-slo-status',
        input: { entityRef: 'Ledger' },
        credentials: TOKEN,
      });
      expect(output).toMatchObject({ entityRef: 'component:default/ledger' });
    });

    it('answers SLOs registered before the catalog knows the entity, never evaluated, without figures', async () => {
      const { definitions } = await stores.definitions.upsertDefinitions(
        'component:default/brand-new',
        [sloDefinition('latency')],
        { origin: 'registration', replaceAll: true, now: Date.now() },
      );
      // Its source has failed since its first pull.
      const failedAt = Date.UTC(2026, 0, 10, 12, 0);
      await stores.sourceStates.recordFailure(
        {
          sloKey: definitions[0].sloKey,
          sourceType: 'prometheus',
          error: 'Prometheus main unreachable: ECONNREFUSED',
        },
        failedAt,
      );
      const { output } = (await actions.invoke({
        id: 'slo:get-slo-status',
        input: { entityRef: 'component:default/brand-new' },
        credentials: PAT,
      })) as any;
      expect(output.ownership).toEqual({
        serviceOwner: null,
        sreOwner: null,
        platformOwner: null,
        platformOwnerSource: null,
        findings: [],
      });
      expect(output.slos).toEqual([
        expect.objectContaining({
          id: 'component:default/brand-new#latency',
          status: 'no-data',
          sli: null,
          errorBudget: null,
          burnRates: {},
          alerts: [],
          exhaustionAt: null,
          evaluatedAt: null,
          dataThrough: null,
          sourceUnreachableSince: new Date(failedAt).toISOString(),
        }),
      ]);
    });

    it('does not find entities hidden from the caller, nor unknown ones', async () => {
      const hidden = await failure(
        actions.invoke({
          id: 'slo:get-slo-status',
          input: { entityRef: HIDDEN_FROM_USERS },
          credentials: PAT,
        }),
      );
      expect(hidden.response.status).toBe(404);
      expect(hidden.cause).toMatchObject({
        name: 'NotFoundError',
        message: `No entity ${HIDDEN_FROM_USERS} with SLOs found`,
      });
      const unknown = await failure(
        actions.invoke({
          id: 'slo:get-slo-status',
          input: { entityRef: 'component:default/nobody' },
          credentials: PAT,
        }),
      );
      expect(unknown.cause).toMatchObject({
        name: 'NotFoundError',
        message: 'No entity component:default/nobody with SLOs found',
      });
      // A service reads the catalog with SLO Kit's credentials (docs/security.md).
      const { output } = await actions.invoke({
        id: 'slo:get-slo-status',
        input: { entityRef: HIDDEN_FROM_USERS },
        credentials: TOKEN,
      });
      expect(output).toMatchObject({ entityRef: HIDDEN_FROM_USERS });
    });

    it('refuses an entity ref it cannot read, naming the field', async () => {
      const error = await failure(
        actions.invoke({
          id: 'slo:get-slo-status',
          input: { entityRef: 'component:default/' },
          credentials: PAT,
        }),
      );
      expect(error.response.status).toBe(400);
      expect(error.cause).toMatchObject({
        name: 'InputError',
        message:
          'entityRef: "component:default/" is not a valid entity ref (expected kind:namespace/name)',
      });
    });
  });

  describe('check-release', () => {
    it("answers the gate's decision with its reasons, and records nothing", async () => {
      const { output } = (await actions.invoke({
        id: 'slo:check-release',
        input: { entityRef: 'component:default/checkout' },
        credentials: PAT,
      })) as any;
      expect(output).toMatchObject({
        entityRef: 'component:default/checkout',
        decision: 'block',
        enforced: 'block',
        policy: { name: 'default', mode: 'enforce' },
        decidedBy: 'group:default/sre',
        exemption: null,
      });
      expect(output.reasons).toContainEqual({
        rule: 'budgetExhausted',
        outcome: 'block',
        sloId: 'component:default/checkout#availability',
        message: expect.stringContaining('\u2212179 %'),
        numbers: expect.objectContaining({ remaining: -1.79 }),
      });
      expect(
        await stores.gateEvaluations.listEvaluations(
          'component:default/checkout',
          { limit: 10 },
        ),
      ).toEqual([]);
    });

    it('answers the same decision as the REST API', async () => {
      const rest = await request(server)
        .get('/api/slo/v1/gate/component/default/ledger')
        .set('Authorization', mockCredentials.user.header('user:default/pat'));
      const { output } = (await actions.invoke({
        id: 'slo:check-release',
        input: { entityRef: 'component:default/ledger' },
        credentials: PAT,
      })) as any;
      expect(rest.status).toBe(200);
      expect({ ...output, evaluatedAt: null }).toEqual({
        ...rest.body,
        evaluatedAt: null,
      });
      expect(output.decision).toBe('warn');
    });

    it('applies an exempt change type', async () => {
      const { output } = await actions.invoke({
        id: 'slo:check-release',
        input: {
          entityRef: 'component:default/checkout',
          changeType: 'rollback',
        },
        credentials: PAT,
      });
      expect(output).toMatchObject({
        decision: 'allow',
        enforced: 'allow',
        exemption: 'rollback',
      });
    });

    it('does not find entities hidden from the caller', async () => {
      const error = await failure(
        actions.invoke({
          id: 'slo:check-release',
          input: { entityRef: HIDDEN_FROM_USERS },
          credentials: PAT,
        }),
      );
      expect(error.response.status).toBe(404);
      expect(error.cause.name).toBe('NotFoundError');
    });

    it('refuses input outside its schema, naming the field', async () => {
      const missing = await request(server)
        .post('/api/slo/.backstage/actions/v1/actions/slo:check-release/invoke')
        .set('Authorization', mockCredentials.user.header('user:default/pat'))
        .send({ changeType: 'feature' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.name).toBe('InputError');
      expect(JSON.stringify(missing.body.error.cause)).toContain('entityRef');
      const wrongType = await failure(
        actions.invoke({
          id: 'slo:check-release',
          input: { entityRef: 42 as any },
          credentials: PAT,
        }),
      );
      expect(wrongType.response.status).toBe(400);
      expect(wrongType.cause.name).toBe('InputError');
    });
  });

  describe('list-budgets-at-risk', () => {
    it("lists the user's teams' services whose gate warns or blocks, blocked first", async () => {
      const { output } = (await actions.invoke({
        id: 'slo:list-budgets-at-risk',
        input: {},
        credentials: PAT,
      })) as any;
      expect(output.owners).toEqual([
        'user:default/pat',
        'group:default/payments',
      ]);
      // checkout, ledger and wallet; the vault is hidden from Pat.
      expect(output.checkedCount).toBe(3);
      expect(output.atRiskCount).toBe(2);
      expect(output.truncated).toBe(false);
      expect(
        output.services.map((s: any) => [s.entityRef, s.decision]),
      ).toEqual([
        ['component:default/checkout', 'block'],
        ['component:default/ledger', 'warn'],
      ]);
      expect(output.services[1].reasons[0]).toMatchObject({
        rule: 'budgetBelow',
        numbers: { remaining: 0.1 },
      });
    });

    it('counts services an SRE owns as the SRE owner', async () => {
      const { output } = (await actions.invoke({
        id: 'slo:list-budgets-at-risk',
        input: { limit: 1 },
        credentials: SAM,
      })) as any;
      // checkout and search block, ledger warns; the vault stays hidden.
      expect(output.atRiskCount).toBe(3);
      expect(output.services.map((s: any) => s.entityRef)).toEqual([
        'component:default/checkout',
      ]);
      expect(output.truncated).toBe(true);
    });

    it('takes the teams a service names, and requires them', async () => {
      const { output } = (await actions.invoke({
        id: 'slo:list-budgets-at-risk',
        input: { owners: ['search'] },
        credentials: TOKEN,
      })) as any;
      expect(output.owners).toEqual(['group:default/search']);
      expect(output.services.map((s: any) => s.entityRef)).toEqual([
        'component:default/search',
      ]);
      expect(output.services[0].reasons[0].rule).toBe('pageAlertFiring');

      const unnamed = await failure(
        actions.invoke({
          id: 'slo:list-budgets-at-risk',
          input: {},
          credentials: TOKEN,
        }),
      );
      expect(unnamed.response.status).toBe(400);
      expect(unnamed.cause).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^owners: required when the caller is a service/,
        ),
      });
    });

    it('refuses an owner it cannot read, naming the field', async () => {
      const error = await failure(
        actions.invoke({
          id: 'slo:list-budgets-at-risk',
          input: { owners: ['group:default/payments', 'group:/'] },
          credentials: PAT,
        }),
      );
      expect(error.cause).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^owners\[1\]: "group:\/" is not a valid entity ref/,
        ),
      });
    });
  });
});
