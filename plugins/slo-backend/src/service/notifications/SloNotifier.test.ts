import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { GateEvaluation } from '@slo-kit/plugin-slo-common';
import { SloNotifier } from './SloNotifier';
import {
  AT,
  FIGURES,
  evaluated,
  pageAlert,
  storedSlo,
} from './__testUtils__/evaluatedSlos';

/** The notification service's transport: records what would be posted to the notifications backend. */
function recordingService() {
  const sent: NotificationSendOptions[] = [];
  return {
    sent,
    notifications: {
      send: async (options: NotificationSendOptions) => {
        sent.push(options);
      },
    },
  };
}

const OWNERS = {
  serviceOwner: 'group:default/payments',
  sreOwner: 'group:default/sre',
};

function gateEvaluation(
  overrides: Partial<GateEvaluation> = {},
): GateEvaluation {
  return {
    id: '42',
    entityRef: 'component:default/checkout-api',
    decision: 'block',
    enforced: 'block',
    policy: { name: 'default', mode: 'enforce', exemptChangeTypes: [] },
    decidedBy: 'group:default/sre',
    exemption: null,
    reasons: [
      {
        rule: 'budgetExhausted',
        outcome: 'block',
        sloId: 'component:default/checkout-api#availability',
        message: 'Availability error budget exhausted (\u221267.7 %).',
        numbers: { remaining: -0.677 },
      },
      {
        rule: 'noData',
        outcome: 'warn',
        sloId: 'component:default/checkout-api#latency',
        message: 'Latency has no data in its window.',
        numbers: {},
      },
    ],
    evaluatedAt: new Date(AT).toISOString(),
    requestedBy: 'external:ci-payments',
    environment: 'production',
    version: '1.4.0',
    changeType: 'feature',
    recordedAt: new Date(AT).toISOString(),
    ...overrides,
  };
}

