import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_EXEMPT_CHANGE_TYPES,
  DEFAULT_RELEASE_POLICY,
  DEFAULT_RELEASE_POLICY_NAME,
  RELEASE_RULE_NAMES,
  ReleasePolicy,
  ReleaseRule,
  RuleOutcome,
} from '@slo-kit/plugin-slo-common';

const ROOT = 'slo.releasePolicies';

function invalid(key: string, reason: string): Error {
  return new Error(`Invalid config ${key}: ${reason}`);
}

function readOutcome(rule: Config, key: string): RuleOutcome {
  const then = rule.getOptionalString('then');
  if (then !== 'warn' && then !== 'block') {
    throw invalid(
      `${key}.then`,
      `must be warn or block, got ${JSON.stringify(then)}`,
    );
  }
  return then;
}

function readRule(rule: Config, key: string): ReleaseRule {
  const when = rule.getOptionalString('when');
  const then = readOutcome(rule, key);
  switch (when) {
    case 'budgetBelow': {
      const fraction = rule.getOptionalNumber('fraction');
      if (fraction === undefined || !(fraction > 0 && fraction <= 1)) {
        throw invalid(
          `${key}.fraction`,
          `must be a fraction of the budget in (0, 1], e.g. 0.25, got ${fraction}`,
        );
      }
      return { when, fraction, then };
    }
    case 'stale': {
      if (!rule.has('maxAge')) {
        throw invalid(
          `${key}.maxAge`,
          'is required, e.g. { minutes: 15 } or "15m"',
        );
      }
      let maxAgeMs: number;
      try {
        maxAgeMs = durationToMilliseconds(
          readDurationFromConfig(rule, { key: 'maxAge' }),
        );
      } catch (error) {
        throw invalid(
          `${key}.maxAge`,
          `is not a duration (${(error as Error).message})`,
        );
      }
      if (!(maxAgeMs > 0)) {
        throw invalid(`${key}.maxAge`, 'must be longer than zero');
      }
      return { when, maxAgeMs, then };
    }
    case 'budgetExhausted':
    case 'pageAlertFiring':
    case 'ticketAlertFiring':
    case 'noData':
    case 'noSreOwner':
      return { when, then };
    default:
      throw invalid(
        `${key}.when`,
        `must be one of ${RELEASE_RULE_NAMES.join(', ')}, got ${JSON.stringify(
          when,
        )}`,
      );
  }
}

function readPolicy(name: string, policy: Config): ReleasePolicy {
  const key = `${ROOT}.${name}`;
  const mode = policy.getOptionalString('mode') ?? 'enforce';
  if (mode !== 'enforce' && mode !== 'advisory') {
    throw invalid(
      `${key}.mode`,
      `must be enforce or advisory, got ${JSON.stringify(mode)}`,
    );
  }
  if (!policy.has('rules')) {
    throw invalid(
      `${key}.rules`,
      'is required: list the rules (when, then) of the policy',
    );
  }
  const rules = policy
    .getConfigArray('rules')
    .map((rule, index) => readRule(rule, `${key}.rules[${index}]`));
  const exemptChangeTypes = policy.getOptionalStringArray(
    'exemptChangeTypes',
  ) ?? [...DEFAULT_EXEMPT_CHANGE_TYPES];
  return { name, mode, rules, exemptChangeTypes };
}

/**
 * `slo.releasePolicies`: the named release policies, each checked at startup
 * (errors name the bad key). The built-in default policy is used under the
 * name `default` unless the config defines its own.
 */
export function readReleasePolicies(
  sloConfig: Config | undefined,
): Record<string, ReleasePolicy> {
  const policies: Record<string, ReleasePolicy> = {
    [DEFAULT_RELEASE_POLICY_NAME]: DEFAULT_RELEASE_POLICY,
  };
  const section = sloConfig?.getOptionalConfig('releasePolicies');
  for (const name of section?.keys() ?? []) {
    policies[name] = readPolicy(name, section!.getConfig(name));
  }
  return policies;
}
