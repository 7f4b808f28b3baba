import type { StoredSloDefinition } from '@slo-kit/plugin-slo-node';
import { toNullableNumber, toNumber } from './sql/columnValues';

/** A row of `slo_definitions` (or a join selecting its columns) as a definition. */
export function rowToDefinition(row: any): StoredSloDefinition {
  return {
    sloKey: toNumber(row.slo_key),
    id: row.id,
    entityRef: row.entity_ref,
    name: row.name,
    definition: JSON.parse(row.definition),
    origin: row.origin,
    serviceOwner: row.service_owner ?? null,
    sreOwner: row.sre_owner ?? null,
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
    deletedAt: toNullableNumber(row.deleted_at),
    historyRevision: toNumber(row.history_revision ?? 0),
  };
}
