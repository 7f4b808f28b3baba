/*
 * Portfolio sorting by objective: the first objective's target as a column.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_definitions', table => {
    table
      .double('objective_target')
      .nullable()
      .comment('Target of the first objective, for sorting the portfolio');
  });
  const rows = await knex('slo_definitions').select('slo_key', 'definition');
  for (const row of rows) {
    const target = JSON.parse(row.definition).objectives?.[0]?.target ?? null;
    await knex('slo_definitions')
      .where({ slo_key: row.slo_key })
      .update({ objective_target: target });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_definitions', table => {
    table.dropColumn('objective_target');
  });
};
