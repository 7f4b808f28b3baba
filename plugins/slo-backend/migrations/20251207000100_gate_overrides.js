/*
 * Gate overrides: an SRE owner lets an entity's releases through the gate for
 * a bounded time. Rows are never deleted by SLO Kit's retention: the grant,
 * the revoke and the expiry are the record of who decided what, and why.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_gate_overrides', table => {
    table.comment('Release gate overrides granted by SRE owners');
    table.increments('override_id');
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).nullable();
    table.string('version', 255).nullable();
    table.text('reason').notNullable();
    table.string('granted_by', 255).notNullable();
    table.bigInteger('granted_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.string('revoked_by', 255).nullable();
    table.bigInteger('revoked_at').nullable();
    table.text('revoke_reason').nullable();
    table.bigInteger('expiry_recorded_at').nullable();
    table.index(
      ['entity_ref', 'expires_at'],
      'slo_gate_overrides_entity_ref_expires_at_idx',
    );
    table.index(
      ['expiry_recorded_at', 'expires_at'],
      'slo_gate_overrides_expiry_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_gate_overrides');
};
