import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { SloSummary } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { readEntitySloStatus } from '../read/entitySloStatus';
import { EntityVisibility } from '../routes/entityVisibility';
import { ActionZod, entityRefInput, entityRefOfInput } from './actionSchemas';

function sloStatusSchema(z: ActionZod) {
  return z.object({
    id: z.string().describe('<entity ref>#<slo name>'),
    name: z.string(),
    displayName: z.string().nullable(),
    description: z.string().nullable(),
    target: z
      .number()
      .describe('The objective as a fraction, e.g. 0.999 for 99.9 %.'),
    timeWindow: z.object({
      duration: z.string().describe('e.g. 28d or 1M'),
      kind: z.enum(['rolling', 'calendar']),
    }),
    budgetingMethod: z.string(),
    status: z
      .enum(['healthy', 'warning', 'critical', 'no-data', 'error'])
      .describe(
        'critical: budget exhausted or a page alert firing; warning: under 25 % budget left or a ticket alert firing; no-data: never evaluated or no data in the window; error: could not be evaluated.',
      ),
    sli: z
      .number()
      .nullable()
      .describe('The SLI over the window as a fraction; null without data.'),
    errorBudget: z
      .object({
        remaining: z
          .number()
          .nullable()
          .describe(
            'Fraction of the error budget left; below 0 when overspent, null without data.',
          ),
        consumed: z.number().nullable(),
        total: z
          .number()
          .describe('The whole budget of the period, in `unit`.'),
        unit: z.enum(['events', 'minutes']),
      })
      .nullable()
      .describe('Null until the SLO is first evaluated.'),
    burnRates: z
      .record(z.number().nullable())
      .describe(
        'Burn rate per window (5m, 30m, 1h, 2h, 6h, 1d, 3d): 1 spends exactly the budget over the period.',
      ),
    alerts: z
      .array(
        z.object({
          severity: z.enum(['page', 'ticket']),
          longWindow: z.string(),
          shortWindow: z.string(),
          factor: z.number().describe('The burn-rate threshold.'),
          longBurnRate: z.number().nullable(),
          shortBurnRate: z.number().nullable(),
          firing: z.boolean(),
        }),
      )
      .describe('Multi-window, multi-burn-rate alerts and whether each fires.'),
    exhaustionAt: z
      .string()
      .nullable()
      .describe(
        'When the budget runs out at the 1-day burn rate; null when not burning or already exhausted.',
      ),
    evaluatedAt: z.string().nullable(),
    dataThrough: z
      .string()
      .nullable()
      .describe('End of the newest minute with data.'),
    error: z
      .string()
      .nullable()
      .describe('Why the SLO could not be evaluated (status error).'),
    sourceUnreachableSince: z
      .string()
      .nullable()
      .describe(
        'For an SLO pulled from a source such as Prometheus: since when the source has failed (minutes since then have no data until it answers); null while it answers.',
      ),
  });
}

/** One SLO of the entity route's answer, as assistants get it: the figures without the OpenSLO definition. */
function toSloStatus(slo: SloSummary) {
  const { definition, status } = slo;
  const evaluation = status?.evaluation;
  return {
    id: slo.id,
    name: slo.name,
    displayName:
      definition.objectives[0]?.displayName ?? definition.displayName ?? null,
    description: definition.description ?? null,
    target: definition.objectives[0]?.target ?? 0,
    timeWindow: {
      duration: definition.timeWindow.duration,
      kind: definition.timeWindow.kind,
    },
    budgetingMethod: definition.budgetingMethod,
    status: evaluation?.status ?? ('no-data' as const),
    sli: evaluation?.sli ?? null,
    errorBudget: evaluation?.errorBudget ?? null,
    burnRates: evaluation?.burnRates ?? {},
    alerts: (evaluation?.alerts ?? []).map(alert => ({
      severity: alert.severity,
      longWindow: alert.longWindow,
      shortWindow: alert.shortWindow,
      factor: alert.factor,
      longBurnRate: alert.longBurnRate,
      shortBurnRate: alert.shortBurnRate,
      firing: alert.firing,
    })),
    exhaustionAt: evaluation?.exhaustion.at ?? null,
    evaluatedAt: status?.evaluatedAt ?? null,
    dataThrough: status?.dataThrough ?? null,
    error: evaluation?.error ?? null,
    sourceUnreachableSince:
      (slo.sources ?? [])
        .map(source => source.unreachableSince)
        .filter((since): since is string => since !== null)
        .sort()[0] ?? null,
  };
}

/**
 * `get-slo-status`: an entity's ownership, SLOs, error budgets and alerts,
 * from the same read as the entity route, with the caller's credentials.
 */
export function registerGetSloStatusAction(
  registry: ActionsRegistryService,
  deps: {
    catalog: CatalogService;
    visibility: EntityVisibility;
    stores: Pick<SloStores, 'definitions' | 'statuses' | 'sourceStates'>;
  },
) {
  registry.register({
    name: 'get-slo-status',
    title: 'Get the SLOs, error budgets and owners of a service',
    description:
      'Reads what SLO Kit knows about one catalog entity: who owns what (service owner, SRE owner who decides when reliability is no longer acceptable, platform owner, and findings such as a missing SRE owner), ' +
      'each SLO with its objective, window, status, SLI, error budget left, burn rates, burn-rate alerts and forecast exhaustion, ' +
      'and errors reading its OpenSLO file. Unknown entities, and entities the caller may not see in the catalog, are not found.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: entityRefInput(z) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          ownership: z.object({
            serviceOwner: z
              .string()
              .nullable()
              .describe('The team that owns the service (spec.owner).'),
            sreOwner: z
              .string()
              .nullable()
              .describe(
                'The SRE owner group (slo-kit.dev/sre-owner): decides when reliability is no longer acceptable.',
              ),
            platformOwner: z
              .string()
              .nullable()
              .describe(
                'The platform team that makes it easy to deploy and run the service.',
              ),
            platformOwnerSource: z
              .enum(['annotation', 'source-template'])
              .nullable(),
            findings: z.array(
              z.object({
                code: z.enum([
                  'sre-owner-missing',
                  'sre-owner-is-platform-owner',
                ]),
                message: z.string(),
              }),
            ),
          }),
          slos: z.array(sloStatusSchema(z)),
          syncErrors: z
            .array(
              z.object({
                file: z.string(),
                documentName: z.string().nullable(),
                path: z.string(),
                message: z.string(),
                occurredAt: z.string(),
              }),
            )
            .describe(
              'Problems reading the entity\u2019s OpenSLO file; the last good SLOs are kept meanwhile.',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const status = await readEntitySloStatus(
        entityRefOfInput(input.entityRef),
        credentials,
        deps,
      );
      return {
        output: {
          entityRef: status.entityRef,
          ownership: status.ownership,
          slos: status.slos.map(toSloStatus),
          syncErrors: status.syncErrors.map(error => ({
            file: error.file,
            documentName: error.documentName,
            path: error.path,
            message: error.message,
            occurredAt: error.occurredAt,
          })),
        },
      };
    },
  });
}
