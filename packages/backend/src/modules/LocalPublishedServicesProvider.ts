import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** The descriptor every published service keeps at its root. */
const CATALOG_INFO_FILE = 'catalog-info.yaml';

/**
 * Offers the services that `slo:publish:local` copied into the publish
 * directory to the catalog: one `file` Location per
 * `<directory>/<service>/catalog-info.yaml`, nothing else. The catalog API
 * itself keeps accepting `url` locations only, so no caller can make the
 * catalog read any other file of the machine.
 *
 * Only regular files directly inside a service directory count; symbolic
 * links are skipped, so a link cannot point the catalog elsewhere.
 */
export class LocalPublishedServicesProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      /** Absolute path of `slo.scaffolder.localPublishDirectory`. */
      directory: string;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return 'slo-local-published-services';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Replaces the provided locations with the services published now. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const targets = await this.findCatalogInfoFiles();
    await this.connection.applyMutation({
      type: 'full',
      entities: targets.map(target => ({
        entity: locationSpecToLocationEntity({
          location: { type: 'file', target },
        }),
        locationKey: this.getProviderName(),
      })),
    });
  }

  /** `<directory>/<service>/catalog-info.yaml` of every published service. */
  async findCatalogInfoFiles(): Promise<string[]> {
    const { directory, logger } = this.options;
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const targets: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const target = path.join(directory, entry.name, CATALOG_INFO_FILE);
      try {
        if ((await lstat(target)).isFile()) targets.push(target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        logger.debug(
          `${entry.name} in ${directory} has no ${CATALOG_INFO_FILE}`,
        );
      }
    }
    return targets.sort();
  }
}
