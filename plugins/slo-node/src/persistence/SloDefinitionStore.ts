import type { SloDefinition } from '@slo-kit/plugin-slo-common';

/**
 * Where a stored SLO definition came from: the catalog sync job
 * (`catalog`) or `POST /api/slo/v1/slos` (`registration`).
 *
 * @public
 */
export type SloOrigin = 'catalog' | 'registration';

/**
 * One stored SLO definition. Instants are epoch milliseconds.
 *
 * @public
 */
export interface StoredSloDefinition {
  /** Compact internal key of the data tables. */
  sloKey: number;
  /** Stable public id, `<entity ref>#<slo name>`. */
  id: string;
  entityRef: string;
  name: string;
  definition: SloDefinition;
  origin: SloOrigin;
  serviceOwner: string | null;
  sreOwner: string | null;
  createdAt: number;
  updatedAt: number;
  /** When the SLO left its entity's definitions; `null` while it is live. */
  deletedAt: number | null;
  /**
   * Raised each time stored history of the SLO was rewritten beneath the
   * evaluation caches (a source's backfill of hours older than minute
   * retention), so every replica reloads the SLO.
   */
  historyRevision: number;
}

/**
 * A problem found while syncing an entity's OpenSLO file.
 *
 * @public
 */
export interface SyncErrorRow {
  entityRef: string;
  file: string;
  /** Index of the YAML document in the file, when the problem is in one. */
  documentIndex: number | null;
  documentName: string | null;
  /** Field path inside the document, e.g. `spec.objectives[0].target`. */
  path: string;
  message: string;
  occurredAt: number;
}

/**
 * Options of {@link SloDefinitionStore.upsertDefinitions}.
 *
 * @public
 */
export interface UpsertDefinitionsOptions {
  origin: SloOrigin;
  /** Ownership to record for the portfolio filter; omitted keeps the stored one. */
  owners?: { serviceOwner: string | null; sreOwner: string | null };
  /** When true, stored SLOs of the entity missing from `slos` are marked deleted. */
  replaceAll: boolean;
  /** Epoch ms recorded as the creation, update or deletion time. */
  now: number;
}

/**
 * Outcome of {@link SloDefinitionStore.upsertDefinitions}.
 *
 * @public
 */
export interface UpsertDefinitionsResult {
  /** The entity's live definitions after the call, ordered by id. */
  definitions: StoredSloDefinition[];
  /** Ids of the SLOs created, updated and marked deleted by the call. */
  created: string[];
  updated: string[];
  deleted: string[];
}

/**
 * SLO definitions of catalog entities and the problems found while syncing
 * them from OpenSLO files.
 *
 * @public
 */
export interface SloDefinitionStore {
  /**
   * Inserts or updates the given SLOs of one entity in one transaction.
   * Unchanged definitions are left untouched, so repeating a call changes
   * nothing. A changed definition marks every hour holding its minute data
   * dirty, so its rollups get recomputed.
   *
   * @param entityRef - Entity the SLOs belong to, in canonical form.
   * @param slos - The entity's SLOs (all of them when `replaceAll` is set).
   */
  upsertDefinitions(
    entityRef: string,
    slos: SloDefinition[],
    options: UpsertDefinitionsOptions,
  ): Promise<UpsertDefinitionsResult>;

  /** Definitions of one entity ordered by id; deleted ones only when asked. */
  listEntityDefinitions(
    entityRef: string,
    options: { includeDeleted: boolean },
  ): Promise<StoredSloDefinition[]>;

  /** Every SLO that is not deleted, ordered by key. */
  listActiveDefinitions(): Promise<StoredSloDefinition[]>;

  /** Raises the history revision of the given SLOs (see {@link StoredSloDefinition.historyRevision}). */
  raiseHistoryRevision(sloKeys: number[]): Promise<void>;

  /** The definition with the given public id, deleted or not. */
  getDefinition(id: string): Promise<StoredSloDefinition | undefined>;

  /**
   * Maps ids of live (not deleted) SLOs to their internal keys; ids of
   * unknown or deleted SLOs are left out.
   */
  resolveLiveSloKeys(ids: string[]): Promise<Map<string, number>>;

  /** Entity refs that have definitions, deleted or not, sorted. */
  listEntityRefs(): Promise<string[]>;

  /** Replaces the recorded sync errors of an entity; an empty list clears them. */
  replaceSyncErrors(entityRef: string, errors: SyncErrorRow[]): Promise<void>;

  /** The recorded sync errors of an entity, in the order they were recorded. */
  listSyncErrors(entityRef: string): Promise<SyncErrorRow[]>;
}
