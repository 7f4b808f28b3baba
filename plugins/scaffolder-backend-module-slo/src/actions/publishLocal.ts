import { cp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  RootConfigService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, stringifyError } from '@backstage/errors';
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
 * the workspace into a directory of the portal's machine, registers the
 * copied catalog descriptor with the catalog as a `file` location, and waits
 * until the new entity is visible, so the template can link straight to its
 * page.
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
      'Publishes the workspace into a local directory (for portals without a Git host), registers its catalog descriptor as a file location and waits until the catalog shows the new entity.',
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

      // The descriptor becomes a file location of its own: the catalog reads
      // it at once and keeps it across restarts. A location left behind by
      // an earlier service of the same name is re-read instead.
      const credentials = await ctx.getInitiatorCredentials();
      try {
        await catalog.addLocation(
          { type: 'file', target: publishedCatalogInfo, onConflict: 'refresh' },
          { credentials },
        );
      } catch (error) {
        // Leave nothing half-published: the same name can be tried again.
        await rm(targetDirectory, { recursive: true, force: true });
        throw new InputError(
          `The catalog refused to register ${publishedCatalogInfo} as a file location, so ${entityRef} was not published (the catalog accepts file locations from its API only when a catalog module allows them through catalogLocationsExtensionPoint.setAllowedLocationTypes): ${stringifyError(
            error,
          )}`,
        );
      }
      ctx.logger.info(
        `Registered ${publishedCatalogInfo} with the catalog as a file location`,
      );

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
            `${entityRef} did not appear in the catalog within ${waitSeconds}s; the catalog is still reading ${publishedCatalogInfo} and will show it once done`,
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
