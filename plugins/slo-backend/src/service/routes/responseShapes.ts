import type {
  PortfolioItem,
  ReleaseSummary,
  SliSourceStatus,
  SloSummary,
  SyncError,
} from '@slo-kit/plugin-slo-common';
import type {
  SliSourceState,
  SloStatusRow,
  StoredSloDefinition,
  SyncErrorRow,
} from '@slo-kit/plugin-slo-node';

/** An instant as the API writes it: ISO 8601, or null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** A stored SLO and its status as the entity API returns them. */
export function toSloSummary(
  definition: StoredSloDefinition,
  status?: SloStatusRow,
  sourceStates: SliSourceState[] = [],
): SloSummary {
  return {
    id: definition.id,
    entityRef: definition.entityRef,
    name: definition.name,
    definition: definition.definition,
    origin: definition.origin,
    deletedAt: isoOrNull(definition.deletedAt),
    status: status
      ? {
          evaluation: status.evaluation,
          evaluatedAt: new Date(status.evaluatedAt).toISOString(),
          dataThrough: isoOrNull(status.dataThrough),
        }
      : null,
    ...(sourceStates.length > 0
      ? { sources: sourceStates.map(toSliSourceStatus) }
      : {}),
  };
}

/** How pulling an SLO from one SLI source stands, as the entity API returns it. */
export function toSliSourceStatus(state: SliSourceState): SliSourceStatus {
  return {
    type: state.sourceType,
    pulledThrough: isoOrNull(state.pulledThrough),
    backfillFrom: isoOrNull(state.backfillFrom),
    unreachableSince: isoOrNull(state.failingSince),
    error: state.lastError,
  };
}

/** A stored sync error as the entity API returns it. */
export function toSyncErrorResponse(error: SyncErrorRow): SyncError {
  return {
    entityRef: error.entityRef,
    file: error.file,
    documentIndex: error.documentIndex,
    documentName: error.documentName,
    path: error.path,
    message: error.message,
    occurredAt: new Date(error.occurredAt).toISOString(),
  };
}

/** A stored SLO, its status and its entity's release decision as one portfolio row. */
export function toPortfolioItem(
  definition: StoredSloDefinition,
  status: SloStatusRow | undefined,
  release: ReleaseSummary,
): PortfolioItem {
  const { displayName, objectives, timeWindow } = definition.definition;
  return {
    id: definition.id,
    entityRef: definition.entityRef,
    name: definition.name,
    ...(displayName ? { displayName } : {}),
    serviceOwner: definition.serviceOwner,
    sreOwner: definition.sreOwner,
    target: objectives[0]?.target ?? 0,
    timeWindow: timeWindow.duration,
    timeWindowKind: timeWindow.kind,
    ...(timeWindow.kind === 'calendar'
      ? { timeZone: timeWindow.timeZone }
      : {}),
    sli: status?.sli ?? null,
    budgetRemaining: status?.budgetRemaining ?? null,
    status: status?.status ?? 'no-data',
    firingAlerts: (status?.evaluation.alerts ?? [])
      .filter(alert => alert.firing)
      .sort(
        (a, b) => Number(b.severity === 'page') - Number(a.severity === 'page'),
      )
      .map(({ severity, longWindow, longBurnRate, factor }) => ({
        severity,
        longWindow,
        longBurnRate,
        factor,
      })),
    evaluatedAt: status ? new Date(status.evaluatedAt).toISOString() : null,
    release,
  };
}