describe('SloNotifier', () => {
  it('tells the SRE owner and the service owner that an SLO with an exhausted budget is critical', async () => {
    const { sent, notifications } = recordingService();
    const notifier = new SloNotifier({ notifications });
    const slo = evaluated(storedSlo(1), FIGURES.exhausted);

    expect(await notifier.sloTurnedCritical({ ...slo, owners: OWNERS })).toBe(
      'sent',
    );
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/sre', 'group:default/payments'],
        },
        payload: {
          title: 'checkout-api: Availability is critical',
          description:
            'Error budget exhausted: \u221267.7 % left. SLI 99.832 % over its 28-day window, target 99.9 %.',
          link: '/catalog/default/component/checkout-api/slo',
          severity: 'critical',
          topic: 'SLO status',
          scope: 'slo-status:component:default/checkout-api#slo-1',
        },
      },
    ]);
  });

  it('names the firing page alerts and their burn rates, and the budget left', async () => {
    const { sent, notifications } = recordingService();
    const notifier = new SloNotifier({ notifications });
    const slo = evaluated(storedSlo(1), {
      ...FIGURES.paging,
      alerts: [pageAlert(20.06, 25), pageAlert(3, 1)],
    });
    await notifier.sloTurnedCritical({ ...slo, owners: OWNERS });
    expect(sent[0].payload.description).toBe(
      'Page alert firing: burning 20.1\u00d7 over 1h and 25\u00d7 over 5m (threshold 14.4\u00d7). 41 % of the error budget left. SLI 99.94 % over its 28-day window, target 99.9 %.',
    );
  });

  it('tells both owners that the SLO recovered, with normal severity and the same scope', async () => {
    const { sent, notifications } = recordingService();
    const notifier = new SloNotifier({ notifications });
    const slo = evaluated(storedSlo(1), FIGURES.warning);
    await notifier.sloRecovered({ ...slo, owners: OWNERS });
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/sre', 'group:default/payments'],
        },
        payload: {
          title: 'checkout-api: Availability recovered',
          description:
            'No longer critical, now warning: 12.3 % of the error budget left and no page alert firing. SLI 99.912 % over its 28-day window, target 99.9 %.',
          link: '/catalog/default/component/checkout-api/slo',
          severity: 'normal',
          topic: 'SLO status',
          scope: 'slo-status:component:default/checkout-api#slo-1',
        },
      },
    ]);
  });

  it('tells a group that owns both once, and nobody when the entity names no owner', async () => {
    const { sent, notifications } = recordingService();
    const notifier = new SloNotifier({ notifications });
    const slo = evaluated(storedSlo(1), FIGURES.exhausted);
    await notifier.sloTurnedCritical({
      ...slo,
      owners: {
        serviceOwner: 'group:default/payments',
        sreOwner: 'group:default/payments',
      },
    });
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/payments'],
    });

    expect(
      await notifier.sloTurnedCritical({
        ...slo,
        owners: { serviceOwner: null, sreOwner: null },
      }),
    ).toBe('no-recipients');
    expect(sent).toHaveLength(1);
  });

  it('tells the service owner that the release gate blocked a release, naming every blocking reason', async () => {
    const { sent, notifications } = recordingService();
    const notifier = new SloNotifier({ notifications });
    await notifier.releaseBlocked({
      evaluation: gateEvaluation(),
      owners: OWNERS,
    });
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: ['group:default/payments'] },
        payload: {
          title:
            'checkout-api blocked: Availability error budget exhausted (\u221267.7 %)',
          description:
            'Version 1.4.0 to production was stopped by the release gate (policy "default"), asked by external:ci-payments. Availability error budget exhausted (\u221267.7 %). group:default/sre decides when reliability is no longer acceptable.',
          link: '/catalog/default/component/checkout-api/slo',
          severity: 'high',
          topic: 'Release gate',
          scope: 'release-gate:component:default/checkout-api',
        },
      },
    ]);
  });

  it('says an advisory policy would block, with normal severity, and counts further reasons', async () => {
    const { sent, notifications } = recordingService();
    const notifier = new SloNotifier({ notifications });
    const evaluation = gateEvaluation({
      enforced: 'allow',
      policy: { name: 'advisory', mode: 'advisory', exemptChangeTypes: [] },
      version: null,
      environment: null,
      decidedBy: null,
    });
    evaluation.reasons.push({
      rule: 'pageAlertFiring',
      outcome: 'block',
      sloId: 'component:default/checkout-api#availability',
      message: 'Availability page alert firing: burning 20\u00d7 over 1h.',
      numbers: {},
    });
    await notifier.releaseBlocked({ evaluation, owners: OWNERS });
    expect(sent[0].payload).toMatchObject({
      title:
        'checkout-api would be blocked: Availability error budget exhausted (\u221267.7 %) (and 1 more)',
      description:
        'A release would have been stopped by the release gate (policy "advisory" is advisory, so CI was told to go ahead), asked by external:ci-payments. Availability error budget exhausted (\u221267.7 %). Availability page alert firing: burning 20\u00d7 over 1h.',
      severity: 'normal',
    });
  });

  it('lets a failed send throw, so the caller can retry', async () => {
    const notifier = new SloNotifier({
      notifications: {
        send: async () => {
          throw new Error('Failed to send notifications: 503');
        },
      },
    });
    const slo = evaluated(storedSlo(1), FIGURES.exhausted);
    await expect(
      notifier.sloTurnedCritical({ ...slo, owners: OWNERS }),
    ).rejects.toThrow('Failed to send notifications: 503');
  });

  it('tells both owners when an SRE overrides the gate, and updates the one notification when it ends', async () => {
    const { sent, notifications } = recordingService();
    const notifier = new SloNotifier({ notifications: notifications as any });
    const override = {
      id: '7',
      entityRef: 'component:default/checkout-api',
      environment: 'production',
      version: null,
      reason: 'hotfix for INC-42',
      grantedBy: 'user:default/sam.sre',
      grantedAt: Date.UTC(2026, 11, 7, 10),
      expiresAt: Date.UTC(2026, 11, 8, 18),
      revokedBy: null,
      revokedAt: null,
      revokeReason: null,
      expiryRecordedAt: null,
    };
    await notifier.gateOverrideChanged({
      change: 'granted',
      override,
      owners: OWNERS,
    });
    await notifier.gateOverrideChanged({
      change: 'revoked',
      override: {
        ...override,
        revokedBy: 'user:default/sam.sre',
        revokedAt: Date.UTC(2026, 11, 7, 12),
        revokeReason: 'the hotfix is out',
      },
      owners: OWNERS,
    });
    expect(sent.map(s => s.recipients)).toEqual([
      {
        type: 'entity',
        entityRef: ['group:default/sre', 'group:default/payments'],
      },
      {
        type: 'entity',
        entityRef: ['group:default/sre', 'group:default/payments'],
      },
    ]);
    expect(sent[0].payload).toMatchObject({
      title:
        'checkout-api: release gate overridden by sam.sre until 2026-12-08 18:00 UTC',
      description:
        'sam.sre lets releases to production through the release gate until 2026-12-08 18:00 UTC: hotfix for INC-42',
      link: '/catalog/default/component/checkout-api/slo',
      severity: 'high',
      scope: 'gate-override:7',
    });
    expect(sent[1].payload).toMatchObject({
      title: 'checkout-api: release gate override revoked',
      severity: 'normal',
      scope: 'gate-override:7',
    });
    expect(sent[1].payload.description).toContain('the hotfix is out');
  });
});
