/*
 * Release gate: recorded gate evaluations (the audit trail of who asked the
 * gate about which version and what it answered), and the version and link
 * of events, so CI can record the deploy it made.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_gate_evaluations', table => {
    table.comment('Release gate evaluations recorded on request (CI)');
    table.increments('evaluation_id');
    table.string('entity_ref', 255).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('environment', 64).nullable();
    table.string('version', 255).nullable();
    table.string('change_type', 64).nullable();
    table.string('decision', 16).notNullable();
    table.string('enforced', 16).notNullable();
    table.string('policy_name', 255).notNullable();
    table.text('decision_json').notNullable();
    table.bigInteger('recorded_at').notNullable();
    table.index(
      ['entity_ref', 'recorded_at'],
      'slo_gate_evaluations_entity_ref_recorded_at_idx',
    );
    table.index(['recorded_at'], 'slo_gate_evaluations_recorded_at_idx');
  });
  await knex.schema.alterTable('slo_events', table => {
    table.string('version', 255).nullable();
    table.string('url', 2048).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_events', table => {
    table.dropColumn('url');
    table.dropColumn('version');
  });
  await knex.schema.dropTable('slo_gate_evaluations');
};
