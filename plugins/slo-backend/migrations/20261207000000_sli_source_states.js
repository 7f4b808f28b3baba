/*
 * SLI source states: how pulling each SLO from its source (e.g. Prometheus)
 * stands — the minutes pulled so far, the backfill's first minute, and since
 * when the source has failed. And a history revision per SLO definition:
 * raised when a backfill writes hourly rollups for hours older than minute
 * retention, so every replica's evaluation cache reloads that SLO.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_sli_source_states', table => {
    table.comment('How pulling each SLO from its SLI source stands');
    table.integer('slo_key').notNullable();
    table.string('source_type', 64).notNullable();
    table
      .bigInteger('pulled_through')
      .nullable()
      .comment('Minutes before this epoch ms were pulled');
    table
      .bigInteger('backfill_from')
      .nullable()
      .comment('First minute of the backfill, epoch ms');
    table
      .bigInteger('failing_since')
      .nullable()
      .comment('First failed pull since the last success, epoch ms');
    table.text('last_error').nullable();
    table
      .string('fingerprint', 64)
      .nullable()
      .comment('What was pulled: a hash of the queries (and threshold)');
    table.bigInteger('updated_at').notNullable();
    table.primary(['slo_key', 'source_type']);
  });
  await knex.schema.alterTable('slo_definitions', table => {
    table
      .integer('history_revision')
      .notNullable()
      .defaultTo(0)
      .comment('Raised when stored history was rewritten beneath the caches');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_definitions', table => {
    table.dropColumn('history_revision');
  });
  await knex.schema.dropTable('slo_sli_source_states');
};
