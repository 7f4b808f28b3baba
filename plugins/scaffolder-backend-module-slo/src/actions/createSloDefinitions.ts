import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseOpenSlo, renderOpenSlo } from '@slo-kit/plugin-slo-common';
import { openSloValidationError } from '../lib/openSloValidationError';
import { resolveWorkspacePath } from '../lib/resolveWorkspacePath';
import { examples } from './createSloDefinitions.examples';

const DEFAULT_TARGET_PATH = 'slos.yaml';

/**
 * `slo:definitions:create`: renders OpenSLO v1 definitions (an availability
 * and a latency SLO) from a few choices, validates them with the same parser
 * the SLO backend and `slo-kit validate` use, and writes them into the
 * workspace.
 *
 * @public
 */
export function createSloDefinitionsAction() {
  return createTemplateAction({
    id: 'slo:definitions:create',
    description:
      'Writes OpenSLO v1 availability and latency SLOs for a service into the workspace, validated with SLO Kit.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        service: z =>
          z
            .string()
            .regex(
              /^[a-z0-9]([-a-z0-9]{0,49}[a-z0-9])?$/,
              'must be lower-case letters, digits and dashes (at most 51), starting and ending with a letter or digit',
            )
            .describe(
              'Service (component) name; the SLOs are named <service>-availability and <service>-latency',
            ),
        availabilityTarget: z =>
          z
            .number()
            .gt(0)
            .lt(100)
            .describe('Availability objective in percent, e.g. 99.9'),
        latencyThresholdMs: z =>
          z
            .number()
            .positive()
            .describe(
              'Requests answered within this many milliseconds count as good for the latency SLO',
            ),
        latencyTarget: z =>
          z
            .number()
            .gt(0)
            .lt(100)
            .describe('Latency objective in percent, e.g. 99'),
        window: z =>
          z
            .enum(['28d', '30d', 'calendar-month'])
            .optional()
            .describe(
              'Rolling 28 days (default), rolling 30 days, or the calendar month in timeZone',
            ),
        timeZone: z =>
          z
            .string()
            .optional()
            .describe(
              'IANA time zone of a calendar-month window, e.g. Europe/Berlin. Defaults to UTC; ignored for rolling windows.',
            ),
        budgetingMethod: z =>
          z
            .enum(['Occurrences', 'Timeslices', 'RatioTimeslices'])
            .optional()
            .describe(
              'Occurrences (default) counts requests; Timeslices counts good minutes; RatioTimeslices averages per-minute ratios',
            ),
        timeSliceTarget: z =>
          z
            .number()
            .gt(0)
            .max(1)
            .optional()
            .describe(
              'For Timeslices: the good-request ratio a minute needs to count as good. Defaults to 0.95.',
            ),
        dataSource: z =>
          z
            .enum(['pushed', 'prometheus'])
            .optional()
            .describe(
              'pushed (default): SLI data is sent to the SLO Kit ingestion API; prometheus: SLO Kit pulls it with generated PromQL',
            ),
        prometheusSelector: z =>
          z
            .string()
            .optional()
            .describe(
              'PromQL label selector for prometheus sources. Defaults to service="<service>".',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              `Workspace path to write the OpenSLO file to. Defaults to ${DEFAULT_TARGET_PATH}.`,
            ),
      },
      output: {
        path: z =>
          z
            .string()
            .describe('Workspace-relative path of the written OpenSLO file'),
        sloNames: z =>
          z.array(z.string()).describe('Names of the SLOs in the file'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const targetPath = input.targetPath ?? DEFAULT_TARGET_PATH;
      const absolutePath = resolveWorkspacePath(
        ctx.workspacePath,
        targetPath,
        'targetPath',
      );
      const window = input.window ?? '28d';

      const openslo = renderOpenSlo({
        service: input.service,
        availabilityTargetPercent: input.availabilityTarget,
        latencyThresholdMs: input.latencyThresholdMs,
        latencyTargetPercent: input.latencyTarget,
        window,
        timeZone: window === 'calendar-month' ? input.timeZone : undefined,
        budgetingMethod: input.budgetingMethod,
        timeSliceTarget: input.timeSliceTarget,
        dataSource: input.dataSource,
        prometheusSelector: input.prometheusSelector,
      });

      const fileName = path.posix.normalize(targetPath);
      const parsed = parseOpenSlo(openslo, fileName);
      if (!parsed.ok) {
        throw openSloValidationError(
          `The OpenSLO definitions rendered for ${input.service} are invalid:`,
          parsed.issues,
        );
      }
      const sloNames = parsed.slos.map(slo => slo.name);

      await mkdir(path.dirname(absolutePath), { recursive: true });
      await writeFile(absolutePath, openslo, 'utf8');
      ctx.logger.info(
        `${ctx.isDryRun ? 'Dry run: wrote' : 'Wrote'} ${
          sloNames.length
        } SLO(s) to ${fileName}: ${sloNames.join(', ')}`,
      );

      ctx.output('path', fileName);
      ctx.output('sloNames', sloNames);
    },
  });
}
