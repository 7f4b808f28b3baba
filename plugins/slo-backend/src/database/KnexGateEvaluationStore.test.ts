import { GateDecision } from '@slo-kit/plugin-slo-common';
import { GateEvaluationRow } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { createTestStores } from '../__testUtils__/stores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const T0 = Date.UTC(2026, 10, 23, 12, 0);
const ENTITY = 'component:default/checkout';

function decision(outcome: GateDecision['decision']): GateDecision {
  return {
    entityRef: ENTITY,
    decision: outcome,
    enforced: outcome,
    policy: { name: 'default', mode: 'enforce', exemptChangeTypes: [] },
    decidedBy: 'group:default/payments-sre',
    exemption: null,
    reasons:
      outcome === 'allow'
        ? []
        : [
            {
              rule: 'budgetExhausted',
              outcome,
              sloId: `${ENTITY}#availability`,
              message: 'Availability error budget exhausted (\u2212179 %).',
              numbers: { remaining: -1.79 },
            },
          ],
    evaluatedAt: new Date(T0).toISOString(),
  };
}

function evaluation(
  version: string,
  recordedAt: number,
  entityRef = ENTITY,
): GateEvaluationRow {
  return {
    entityRef,
    requestedBy: 'external:ci-pipeline',
    environment: 'production',
    version,
    changeType: 'feature',
    decision: decision('block'),
    recordedAt,
  };
}

describe.each(databases.eachSupportedId())(
  'KnexGateEvaluationStore on %s',
  databaseId => {
    it('records an evaluation with every field and lists it with its id', async () => {
      const { gateEvaluations: store } = await createTestStores(
        databases,
        databaseId,
      );
      const row = evaluation('1.2.3', T0);
      const id = await store.addEvaluation(row);
      expect(id).toMatch(/^\d+$/);
      expect(await store.listEvaluations(ENTITY, { limit: 10 })).toEqual([
        { id, ...row },
      ]);
    });

    it('keeps null environment, version and change type', async () => {
      const { gateEvaluations: store } = await createTestStores(
        databases,
        databaseId,
      );
      const row: GateEvaluationRow = {
        ...evaluation('x', T0),
        environment: null,
        version: null,
        changeType: null,
        requestedBy: 'user:default/alice',
        decision: decision('allow'),
      };
      await store.addEvaluation(row);
      const [listed] = await store.listEvaluations(ENTITY, { limit: 1 });
      expect(listed).toMatchObject({
        environment: null,
        version: null,
        changeType: null,
        requestedBy: 'user:default/alice',
        decision: decision('allow'),
      });
    });

    it('lists the newest first, only of the entity, up to the limit', async () => {
      const { gateEvaluations: store } = await createTestStores(
        databases,
        databaseId,
      );
      await store.addEvaluation(evaluation('old', T0));
      await store.addEvaluation(evaluation('new a', T0 + 1000));
      await store.addEvaluation(evaluation('new b', T0 + 1000));
      await store.addEvaluation(
        evaluation('other', T0 + 2000, 'component:default/other'),
      );
      const listed = await store.listEvaluations(ENTITY, { limit: 2 });
      expect(listed.map(e => e.version)).toEqual(['new b', 'new a']);
      expect(
        (await store.listEvaluations(ENTITY, { limit: 10 })).map(
          e => e.version,
        ),
      ).toEqual(['new b', 'new a', 'old']);
    });

    it('deletes evaluations recorded before a cut', async () => {
      const { gateEvaluations: store } = await createTestStores(
        databases,
        databaseId,
      );
      await store.addEvaluation(evaluation('old', T0));
      await store.addEvaluation(evaluation('at the cut', T0 + 1000));
      expect(await store.deleteEvaluationsBefore(T0 + 1000)).toBe(1);
      expect(
        (await store.listEvaluations(ENTITY, { limit: 10 })).map(
          e => e.version,
        ),
      ).toEqual(['at the cut']);
    });
  },
);
