import {
  AuthService,
  LoggerService,
  UrlReaderService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  getEntitySourceLocation,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_OPENSLO_REF,
  canonicalEntityRef,
  parseOpenSlo,
} from '@slo-kit/plugin-slo-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  SloDefinitionStore,
  SyncErrorRow,
} from '@slo-kit/plugin-slo-node';
import { directOwners } from '../ownership';

/** Options of {@link CatalogSloSync}. */
export interface CatalogSloSyncOptions {
  definitions: SloDefinitionStore;
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  logger: LoggerService;
}

/** Outcome of syncing one entity. */
export type EntitySyncOutcome =
  | { entityRef: string; ok: true; slos: number; deleted: number }
  | { entityRef: string; ok: false; errors: number };

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Keeps SLO definitions in step with the catalog: for every entity with the
 * `slo-kit.dev/openslo-ref` annotation it reads the OpenSLO file relative to
 * the entity's source location, validates it and upserts the definitions.
 * SLOs that left the file are marked deleted (their data is kept); an invalid
 * or unreadable file keeps the last good definitions and records sync errors.
 */
export class CatalogSloSync {
  constructor(private readonly options: CatalogSloSyncOptions) {}

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
        const outcome = await this.syncEntity(entity, now);
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

  async syncEntity(entity: Entity, now: number): Promise<EntitySyncOutcome> {
    const { definitions, logger } = this.options;
    const entityRef = canonicalEntityRef(stringifyEntityRef(entity));
    const fileRef = entity.metadata.annotations?.[ANNOTATION_OPENSLO_REF] ?? '';
    const fail = async (
      errors: Omit<SyncErrorRow, 'entityRef' | 'occurredAt'>[],
    ) => {
      await definitions.replaceSyncErrors(
        entityRef,
        errors.map(e => ({ ...e, entityRef, occurredAt: now })),
      );
      logger.warn(
        `SLO sync of ${entityRef} kept the last good definitions: ${errors[0].file} ${errors[0].path}: ${errors[0].message}`,
      );
      return { entityRef, ok: false as const, errors: errors.length };
    };

    let text: string;
    let file = fileRef;
    try {
      const read = await this.readFile(entity, fileRef);
      text = read.text;
      file = read.location;
    } catch (error) {
      return fail([
        {
          file: fileRef || `(${ANNOTATION_OPENSLO_REF})`,
          documentIndex: null,
          documentName: null,
          path: '',
          message: `could not read the OpenSLO file: ${
            (error as Error).message
          }`,
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

  /** Reads the annotated file: a URL as is, else relative to the entity's source location. */
  private async readFile(
    entity: Entity,
    fileRef: string,
  ): Promise<{ text: string; location: string }> {
    if (!fileRef.trim()) {
      throw new Error(`the ${ANNOTATION_OPENSLO_REF} annotation is empty`);
    }
    if (ABSOLUTE_URL.test(fileRef)) {
      return { text: await this.readUrl(fileRef), location: fileRef };
    }
    const source = getEntitySourceLocation(entity);
    if (source.type === 'url') {
      const url = new URL(fileRef, source.target).toString();
      return { text: await this.readUrl(url), location: url };
    }
    if (source.type === 'file') {
      // Local file locations (development setups): stay inside the folder of the entity file.
      const directory = path.dirname(source.target);
      const filePath = resolveSafeChildPath(directory, fileRef);
      return { text: await fs.readFile(filePath, 'utf8'), location: filePath };
    }
    throw new Error(
      `unsupported source location type "${source.type}"; use a URL in ${ANNOTATION_OPENSLO_REF}`,
    );
  }

  private async readUrl(url: string): Promise<string> {
    const response = await this.options.urlReader.readUrl(url);
    return (await response.buffer()).toString('utf8');
  }
}
