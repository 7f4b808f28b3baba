/*
 * Change tracking for incremental evaluation: which hours of which SLO got new
 * minute data, and small state values of the scheduled jobs.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_dirty_hours', table => {
    table.comment('Hours whose minute data changed since the last evaluation');
    table.integer('slo_key').notNullable();
    table.bigInteger('hour_start').notNullable();
    table.bigInteger('first_bucket').notNullable();
    table.bigInteger('last_bucket').notNullable();
    table
      .string('token', 64)
      .notNullable()
      .comment(
        'Changes on every write so the evaluator never drops a newer mark',
      );
    table.primary(['slo_key', 'hour_start']);
  });

  await knex.schema.createTable('slo_job_state', table => {
    table.comment('Small bookkeeping values of scheduled jobs');
    table.string('name', 128).notNullable().primary();
    table.text('value').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_job_state');
  await knex.schema.dropTable('slo_dirty_hours');
};
