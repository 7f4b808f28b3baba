import { sloIdOf, type SloDefinition } from '@slo-kit/plugin-slo-common';
import type {
  SloDefinitionStore,
  StoredSloDefinition,
  SyncErrorRow,
  UpsertDefinitionsOptions,
  UpsertDefinitionsResult,
} from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { rowToDefinition } from './definitionRows';
import { markAllHoursDirty } from './dirtyHours';
import { chunk, keysPerStatement, rowsPerKnexInsert } from './sql/batchSizes';
import { toNullableNumber, toNumber } from './sql/columnValues';
import { sloKeyBatches, whereAnyOf } from './sql/sloKeyFilter';
import { retryOnUniqueViolation } from './sql/uniqueViolation';

/** Columns of `slo_sync_errors` written for each sync error. */
const SYNC_ERROR_COLUMNS = [
  'entity_ref',
  'file',
  'document_index',
  'document_name',
  'path',
  'message',
  'occurred_at',
] as const;

function syncErrorColumns(
  entityRef: string,
  e: SyncErrorRow,
): Record<(typeof SYNC_ERROR_COLUMNS)[number], string | number | null> {
  return {
    entity_ref: entityRef,
    file: e.file,
    document_index: e.documentIndex,
    document_name: e.documentName,
    path: e.path,
    message: e.message,
    occurred_at: e.occurredAt,
  };
}

/** {@link SloDefinitionStore} on knex (SQLite or PostgreSQL). */
export class KnexSloDefinitionStore implements SloDefinitionStore {
  constructor(private readonly db: Knex) {}

  async upsertDefinitions(
    entityRef: string,
    slos: SloDefinition[],
    options: UpsertDefinitionsOptions,
  ): Promise<UpsertDefinitionsResult> {
    // Parallel first registrations of one entity both insert its SLOs; the
    // one that loses the race retries and finds them (PostgreSQL answers the
    // loser's insert with a unique violation once the winner commits).
    return retryOnUniqueViolation(() =>
      this.upsertDefinitionsOnce(entityRef, slos, options),
    );
  }

  private async upsertDefinitionsOnce(
    entityRef: string,
    slos: SloDefinition[],
    options: UpsertDefinitionsOptions,
  ): Promise<UpsertDefinitionsResult> {
    return this.db.transaction(async tx => {
      const existingRows = await tx('slo_definitions')
        .where({ entity_ref: entityRef })
        .select();
      const existing = new Map<string, StoredSloDefinition>(
        existingRows.map(row => {
          const definition = rowToDefinition(row);
          return [definition.id, definition];
        }),
      );
      const created: string[] = [];
      const updated: string[] = [];
      const deleted: string[] = [];
      const wanted = new Set<string>();
      const token = randomUUID();

      for (const slo of slos) {
        const id = sloIdOf(entityRef, slo.name);
        wanted.add(id);
        const json = JSON.stringify(slo);
        const current = existing.get(id);
        const ownerColumns = options.owners
          ? {
              service_owner: options.owners.serviceOwner,
              sre_owner: options.owners.sreOwner,
            }
          : {};
        if (!current) {
          await tx('slo_definitions').insert({
            id,
            entity_ref: entityRef,
            name: slo.name,
            definition: json,
            objective_target: slo.objectives[0]?.target ?? null,
            origin: options.origin,
            service_owner: options.owners?.serviceOwner ?? null,
            sre_owner: options.owners?.sreOwner ?? null,
            created_at: options.now,
            updated_at: options.now,
            deleted_at: null,
          });
          created.push(id);
          continue;
        }
        const definitionChanged = JSON.stringify(current.definition) !== json;
        const ownersChanged =
          options.owners !== undefined &&
          (current.serviceOwner !== options.owners.serviceOwner ||
            current.sreOwner !== options.owners.sreOwner);
        const revived = current.deletedAt !== null;
        const originChanged = current.origin !== options.origin;
        if (definitionChanged || revived || originChanged) {
          await tx('slo_definitions')
            .where({ slo_key: current.sloKey })
            .update({
              definition: json,
              objective_target: slo.objectives[0]?.target ?? null,
              origin: options.origin,
              updated_at: options.now,
              deleted_at: null,
              ...ownerColumns,
            });
          updated.push(id);
          if (definitionChanged) {
            await markAllHoursDirty(tx, current.sloKey, token);
          }
        } else if (ownersChanged) {
          await tx('slo_definitions')
            .where({ slo_key: current.sloKey })
            .update(ownerColumns);
        }
      }

      if (options.replaceAll) {
        for (const current of existing.values()) {
          if (!wanted.has(current.id) && current.deletedAt === null) {
            await tx('slo_definitions')
              .where({ slo_key: current.sloKey })
              .update({ deleted_at: options.now });
            deleted.push(current.id);
          }
        }
      }

      const rows = await tx('slo_definitions')
        .where({ entity_ref: entityRef })
        .whereNull('deleted_at')
        .orderBy('id')
        .select();
      return {
        definitions: rows.map(rowToDefinition),
        created,
        updated,
        deleted,
      };
    });
  }

  async listEntityDefinitions(
    entityRef: string,
    options: { includeDeleted: boolean },
  ): Promise<StoredSloDefinition[]> {
    const query = this.db('slo_definitions')
      .where({ entity_ref: entityRef })
      .orderBy('id');
    if (!options.includeDeleted) {
      query.whereNull('deleted_at');
    }
    return (await query.select()).map(rowToDefinition);
  }

  async listActiveDefinitions(): Promise<StoredSloDefinition[]> {
    const rows = await this.db('slo_definitions')
      .whereNull('deleted_at')
      .orderBy('slo_key')
      .select();
    return rows.map(rowToDefinition);
  }

  async raiseHistoryRevision(sloKeys: number[]): Promise<void> {
    for (const part of chunk([...new Set(sloKeys)], keysPerStatement(0))) {
      await this.db('slo_definitions')
        .whereIn('slo_key', part)
        .increment('history_revision', 1);
    }
  }

  async getDefinition(id: string): Promise<StoredSloDefinition | undefined> {
    const row = await this.db('slo_definitions').where({ id }).first();
    return row ? rowToDefinition(row) : undefined;
  }

  async resolveLiveSloKeys(ids: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (const part of sloKeyBatches(this.db, ids)) {
      const rows = await whereAnyOf(
        this.db,
        this.db('slo_definitions')
          .whereNull('deleted_at')
          .select('id', 'slo_key'),
        'id',
        part,
        'text',
      );
      for (const row of rows) {
        result.set(row.id, toNumber(row.slo_key));
      }
    }
    return result;
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db('slo_definitions')
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async replaceSyncErrors(
    entityRef: string,
    errors: SyncErrorRow[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('slo_sync_errors').where({ entity_ref: entityRef }).delete();
      const perInsert = rowsPerKnexInsert(SYNC_ERROR_COLUMNS.length);
      for (const part of chunk(errors, perInsert)) {
        await tx('slo_sync_errors').insert(
          part.map(e => syncErrorColumns(entityRef, e)),
        );
      }
    });
  }

  async listSyncErrors(entityRef: string): Promise<SyncErrorRow[]> {
    const rows = await this.db('slo_sync_errors')
      .where({ entity_ref: entityRef })
      .orderBy('error_id')
      .select();
    return rows.map(row => ({
      entityRef: row.entity_ref,
      file: row.file,
      documentIndex: toNullableNumber(row.document_index),
      documentName: row.document_name ?? null,
      path: row.path,
      message: row.message,
      occurredAt: toNumber(row.occurred_at),
    }));
  }
}
