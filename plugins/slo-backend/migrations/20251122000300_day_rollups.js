/*
 * Daily rollups: per SLO and UTC day, the sums of that day's hourly rollups.
 * They let a cold evaluation read one row per day for the old part of long
 * windows instead of 24. Always recomputed from the hourly rollups, never
 * incremented; existing hourly rollups are summed into them here.
 */

// @ts-check

const DAY_MS = 86_400_000;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_day_rollups', table => {
    table.comment('Sums of the hourly rollups of each SLO per UTC day');
    table.integer('slo_key').notNullable();
    table.bigInteger('day_start').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.integer('minutes_with_data').notNullable();
    table.integer('slices_with_data').notNullable();
    table.integer('good_slices').notNullable();
    table.double('slice_ratio_sum').notNullable();
    table.primary(['slo_key', 'day_start']);
    table.index(['day_start'], 'slo_day_rollups_day_start_idx');
  });
  // The day length is written into the statement: PostgreSQL only matches a
  // grouped expression with the selected one when they are spelled the same.
  const dayStart = `hour_start - (hour_start % ${DAY_MS})`;
  await knex.raw(
    `insert into slo_day_rollups (slo_key, day_start, good, total, minutes_with_data, slices_with_data, good_slices, slice_ratio_sum)
     select slo_key, ${dayStart}, sum(good), sum(total), sum(minutes_with_data), sum(slices_with_data), sum(good_slices), sum(slice_ratio_sum)
     from slo_hour_rollups
     group by slo_key, ${dayStart}`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_day_rollups');
};
