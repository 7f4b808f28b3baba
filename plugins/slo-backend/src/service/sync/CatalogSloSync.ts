import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_OPENSLO_REF,
  canonicalEntityRef,
  parseOpenSlo,
} from '@slo-kit/plugin-slo-common';
import type { SloDefinitionStore } from '@slo-kit/plugin-slo-node';
import { directOwners } from '../ownership';
import { DefinitionFileReader } from './DefinitionFileReader';
import { DefinitionReadError } from './DefinitionReadError';
import { SyncErrorFields, fitSyncError } from './syncErrorRows';

/** Options of {@link CatalogSloSync}. */
export interface CatalogSloSyncOptions {
  definitions: SloDefinitionStore;
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  logger: LoggerService;
  /** `slo.definitions.maxFileBytes`: no definition file is read past it. */
  maxFileBytes: number;
  /** `slo.definitions.localRoots`: where local `file:` sources may be read. */
  localRoots: string[];
}

/** Outcome of syncing one entity. */
export type EntitySyncOutcome =
  | { entityRef: string; ok: true; slos: number; deleted: number }
  | { entityRef: string; ok: false; errors: number };

/**
 * Keeps SLO definitions in step with the catalog: for every entity with the
 * `slo-kit.dev/openslo-ref` annotation it reads the OpenSLO file relative to
 * the entity's source location (see {@link DefinitionFileReader}), validates
 * it and upserts the definitions. SLOs that left the file are marked deleted
 * (their data is kept); an invalid or unreadable file keeps the last good
 * definitions and records sync errors. Each entity is synced on its own: one
 * that fails in any way gets a sync error and the others still sync.
 */
export class CatalogSloSync {
  private readonly reader: DefinitionFileReader;

  constructor(private readonly options: CatalogSloSyncOptions) {
    this.reader = new DefinitionFileReader(options);
  }

  async run(now: number = Date.now()): Promise<EntitySyncOutcome[]> {
    const { catalog, auth, definitions, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const outcomes: EntitySyncOutcome[] = [];
    const seen = new Set<string>();

    for await (const page of catalog.streamEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_OPENSLO_REF}`]:
            CATALOG_FILTER_EXISTS,
        },
      },
      { credentials },
    )) {
      for (const entity of page) {
        const outcome = await this.syncEntityIsolated(entity, now);
        seen.add(outcome.entityRef);
        outcomes.push(outcome);
      }
    }

    // Entities that lost the annotation or left the catalog: retire their
    // catalog-defined SLOs (registered ones wait for the catalog to catch up).
    for (const entityRef of await definitions.listEntityRefs()) {
      if (seen.has(entityRef)) continue;
      const live = await definitions.listEntityDefinitions(entityRef, {
        includeDeleted: false,
      });
      if (live.length > 0 && live.every(d => d.origin === 'catalog')) {
        await definitions.upsertDefinitions(entityRef, [], {
          origin: 'catalog',
          replaceAll: true,
          now,
        });
        await definitions.replaceSyncErrors(entityRef, []);
        logger.info(
          `SLO sync retired the SLOs of ${entityRef}: no longer annotated in the catalog`,
        );
      }
    }

    const failed = outcomes.filter(o => !o.ok).length;
    logger.info(
      `SLO sync checked ${outcomes.length} entities, ${failed} with errors`,
    );
    return outcomes;
  }

  /**
   * Syncs one entity; whatever goes wrong (a store write, an unexpected
   * error) is logged and recorded as the entity's sync error instead of
   * stopping the run.
   */
  private async syncEntityIsolated(
    entity: Entity,
    now: number,
  ): Promise<EntitySyncOutcome> {
    const entityRef = refOf(entity);
    try {
      return await this.syncEntity(entity, now);
    } catch (error) {
      const { definitions, logger } = this.options;
      logger.error(
        `SLO sync of ${entityRef} failed; the last good definitions are kept`,
        error as Error,
      );
      const reason =
        error instanceof Error
          ? `${error.name}: ${error.message.split('\n')[0]}`
          : String(error);
      try {
        await definitions.replaceSyncErrors(entityRef, [
          {
            ...fitSyncError({
              file: this.fileNameOf(entity),
              documentIndex: null,
              documentName: null,
              path: '',
              message: `could not be synced: ${reason}; the last good definitions are kept`,
            }),
            entityRef,
            occurredAt: now,
          },
        ]);
      } catch (recordError) {
        logger.error(
          `SLO sync could not record the sync error of ${entityRef}`,
          recordError as Error,
        );
      }
      return { entityRef, ok: false, errors: 1 };
    }
  }

  async syncEntity(entity: Entity, now: number): Promise<EntitySyncOutcome> {
    const { definitions, logger } = this.options;
    const entityRef = canonicalEntityRef(stringifyEntityRef(entity));
    const fail = async (errors: SyncErrorFields[]) => {
      const rows = errors.map(e => ({
        ...fitSyncError(e),
        entityRef,
        occurredAt: now,
      }));
      await definitions.replaceSyncErrors(entityRef, rows);
      logger.warn(
        `SLO sync of ${entityRef} kept the last good definitions: ${rows[0].file} ${rows[0].path}: ${rows[0].message}`,
      );
      return { entityRef, ok: false as const, errors: errors.length };
    };

    let file: string;
    let text: string;
    try {
      ({ text, location: file } = await this.reader.read(entity));
    } catch (error) {
      if (!(error instanceof DefinitionReadError)) {
        throw error;
      }
      return fail([
        {
          file: error.file ?? this.fileNameOf(entity),
          documentIndex: null,
          documentName: null,
          path: '',
          message: `could not read the OpenSLO file: ${error.message}`,
        },
      ]);
    }

    const parsed = parseOpenSlo(text, file);
    if (!parsed.ok) {
      return fail(
        parsed.issues.map(issue => ({
          file: issue.file,
          documentIndex: issue.documentIndex,
          documentName: issue.documentName ?? null,
          path: issue.path,
          message: issue.message,
        })),
      );
    }

    const result = await definitions.upsertDefinitions(entityRef, parsed.slos, {
      origin: 'catalog',
      owners: directOwners(entity),
      replaceAll: true,
      now,
    });
    await definitions.replaceSyncErrors(entityRef, []);
    return {
      entityRef,
      ok: true,
      slos: result.definitions.length,
      deleted: result.deleted.length,
    };
  }

  /** The file as the annotation names it, for errors before it was found. */
  private fileNameOf(entity: Entity): string {
    const fileRef = entity.metadata.annotations?.[ANNOTATION_OPENSLO_REF] ?? '';
    return fileRef || `(${ANNOTATION_OPENSLO_REF})`;
  }
}

/** The entity's canonical ref; as the catalog spells it if that fails. */
function refOf(entity: Entity): string {
  try {
    return canonicalEntityRef(stringifyEntityRef(entity));
  } catch {
    return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
      entity.metadata.name
    }`;
  }
}
