import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './io';
import { validateCommand } from './commands/validate';
import { budgetCommand } from './commands/budget';

const defaultIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  readFile: path => readFile(path, 'utf8'),
  now: () => Date.now(),
};

/**
 * Runs the slo-kit command line with the given argv (as in `process.argv`)
 * and resolves to the process exit code.
 */
export async function main(
  argv: string[],
  io: CliIo = defaultIo,
): Promise<number> {
  let exitCode = 0;
  const program = new Command('slo-kit')
    .description(
      'SLO Kit: OpenSLO validation, error budgets and the release gate',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('validate')
    .description(
      'Check OpenSLO v1 files; prints file:document:path: message per problem',
    )
    .argument('<files...>', 'OpenSLO YAML files')
    .action(async (files: string[]) => {
      exitCode = await validateCommand(files, io);
    });

  program
    .command('budget')
    .description(
      'Compute error budgets from a CSV of minute buckets (timestamp,good,total)',
    )
    .requiredOption('--slo <file>', 'OpenSLO YAML file')
    .requiredOption('--data <csv>', 'CSV with the header timestamp,good,total')
    .option('--at <time>', 'evaluation time, ISO 8601 (default: now)')
    .option('--name <slo>', 'only the SLO with this metadata.name')
    .action(
      async (options: {
        slo: string;
        data: string;
        at?: string;
        name?: string;
      }) => {
        exitCode = await budgetCommand(options, io);
      },
    );

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    throw error;
  }
  return exitCode;
}
