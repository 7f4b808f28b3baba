import { LoggerService } from '@backstage/backend-plugin-api';
import type { GateEvaluation } from '@slo-kit/plugin-slo-common';
import type { SloDefinitionStore } from '@slo-kit/plugin-slo-node';
import type { DirectOwners } from '../ownership';
import type { EntityOwnersReader } from './EntityOwnersReader';
import type { SloNotifier } from './SloNotifier';

/**
 * Tells the service owner when a recorded release-gate evaluation blocks:
 * `decision: block`, whether enforced or (advisory policy) only shown, so
 * the team learns what the gate stops or would stop. Exempt changes (their
 * decision is allow) and evaluations not recorded tell no one.
 *
 * Each recorded evaluation is one request on one replica, so it is sent
 * once; it is sent after the evaluation is stored and CI is not kept
 * waiting for it. A failed send is logged with the evaluation's id and not
 * retried: the evaluation stays in the audit trail.
 */
export class ReleaseBlockNotifications {
  constructor(
    private readonly deps: {
      notifier: Pick<SloNotifier, 'releaseBlocked'>;
      owners: Pick<EntityOwnersReader, 'read'>;
      definitions: Pick<SloDefinitionStore, 'listEntityDefinitions'>;
      logger: LoggerService;
    },
  ) {}

  /** Notifies of `evaluation` if it blocks; resolves once done, failures logged. */
  async evaluationRecorded(evaluation: GateEvaluation): Promise<void> {
    if (evaluation.decision !== 'block') return;
    const { notifier, logger } = this.deps;
    try {
      const owners = await this.ownersOf(evaluation.entityRef);
      const outcome = await notifier.releaseBlocked({ evaluation, owners });
      if (outcome === 'no-recipients') {
        logger.warn(
          `Release gate evaluation ${evaluation.id} of ${evaluation.entityRef} blocks, but the entity names no service owner to notify`,
        );
      }
    } catch (error) {
      logger.error(
        `Could not notify the service owner of ${evaluation.entityRef} that the release gate blocks (evaluation ${evaluation.id})`,
        error instanceof Error ? error : new Error(String(error)),
      );
    }
  }

  /** Owners from the catalog; for an entity it does not know, those recorded with its SLOs. */
  private async ownersOf(entityRef: string): Promise<DirectOwners> {
    const fromCatalog = (await this.deps.owners.read([entityRef])).get(
      entityRef,
    );
    if (fromCatalog) return fromCatalog;
    const [first] = await this.deps.definitions.listEntityDefinitions(
      entityRef,
      { includeDeleted: false },
    );
    return {
      serviceOwner: first?.serviceOwner ?? null,
      sreOwner: first?.sreOwner ?? null,
    };
  }
}
