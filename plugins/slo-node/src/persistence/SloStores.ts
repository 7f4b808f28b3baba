import type { GateEvaluationStore } from './GateEvaluationStore';
import type { GateOverrideStore } from './GateOverrideStore';
import type { JobStateStore } from './JobStateStore';
import type { SliDataStore } from './SliDataStore';
import type { SliSourceStateStore } from './SliSourceStateStore';
import type { SloDefinitionStore } from './SloDefinitionStore';
import type { SloEventStore } from './SloEventStore';
import type { SloNotificationStateStore } from './SloNotificationStateStore';
import type { SloStatusStore } from './SloStatusStore';

/**
 * Every store of the SLO backend, one per concept, sharing one database.
 * Services take only the stores they need, e.g.
 * `Pick<SloStores, 'definitions' | 'sliData'>`.
 *
 * @public
 */
export interface SloStores {
  definitions: SloDefinitionStore;
  sliData: SliDataStore;
  statuses: SloStatusStore;
  jobs: JobStateStore;
  events: SloEventStore;
  gateEvaluations: GateEvaluationStore;
  gateOverrides: GateOverrideStore;
  notificationStates: SloNotificationStateStore;
  sourceStates: SliSourceStateStore;
}
