import { cp, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  RootConfigService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readCatalogInfoEntityRef } from '../lib/readCatalogInfoEntityRef';
import { resolveWorkspacePath } from '../lib/resolveWorkspacePath';
import { examples } from './publishLocal.examples';

/** The app-config key naming the directory new services are copied into. */
export const LOCAL_PUBLISH_DIRECTORY_CONFIG_KEY =
  'slo.scaffolder.localPublishDirectory';

const DEFAULT_WAIT_SECONDS = 60;

/**
 * `slo:publish:local`: the no-Git-host way to publish a new service. Copies
 * the workspace into a directory of the portal's machine and waits until the
 * catalog shows the new entity, so the template can link straight to its
 * page. The catalog learns about the copy by reading the publish directory
 * (in the demo portal, its `local-published-services` catalog module); the
 * action never registers locations, so the catalog API can keep refusing
 * `file` locations.
 *
 * Meant for demo portals and local development; it refuses to run unless
 * `slo.scaffolder.localPublishDirectory` is configured.
 *
 * @public
 */
export function createPublishLocalAction(options: {
  config: RootConfigService;
  catalog: CatalogService;
  /** How often to ask the catalog for the new entity while waiting. */
  pollIntervalMs?: number;
}) {
  const { config, catalog, pollIntervalMs = 2000 } = options;

  return createTemplateAction({
    id: 'slo:publish:local',
    description:
      'Publishes the workspace into a local directory (for portals without a Git host) and waits until the catalog, which reads that directory, shows the new entity.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(
              /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
              'must be lower-case letters, digits and dashes, starting and ending with a letter or digit',
            )
            .describe(
              'Name of the directory to create under the publish directory, usually the component name',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace sub-directory to publish. Defaults to the whole workspace.',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the catalog descriptor inside sourcePath. Defaults to catalog-info.yaml.',
            ),
        waitForCatalogSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(600)
            .optional()
            .describe(
              `How long to wait for the catalog to show the entity. Defaults to ${DEFAULT_WAIT_SECONDS}; 0 does not wait.`,
            ),
      },
      output: {
        directory: z =>
          z.string().describe('Absolute path of the published directory'),
        catalogInfoPath: z =>
          z
            .string()
            .describe('Absolute path of the published catalog descriptor'),
        entityRef: z =>
          z.string().describe('Ref of the entity the descriptor defines'),
      },
    },
    async handler(ctx) {
      const configured = config.getOptionalString(
        LOCAL_PUBLISH_DIRECTORY_CONFIG_KEY,
      );
      if (!configured) {
        throw new InputError(
          `slo:publish:local is disabled: set ${LOCAL_PUBLISH_DIRECTORY_CONFIG_KEY} in app-config to the directory new services are copied into`,
        );
      }
      const publishRoot = path.resolve(configured);
      const targetDirectory = path.join(publishRoot, ctx.input.name);

      const sourcePath = ctx.input.sourcePath ?? '.';
      const sourceDirectory = resolveWorkspacePath(
        ctx.workspacePath,
        sourcePath,
        'sourcePath',
      );
      const catalogInfoRelative =
        ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      const catalogInfoSource = resolveWorkspacePath(
        sourceDirectory,
        catalogInfoRelative,
        'catalogInfoPath',
      );
      const entityRef = await readCatalogInfoEntityRef(
        catalogInfoSource,
        path.posix.join(sourcePath, catalogInfoRelative),
      );

      if (await exists(targetDirectory)) {
        throw new ConflictError(
          `Cannot publish ${entityRef}: '${targetDirectory}' already exists. Choose another name or remove the directory first.`,
        );
      }

      const publishedCatalogInfo = path.join(
        targetDirectory,
        path.relative(sourceDirectory, catalogInfoSource),
      );
      ctx.output('directory', targetDirectory);
      ctx.output('catalogInfoPath', publishedCatalogInfo);
      ctx.output('entityRef', entityRef);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would copy the workspace to ${targetDirectory} and wait for ${entityRef} in the catalog`,
        );
        return;
      }

      await cp(sourceDirectory, targetDirectory, {
        recursive: true,
        errorOnExist: true,
        force: false,
      });
      ctx.logger.info(`Published ${entityRef} to ${targetDirectory}`);

      const credentials = await ctx.getInitiatorCredentials();
      const waitSeconds =
        ctx.input.waitForCatalogSeconds ?? DEFAULT_WAIT_SECONDS;
      if (waitSeconds > 0) {
        const visible = await waitForEntity(entityRef, {
          catalog,
          credentials,
          timeoutMs: waitSeconds * 1000,
          pollIntervalMs,
          signal: ctx.signal,
        });
        if (visible) {
          ctx.logger.info(`${entityRef} is now in the catalog`);
        } else {
          ctx.logger.warn(
            `${entityRef} did not appear in the catalog within ${waitSeconds}s; the catalog shows it once it has read ${publishedCatalogInfo} (the portal's catalog must read ${publishRoot}, as the demo backend's local-published-services module does)`,
          );
        }
      }
    },
  });
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await stat(filePath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }
    throw error;
  }
}

async function waitForEntity(
  entityRef: string,
  options: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
    timeoutMs: number;
    pollIntervalMs: number;
    signal?: AbortSignal;
  },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const entity = await options.catalog.getEntityByRef(entityRef, {
      credentials: options.credentials,
    });
    if (entity) {
      return true;
    }
    if (Date.now() >= deadline || options.signal?.aborted) {
      return false;
    }
    await new Promise(resolve => setTimeout(resolve, options.pollIntervalMs));
  }
}
