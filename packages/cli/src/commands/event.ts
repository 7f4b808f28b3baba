import type { EventRequest } from '@slo-kit/plugin-slo-common';
import type { CliIo } from '../io';
import {
  PortalOptions,
  describeRequestFailure,
  portalClient,
} from './portalClient';

export interface EventOptions extends PortalOptions {
  type: EventRequest['type'];
  entity: string;
  title: string;
  version?: string;
  link?: string;
  /** ISO 8601; default now. */
  at?: string;
}

/** Records a deploy, incident or note of an entity; exit 0 when recorded, 4 otherwise. */
export async function eventCommand(
  options: EventOptions,
  io: CliIo,
): Promise<number> {
  try {
    await portalClient(options.url).recordEvent(
      {
        entityRef: options.entity,
        type: options.type,
        title: options.title,
        at: options.at ?? new Date(io.now()).toISOString(),
        ...(options.version ? { version: options.version } : {}),
        ...(options.link ? { url: options.link } : {}),
      },
      { token: options.token },
    );
  } catch (error) {
    io.stderr(
      `slo-kit event: the ${options.type} of ${
        options.entity
      } was not recorded: ${describeRequestFailure(error)}\n`,
    );
    return 4;
  }
  io.stdout(
    `recorded ${options.type} of ${options.entity}: ${options.title}\n`,
  );
  return 0;
}
