/*
 * Initial SLO Kit schema.
 *
 * Time instants are stored as epoch milliseconds (bigint) so the same arithmetic
 * (e.g. the hour of a minute bucket) works on SQLite and PostgreSQL.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_definitions', table => {
    table.comment('One row per SLO, from the catalog or from registration');
    table
      .increments('slo_key')
      .comment('Compact internal key used by the data tables');
    table
      .string('id', 512)
      .notNullable()
      .unique()
      .comment('Stable public id: <entity ref>#<slo name>');
    table.string('entity_ref', 255).notNullable().index();
    table.string('name', 255).notNullable();
    table
      .text('definition')
      .notNullable()
      .comment('Normalised SloDefinition as JSON');
    table.string('origin', 32).notNullable().comment('catalog or registration');
    table.string('service_owner', 255).nullable();
    table.string('sre_owner', 255).nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table
      .bigInteger('deleted_at')
      .nullable()
      .comment('Set when the SLO disappeared from its file; data is kept');
  });

  await knex.schema.createTable('slo_minute_buckets', table => {
    table.comment('Raw SLI data, one row per SLO and minute');
    table.integer('slo_key').notNullable();
    table.bigInteger('bucket_start').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.primary(['slo_key', 'bucket_start']);
    table.index(['bucket_start'], 'slo_minute_buckets_bucket_start_idx');
  });

  await knex.schema.createTable('slo_hour_rollups', table => {
    table.comment('Hourly rollups recomputed from minute buckets');
    table.integer('slo_key').notNullable();
    table.bigInteger('hour_start').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.integer('minutes_with_data').notNullable();
    table.integer('slices_with_data').notNullable();
    table.integer('good_slices').notNullable();
    table.double('slice_ratio_sum').notNullable();
    table.primary(['slo_key', 'hour_start']);
    table.index(['hour_start'], 'slo_hour_rollups_hour_start_idx');
  });

  await knex.schema.createTable('slo_status', table => {
    table.comment(
      'Latest evaluation of each SLO; what pages and the gate read',
    );
    table.integer('slo_key').notNullable().primary();
    table.string('status', 32).notNullable();
    table.double('sli').nullable();
    table.double('budget_remaining').nullable();
    table.text('evaluation').notNullable().comment('SloEvaluation as JSON');
    table.bigInteger('evaluated_at').notNullable();
    table.bigInteger('data_through').nullable();
    table.index(['status'], 'slo_status_status_idx');
  });

  await knex.schema.createTable('slo_events', table => {
    table.comment(
      'Deploys, incidents and other events shown beside SLO history',
    );
    table.increments('event_id');
    table.string('entity_ref', 255).notNullable();
    table.string('slo_id', 512).nullable();
    table.string('type', 64).notNullable();
    table.string('title', 1024).notNullable();
    table.bigInteger('at').notNullable();
    table.index(['entity_ref', 'at'], 'slo_events_entity_ref_at_idx');
  });

  await knex.schema.createTable('slo_sync_errors', table => {
    table.comment('Problems found in the last catalog sync of an entity');
    table.increments('error_id');
    table.string('entity_ref', 255).notNullable().index();
    table.string('file', 1024).notNullable();
    table.integer('document_index').nullable();
    table.string('document_name', 255).nullable();
    table.string('path', 1024).notNullable();
    table.text('message').notNullable();
    table.bigInteger('occurred_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_sync_errors');
  await knex.schema.dropTable('slo_events');
  await knex.schema.dropTable('slo_status');
  await knex.schema.dropTable('slo_hour_rollups');
  await knex.schema.dropTable('slo_minute_buckets');
  await knex.schema.dropTable('slo_definitions');
};
