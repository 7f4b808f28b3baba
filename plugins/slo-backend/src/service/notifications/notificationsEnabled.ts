import {
  LoggerService,
  RootInstanceMetadataService,
} from '@backstage/backend-plugin-api';
import { SloBackendConfig } from '../../config';

/** Plugin id of Backstage's notifications backend. */
const NOTIFICATIONS_PLUGIN_ID = 'notifications';

/**
 * Whether SLO Kit sends notifications: as `slo.notifications.enabled` says,
 * else when the notifications backend plugin is installed in this backend.
 * The notification service itself is always available (it posts to the
 * notifications backend found through discovery), so without that plugin
 * every send would fail; a split deployment whose notifications backend
 * runs elsewhere sets `enabled: true`.
 */
export async function notificationsEnabled(options: {
  config: SloBackendConfig['notifications'];
  instanceMetadata: RootInstanceMetadataService;
  logger: LoggerService;
}): Promise<boolean> {
  const { config, instanceMetadata, logger } = options;
  if (config.enabled !== undefined) {
    logger.info(
      `SLO notifications are ${
        config.enabled ? 'on' : 'off'
      } (slo.notifications.enabled)`,
    );
    return config.enabled;
  }
  const plugins = await instanceMetadata.getInstalledPlugins();
  const installed = plugins.some(p => p.pluginId === NOTIFICATIONS_PLUGIN_ID);
  logger.info(
    installed
      ? 'SLO notifications are on: the notifications backend is installed'
      : 'SLO notifications are off: the notifications backend is not installed in this backend (set slo.notifications.enabled: true if it runs in another one)',
  );
  return installed;
}
