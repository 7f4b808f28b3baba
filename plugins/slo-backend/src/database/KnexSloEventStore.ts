import type { SloEventRow, SloEventStore } from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { toNumber } from './sql/columnValues';

/** {@link SloEventStore} on knex (SQLite or PostgreSQL). */
export class KnexSloEventStore implements SloEventStore {
  constructor(private readonly db: Knex) {}

  async addEvent(event: SloEventRow): Promise<void> {
    await this.db('slo_events').insert({
      entity_ref: event.entityRef,
      slo_id: event.sloId,
      type: event.type,
      title: event.title,
      at: event.at,
      version: event.version ?? null,
      url: event.url ?? null,
    });
  }

  async listEvents(
    entityRef: string,
    from: number,
    to: number,
  ): Promise<SloEventRow[]> {
    const rows = await this.db('slo_events')
      .where({ entity_ref: entityRef })
      .andWhere('at', '>=', from)
      .andWhere('at', '<', to)
      .orderBy([
        { column: 'at', order: 'asc' },
        // Events at the same instant in the order they were added.
        { column: 'event_id', order: 'asc' },
      ])
      .select();
    return rows.map(row => ({
      entityRef: row.entity_ref,
      sloId: row.slo_id ?? null,
      type: row.type,
      title: row.title,
      at: toNumber(row.at),
      version: row.version ?? null,
      url: row.url ?? null,
    }));
  }

  async deleteEventsBefore(before: number): Promise<number> {
    return this.db('slo_events').where('at', '<', before).delete();
  }
}
