import { mockServices } from '@backstage/backend-test-utils';
import { notificationsEnabled } from './notificationsEnabled';

function installed(...pluginIds: string[]) {
  return {
    getInstalledPlugins: async () =>
      pluginIds.map(pluginId => ({ pluginId, modules: [] })),
  };
}

describe('notificationsEnabled', () => {
  it('is on when the notifications backend runs in this backend, off otherwise', async () => {
    const logger = mockServices.logger.mock();
    expect(
      await notificationsEnabled({
        config: { enabled: undefined },
        instanceMetadata: installed('catalog', 'notifications', 'slo'),
        logger,
      }),
    ).toBe(true);
    expect(
      await notificationsEnabled({
        config: { enabled: undefined },
        instanceMetadata: installed('catalog', 'slo'),
        logger,
      }),
    ).toBe(false);
    expect(logger.info).toHaveBeenLastCalledWith(
      'SLO notifications are off: the notifications backend is not installed in this backend (set slo.notifications.enabled: true if it runs in another one)',
    );
  });

  it('follows slo.notifications.enabled when it is set', async () => {
    const logger = mockServices.logger.mock();
    expect(
      await notificationsEnabled({
        config: { enabled: true },
        instanceMetadata: installed('slo'),
        logger,
      }),
    ).toBe(true);
    expect(
      await notificationsEnabled({
        config: { enabled: false },
        instanceMetadata: installed('notifications', 'slo'),
        logger,
      }),
    ).toBe(false);
  });
});
