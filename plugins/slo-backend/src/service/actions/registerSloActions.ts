import { AuthService, UserInfoService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SloStores } from '../../database/SloStores';
import { ReleaseGate } from '../gate/ReleaseGate';
import { EntityVisibility } from '../routes/entityVisibility';
import { registerCheckReleaseAction } from './checkReleaseAction';
import { registerGetSloStatusAction } from './getSloStatusAction';
import { registerListBudgetsAtRiskAction } from './listBudgetsAtRiskAction';

/**
 * Registers SLO Kit's actions for assistants (`slo:get-slo-status`,
 * `slo:check-release`, `slo:list-budgets-at-risk`) with Backstage's actions
 * registry. They only read, and run with the caller's credentials through
 * the same paths as the REST API, so catalog visibility applies to them.
 */
export function registerSloActions(
  registry: ActionsRegistryService,
  deps: {
    auth: AuthService;
    userInfo: UserInfoService;
    catalog: CatalogService;
    visibility: EntityVisibility;
    gate: ReleaseGate;
    stores: Pick<SloStores, 'definitions' | 'statuses' | 'sourceStates'>;
  },
) {
  registerGetSloStatusAction(registry, deps);
  registerCheckReleaseAction(registry, deps);
  registerListBudgetsAtRiskAction(registry, deps);
}
