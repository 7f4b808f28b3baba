/*
 * Notification states: what the owners of each SLO were last told (that it
 * is critical, or that it is not), so every replica announces each status
 * change once. Only SLOs that were ever critical have a row.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_notification_states', table => {
    table.comment(
      'What the owners of each SLO were last told about its status',
    );
    table.integer('slo_key').notNullable().primary();
    table
      .string('notified', 16)
      .notNullable()
      .comment('critical or clear; no row counts as clear');
    table
      .string('claim_id', 64)
      .nullable()
      .comment('Set while the replica that claimed the change sends it');
    table.bigInteger('claimed_at').nullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['notified'], 'slo_notification_states_notified_idx');
    table.index(['claim_id'], 'slo_notification_states_claim_id_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_notification_states');
};
