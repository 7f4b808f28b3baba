import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, isError } from '@backstage/errors';
import {
  GateDecision,
  canonicalEntityRef,
  outcomeRank,
} from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { ReleaseGate } from '../gate/ReleaseGate';
import { EntityVisibility } from '../routes/entityVisibility';
import { ownerFilterRef } from '../routes/ownerFilter';
import { gateDecisionSchema } from './actionSchemas';

/** Services answered when the caller names no limit, and the most it may ask for. */
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 200;
/** Gate decisions asked for at once. */
const CONCURRENCY = 8;

/**
 * The teams whose services to check: the ones named, else the caller's own
 * (a user's ownership refs: the user and the groups they belong to). A
 * service principal or access token belongs to no team, so it must name them.
 */
async function teamsToCheck(
  owners: string[] | undefined,
  credentials: BackstageCredentials,
  deps: { auth: AuthService; userInfo: UserInfoService },
): Promise<string[]> {
  if (owners) {
    return owners.map((owner, i) =>
      ownerFilterRef(owner.trim(), `owners[${i}]`),
    );
  }
  if (!deps.auth.isPrincipal(credentials, 'user')) {
    throw new InputError(
      'owners: required when the caller is a service or an access token, which belongs to no team; name the teams, e.g. ["group:default/payments"]',
    );
  }
  const { ownershipEntityRefs } = await deps.userInfo.getUserInfo(credentials);
  return [...new Set(ownershipEntityRefs.map(ref => canonicalEntityRef(ref)))];
}

/** The gate's decision for each entity, a few at a time; entities gone from the caller's sight meanwhile are left out. */
async function decideEach(
  entityRefs: string[],
  decide: (entityRef: string) => Promise<GateDecision>,
): Promise<GateDecision[]> {
  const decisions: GateDecision[] = [];
  for (let i = 0; i < entityRefs.length; i += CONCURRENCY) {
    const batch = await Promise.all(
      entityRefs.slice(i, i + CONCURRENCY).map(ref =>
        decide(ref).catch(error => {
          // Hidden from the caller or retired since it was listed.
          if (isError(error) && error.name === 'NotFoundError') return null;
          throw error;
        }),
      ),
    );
    decisions.push(...batch.filter((d): d is GateDecision => d !== null));
  }
  return decisions;
}

/**
 * `list-budgets-at-risk`: the services of the caller's teams (or of the teams
 * named) whose release gate warns or blocks now, worst first. A service is
 * one of a team's when the team is its service owner or its SRE owner, as in
 * the portfolio's owner filter; entities the caller may not see are left out.
 */
export function registerListBudgetsAtRiskAction(
  registry: ActionsRegistryService,
  deps: {
    auth: AuthService;
    userInfo: UserInfoService;
    visibility: EntityVisibility;
    gate: ReleaseGate;
    stores: Pick<SloStores, 'statuses'>;
  },
) {
  const { visibility, gate, stores } = deps;
  registry.register({
    name: 'list-budgets-at-risk',
    title:
      'List my teams\u2019 services whose error budget puts releases at risk',
    description:
      'Lists the services with SLOs whose release gate warns or blocks right now (budget exhausted or low, burn-rate alerts firing, no or stale data, no SRE owner), blocked first, ' +
      'each with the gate\u2019s reasons and numbers. A service counts for a team when the team is its service owner or its SRE owner. ' +
      'Without owners, a signed-in user gets their own teams; a service or access token must name owners. ' +
      'Use get-slo-status for the full budgets of one service.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owners: z
            .array(z.string().min(1))
            .min(1)
            .max(50)
            .optional()
            .describe(
              'Teams to check, as group refs (group:default/payments, or just payments). Default: the signed-in user\u2019s own teams. Required for services and access tokens.',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_LIMIT)
            .optional()
            .describe(
              `Most services to answer with (default ${DEFAULT_LIMIT}); atRiskCount counts them all.`,
            ),
        }),
      output: z =>
        z.object({
          owners: z.array(z.string()).describe('The teams checked.'),
          checkedCount: z
            .number()
            .describe('Services with SLOs of these teams the caller may see.'),
          atRiskCount: z
            .number()
            .describe('Of those, the services whose gate warns or blocks.'),
          services: z
            .array(gateDecisionSchema(z))
            .describe(
              'The services at risk, blocked first, then by entity ref.',
            ),
          truncated: z
            .boolean()
            .describe(
              'True when more services are at risk than were answered.',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const owners = await teamsToCheck(input.owners, credentials, deps);
      const entityRefs = await stores.statuses.listPortfolioEntityRefs({
        owners,
      });
      const { hidden } = await visibility.readEntities(
        entityRefs,
        credentials,
        { fields: ['kind'] },
      );
      const visible = entityRefs.filter(ref => !hidden.has(ref));
      const decisions = await decideEach(visible, ref =>
        gate.decide(ref, credentials),
      );
      const atRisk = decisions
        .filter(d => d.decision !== 'allow')
        .sort(
          (a, b) =>
            outcomeRank(b.decision) - outcomeRank(a.decision) ||
            a.entityRef.localeCompare(b.entityRef),
        );
      const limit = input.limit ?? DEFAULT_LIMIT;
      return {
        output: {
          owners,
          checkedCount: decisions.length,
          atRiskCount: atRisk.length,
          services: atRisk.slice(0, limit),
          truncated: atRisk.length > limit,
        },
      };
    },
  });
}
