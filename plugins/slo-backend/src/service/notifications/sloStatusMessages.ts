import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  DAY_MS,
  MINUTE_MS,
  SloEvaluation,
  formatPercent,
  reliabilityTabLink,
} from '@slo-kit/plugin-slo-common';
import type {
  SloStatusRow,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import { sloDisplayName } from '../sloDisplayName';

/** Topic of the notifications about SLO status, as people see it in their notification settings. */
export const SLO_STATUS_TOPIC = 'SLO status';

/**
 * Scope of an SLO's status notifications: turning critical and recovering
 * share it, so each SLO has one notification, updated on every change.
 */
export function sloStatusScope(sloId: string): string {
  return `slo-status:${sloId}`;
}

/** `0.99832` → `99.832 %`: SLIs and targets need more than percent tenths. */
function ratioPercent(ratio: number): string {
  const percent = (Math.round(ratio * 100_000) / 1000).toString();
  return `${percent} %`;
}

/** `14.44` → `14.4×`. */
function rate(value: number | null): string {
  return value === null ? 'unknown' : `${Math.round(value * 10) / 10}×`;
}

function windowPhrase(evaluation: SloEvaluation): string {
  const periodMs = evaluation.periodMinutes * MINUTE_MS;
  return periodMs > 0 && periodMs % DAY_MS === 0
    ? `over its ${periodMs / DAY_MS}-day window`
    : 'over its window';
}

/** `SLI 99.832 % over its 28-day window, target 99.9 %.` */
function sliSentence(evaluation: SloEvaluation): string {
  const target = `target ${ratioPercent(evaluation.objective.target)}`;
  return evaluation.sli === null
    ? `No SLI yet, ${target}.`
    : `SLI ${ratioPercent(evaluation.sli)} ${windowPhrase(
        evaluation,
      )}, ${target}.`;
}

function budgetLeft(evaluation: SloEvaluation): string {
  const remaining = evaluation.errorBudget.remaining;
  return remaining === null ? 'unknown' : formatPercent(remaining);
}

function subjectOf(definition: StoredSloDefinition): {
  entityName: string;
  slo: string;
} {
  return {
    entityName: parseEntityRef(definition.entityRef).name,
    slo: sloDisplayName(definition),
  };
}

/**
 * "checkout-api: Availability is critical", with why (budget exhausted,
 * page alerts firing and their burn rates) and the SLI in the description.
 */
export function sloCriticalPayload(
  definition: StoredSloDefinition,
  status: SloStatusRow,
): NotificationPayload {
  const { entityName, slo } = subjectOf(definition);
  const evaluation = status.evaluation;
  const remaining = evaluation.errorBudget.remaining;
  const sentences: string[] = [];
  if (remaining !== null && remaining <= 0) {
    sentences.push(`Error budget exhausted: ${formatPercent(remaining)} left.`);
  }
  for (const alert of evaluation.alerts) {
    if (!alert.firing || alert.severity !== 'page') continue;
    sentences.push(
      `Page alert firing: burning ${rate(alert.longBurnRate)} over ${
        alert.longWindow
      } and ${rate(alert.shortBurnRate)} over ${
        alert.shortWindow
      } (threshold ${rate(alert.factor)}).`,
    );
  }
  if (remaining !== null && remaining > 0) {
    sentences.push(`${formatPercent(remaining)} of the error budget left.`);
  }
  sentences.push(sliSentence(evaluation));
  return {
    title: `${entityName}: ${slo} is critical`,
    description: sentences.join(' '),
    link: reliabilityTabLink(definition.entityRef),
    severity: 'critical',
    topic: SLO_STATUS_TOPIC,
    scope: sloStatusScope(definition.id),
  };
}

/** "checkout-api: Availability recovered", with the status, budget and SLI it recovered to. */
export function sloRecoveredPayload(
  definition: StoredSloDefinition,
  status: SloStatusRow,
): NotificationPayload {
  const { entityName, slo } = subjectOf(definition);
  const evaluation = status.evaluation;
  return {
    title: `${entityName}: ${slo} recovered`,
    description: `No longer critical, now ${status.status}: ${budgetLeft(
      evaluation,
    )} of the error budget left and no page alert firing. ${sliSentence(
      evaluation,
    )}`,
    link: reliabilityTabLink(definition.entityRef),
    severity: 'normal',
    topic: SLO_STATUS_TOPIC,
    scope: sloStatusScope(definition.id),
  };
}
