import type { JobStateStore } from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';

/** {@link JobStateStore} on knex (SQLite or PostgreSQL). */
export class KnexJobStateStore implements JobStateStore {
  constructor(private readonly db: Knex) {}

  async getJobState(name: string): Promise<string | undefined> {
    const row = await this.db('slo_job_state').where({ name }).first();
    return row?.value;
  }

  async setJobState(name: string, value: string): Promise<void> {
    await this.db('slo_job_state')
      .insert({ name, value })
      .onConflict('name')
      .merge(['value']);
  }

  async replaceJobState(
    name: string,
    expected: string,
    value: string,
  ): Promise<boolean> {
    const updated = await this.db('slo_job_state')
      .where({ name, value: expected })
      .update({ value });
    return updated === 1;
  }
}
