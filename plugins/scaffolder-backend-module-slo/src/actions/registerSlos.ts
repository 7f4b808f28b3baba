import { readFile } from 'node:fs/promises';
import { DiscoveryService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  canonicalEntityRef,
  parseOpenSlo,
  sloIdOf,
} from '@slo-kit/plugin-slo-common';
import { SloService } from '@slo-kit/plugin-slo-node';
import { openSloValidationError } from '../lib/openSloValidationError';
import { resolveWorkspacePath } from '../lib/resolveWorkspacePath';
import { examples } from './registerSlos.examples';

const DEFAULT_PATH = 'slos.yaml';

type RegistrationSummary = {
  entityRef: string;
  sloIds: string[];
  ingestionEndpoint: string;
};

/**
 * `slo:register`: registers an entity's OpenSLO definitions with the SLO Kit
 * backend on behalf of the user running the template, so the SLOs exist
 * before the repository is merged and the catalog reads it. Fails, before
 * registering anything, when the entity is in the catalog already (unless
 * `updateExisting` is set); the backend itself refuses to replace SLOs
 * registered for an entity the catalog does not know yet.
 *
 * @public
 */
export function createRegisterSlosAction(options: {
  slo: SloService;
  discovery: DiscoveryService;
  catalog: CatalogService;
}) {
  const { slo, discovery, catalog } = options;

  return createTemplateAction({
    id: 'slo:register',
    description:
      'Registers OpenSLO definitions with SLO Kit on behalf of the user running the template. In a dry run it only validates them.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'The entity the SLOs belong to, e.g. component:default/payments',
            ),
        path: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              `Workspace path of the OpenSLO file to register. Defaults to ${DEFAULT_PATH}. When openslo is given, only used as the file name in messages.`,
            ),
        openslo: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              'OpenSLO v1 YAML to register instead of reading the file from the workspace',
            ),
        updateExisting: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Also register when the entity is in the catalog already, replacing its registered SLOs. Off by default, so that a new service named like an existing one fails instead of replacing that service\'s SLOs.',
            ),
      },
      output: {
        entityRef: z =>
          z.string().describe('The full ref of the entity the SLOs belong to'),
        sloIds: z =>
          z
            .array(z.string())
            .describe('Ids of the registered SLOs: <entity ref>#<slo name>'),
        ingestionEndpoint: z =>
          z
            .string()
            .describe('URL to POST SLI data for these SLOs to (POST /v1/sli)'),
      },
    },
    async handler(ctx) {
      // The same canonical (lower-cased) ref the backend stores, so a dry
      // run shows the SLO ids a real registration gets.
      const entityRef = canonicalEntityRef(
        ctx.input.entityRef,
        "Input 'entityRef'",
        { defaultKind: 'component', defaultNamespace: 'default' },
      );
      const file = ctx.input.path ?? DEFAULT_PATH;

      let openslo = ctx.input.openslo;
      if (openslo === undefined) {
        const filePath = resolveWorkspacePath(ctx.workspacePath, file, 'path');
        try {
          openslo = await readFile(filePath, 'utf8');
        } catch (error) {
          throw new InputError(
            `Input 'path': cannot read the OpenSLO file '${file}' from the workspace: ${
              (error as Error).message
            }`,
          );
        }
      }

      const parsed = parseOpenSlo(openslo, file);
      if (!parsed.ok) {
        throw openSloValidationError(
          `The OpenSLO definitions for ${entityRef} are invalid:`,
          parsed.issues,
        );
      }
      if (parsed.slos.length === 0) {
        throw new InputError(
          `${file}: holds no SLO documents; nothing to register for ${entityRef}`,
        );
      }

      const credentials = await ctx.getInitiatorCredentials();
      if (!ctx.input.updateExisting) {
        const existing = await catalog.getEntityByRef(entityRef, {
          credentials,
        });
        if (existing) {
          throw new ConflictError(
            `${entityRef} is in the catalog already: choose another name for the new service. slo:register replaces an existing service's SLOs only with updateExisting: true.`,
          );
        }
      }

      let summary: RegistrationSummary;
      if (ctx.isDryRun) {
        summary = {
          entityRef,
          sloIds: parsed.slos.map(s => sloIdOf(entityRef, s.name)),
          ingestionEndpoint: `${await discovery.getExternalBaseUrl(
            'slo',
          )}/v1/sli`,
        };
        ctx.logger.info(
          `Dry run: would register ${
            summary.sloIds.length
          } SLO(s) for ${entityRef}: ${summary.sloIds.join(', ')}`,
        );
      } else {
        const request = { entityRef, openslo, file };
        summary = await ctx.checkpoint({
          key: `slo.register.${entityRef}`,
          fn: async (): Promise<RegistrationSummary> => {
            try {
              const response = await slo.registerSlos(request, {
                credentials,
              });
              return {
                entityRef: response.entityRef,
                sloIds: response.slos.map(s => s.id),
                ingestionEndpoint: response.ingestionEndpoint,
              };
            } catch (error) {
              throw describeRegistrationFailure(entityRef, error);
            }
          },
        });
        ctx.logger.info(
          `Registered ${summary.sloIds.length} SLO(s) for ${
            summary.entityRef
          }: ${summary.sloIds.join(', ')}. Send SLI data to ${
            summary.ingestionEndpoint
          }`,
        );
      }

      ctx.output('entityRef', summary.entityRef);
      ctx.output('sloIds', summary.sloIds);
      ctx.output('ingestionEndpoint', summary.ingestionEndpoint);
    },
  });
}

/** Adds what the SLO backend said to the bare "Request failed with 403" message. */
function describeRegistrationFailure(entityRef: string, error: unknown) {
  if (error instanceof ResponseError) {
    const reason = error.cause?.message ?? error.statusText;
    const wrapped = new Error(
      `SLO Kit refused to register the SLOs of ${entityRef} (${error.statusCode} ${error.statusText}): ${reason}`,
    );
    wrapped.cause = error;
    return wrapped;
  }
  return error;
}
