import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { sloPermissions } from '@slo-kit/plugin-slo-common';
import {
  SliSource,
  sloSliSourcesExtensionPoint,
} from '@slo-kit/plugin-slo-node';
import { readSloBackendConfig } from './config';
import { createSloStores } from './database/SloStores';
import { registerSloActions } from './service/actions/registerSloActions';
import { SloDataRetention } from './service/evaluation/SloDataRetention';
import { SloEvaluator } from './service/evaluation/SloEvaluator';
import { RequestsInFlight } from './RequestsInFlight';
import { ReleaseGate } from './service/gate/ReleaseGate';
import { SliWriter } from './service/ingestion/SliWriter';
import { GateOverrides } from './service/gate/GateOverrides';
import { EntityVisibility } from './service/routes/entityVisibility';
import { EntityOwnersReader } from './service/notifications/EntityOwnersReader';
import { GateOverrideNotifications } from './service/notifications/GateOverrideNotifications';
import { ReleaseBlockNotifications } from './service/notifications/ReleaseBlockNotifications';
import { SloNotifier } from './service/notifications/SloNotifier';
import { SloStatusNotifications } from './service/notifications/SloStatusNotifications';
import { notificationsEnabled } from './service/notifications/notificationsEnabled';
import { createRouter } from './service/router';
import { SliSourcePuller } from './service/sources/SliSourcePuller';
import { scheduleSliSources } from './service/sources/scheduleSliSources';
import { CatalogSloSync } from './service/sync/CatalogSloSync';

/**
 * The SLO Kit backend plugin, mounted at `/api/slo`.
 *
 * @public
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    const sources: SliSource[] = [];
    env.registerExtensionPoint(sloSliSourcesExtensionPoint, {
      addSliSource(...added) {
        for (const source of added) {
          if (sources.some(s => s.type === source.type)) {
            throw new Error(
              `An SLI source for type "${source.type}" is already registered`,
            );
          }
          sources.push(source);
        }
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        urlReader: coreServices.urlReader,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        instanceMetadata: coreServices.rootInstanceMetadata,
        notifications: notificationService,
      },
      async init(deps) {
        const { logger, scheduler } = deps;
        const config = readSloBackendConfig(deps.config);
        const stores = await createSloStores({ database: deps.database });
        const {
          definitions,
          sliData,
          statuses,
          jobs,
          events,
          gateEvaluations,
          notificationStates,
        } = stores;
        deps.permissionsRegistry.addPermissions(sloPermissions);

        // Owners hear of SLOs turning critical or recovering and of blocked
        // releases, when the notifications backend is there to tell them;
        // `notifier` is undefined when notifications are off.
        const notifier = (await notificationsEnabled({
          config: config.notifications,
          instanceMetadata: deps.instanceMetadata,
          logger,
        }))
          ? new SloNotifier({ notifications: deps.notifications })
          : undefined;
        const owners = new EntityOwnersReader({
          catalog: deps.catalog,
          auth: deps.auth,
        });

        // API requests in flight, which evaluation and pushed batches give
        // way to between their slices of work.
        const requestsInFlight = new RequestsInFlight();
        const evaluator = new SloEvaluator({
          definitions,
          sliData,
          statuses,
          jobs,
          logger,
          minuteRetentionMs: config.retention.minutesMs,
          givesWayTo: requestsInFlight,
          statusListener: notifier
            ? new SloStatusNotifications({
                states: notificationStates,
                notifier,
                owners,
                logger,
              })
            : undefined,
        });
        const retention = new SloDataRetention({
          sliData,
          events,
          gateEvaluations,
          logger,
          minuteRetentionMs: config.retention.minutesMs,
          hourRetentionMs: config.retention.hoursMs,
        });
        const sync = new CatalogSloSync({
          definitions,
          logger,
          catalog: deps.catalog,
          auth: deps.auth,
          urlReader: deps.urlReader,
          maxFileBytes: config.definitions.maxFileBytes,
          localRoots: config.definitions.localRoots,
        });
        const writer = new SliWriter({
          definitions,
          sliData,
          minuteRetentionMs: config.retention.minutesMs,
        });
        const puller = new SliSourcePuller({
          definitions,
          sourceStates: stores.sourceStates,
          sliData,
          writer,
          logger,
          minuteRetentionMs: config.retention.minutesMs,
        });

        // What a caller may see of the catalog, and the release gate: one of
        // each, behind the REST API, the actions for assistants and the jobs.
        const visibility = new EntityVisibility({
          catalog: deps.catalog,
          auth: deps.auth,
        });
        const gate = new ReleaseGate({
          stores,
          visibility,
          policies: config.releasePolicies,
        });
        const gateOverrides = new GateOverrides({
          store: stores.gateOverrides,
          visibility,
          permissions: deps.permissions,
          auditor: deps.auditor,
          logger,
          maxDurationMs: config.gate.overrides.maxDurationMs,
          listeners: notifier
            ? [new GateOverrideNotifications({ notifier, owners })]
            : [],
        });

        // The plugin's own jobs, each run by one replica at a time.
        const scheduledJobs = [
          {
            id: 'slo-catalog-sync',
            schedule: config.schedules.catalogSync,
            run: () => sync.run(),
          },
          {
            id: 'slo-evaluation',
            schedule: config.schedules.evaluation,
            run: () => evaluator.runCycle(),
          },
          {
            id: 'slo-retention',
            schedule: config.schedules.retention,
            run: () => retention.run(),
          },
          {
            id: 'slo-gate-override-expiry',
            schedule: config.schedules.overrideExpiry,
            run: () => gateOverrides.recordExpiries(),
          },
        ];
        for (const { id, schedule, run } of scheduledJobs) {
          await scheduler.scheduleTask({
            id,
            scope: 'global',
            ...schedule,
            fn: async () => {
              await run();
            },
          });
        }
        // Each SLI source is pulled by its own task, so a slow or failing
        // source never holds up evaluation or another source.
        await scheduleSliSources({
          scheduler,
          logger,
          puller,
          sources,
          defaultSchedule: config.schedules.sliSources,
        });

        deps.httpRouter.use(
          await createRouter({
            logger,
            stores,
            sliWriter: writer,
            gateOverrides,
            config,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            discovery: deps.discovery,
            visibility,
            gate,
            requestsInFlight,
            blockNotifications: notifier
              ? new ReleaseBlockNotifications({
                  notifier,
                  owners,
                  definitions,
                  logger,
                })
              : undefined,
          }),
        );
        registerSloActions(deps.actionsRegistry, {
          auth: deps.auth,
          userInfo: deps.userInfo,
          catalog: deps.catalog,
          visibility,
          gate,
          stores,
        });
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
