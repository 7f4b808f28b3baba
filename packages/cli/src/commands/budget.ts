import { evaluateSlo, parseOpenSlo } from '@slo-kit/plugin-slo-common';
import type { CliIo } from '../io';
import { formatIssue } from '../formatIssue';
import { readBucketsCsv } from '../readBucketsCsv';
import { budgetReportEntry, type BudgetReportEntry } from '../budgetReport';

/** Options of `slo-kit budget`. */
export interface BudgetOptions {
  slo: string;
  data: string;
  at?: string;
  name?: string;
}

/**
 * `slo-kit budget`: evaluates every SLO in the file (or the one named) against
 * the CSV's minute buckets and prints the result as JSON.
 */
export async function budgetCommand(
  options: BudgetOptions,
  io: CliIo,
): Promise<number> {
  let at = io.now();
  if (options.at !== undefined) {
    at = Date.parse(options.at);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(options.at) || Number.isNaN(at)) {
      io.stderr(
        `--at: "${options.at}" is not an ISO 8601 date-time (e.g. 2026-06-01T12:00:00Z)\n`,
      );
      return 1;
    }
  }

  let sloText: string;
  let csvText: string;
  try {
    sloText = await io.readFile(options.slo);
    csvText = await io.readFile(options.data);
  } catch (error) {
    io.stderr(`cannot read the file: ${(error as Error).message}\n`);
    return 1;
  }

  const parsed = parseOpenSlo(sloText, options.slo);
  if (!parsed.ok) {
    parsed.issues.forEach(issue => io.stderr(`${formatIssue(issue)}\n`));
    return 1;
  }
  const csv = readBucketsCsv(csvText);
  if (!csv.ok) {
    csv.errors.forEach(error =>
      io.stderr(`${options.data}:${error.line}: ${error.message}\n`),
    );
    return 1;
  }

  const slos =
    options.name === undefined
      ? parsed.slos
      : parsed.slos.filter(s => s.name === options.name);
  if (slos.length === 0) {
    io.stderr(
      `--name: no SLO named "${options.name}" in ${
        options.slo
      } (found: ${parsed.slos.map(s => s.name).join(', ')})\n`,
    );
    return 1;
  }

  const entries: BudgetReportEntry[] = [];
  for (const slo of slos) {
    slo.objectives.forEach((_objective, objectiveIndex) => {
      const evaluation = evaluateSlo(slo, { minutes: csv.buckets }, at, {
        objectiveIndex,
      });
      const objective = slo.objectives.length > 1 ? objectiveIndex : undefined;
      entries.push(budgetReportEntry(slo.name, evaluation, objective));
      if (evaluation.errorBudget.remaining === null) {
        io.stderr(
          `${slo.name}${
            objective === undefined ? '' : ` (objective ${objective})`
          }: no data in the window from ${evaluation.window.start} to ${
            evaluation.window.end
          }: the error budget is unknown (consumed and remaining are null)\n`,
        );
      }
    });
  }
  io.stdout(`${JSON.stringify({ slos: entries }, null, 2)}\n`);
  return 0;
}
