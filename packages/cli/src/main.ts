import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './io';
import { validateCommand } from './commands/validate';
import { budgetCommand } from './commands/budget';
import { eventCommand } from './commands/event';
import { gateCommand } from './commands/gate';
import { importCommand, type ImportOptions } from './commands/importSlos';
import { SLOTH_DEFAULT_WINDOW } from './import/readSlothSpec';

const defaultIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  readFile: path => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
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
      'SLO Kit: OpenSLO validation and import, error budgets and the release gate',
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

  const importer = program
    .command('import')
    .description(
      'Convert Sloth or Pyrra SLOs to OpenSLO v1 with Prometheus metric sources',
    )
    // Exit 1 means "not everything was carried"; wrong usage is 2.
    .exitOverride(usageExitCode(2));
  importer
    .command('sloth')
    .description(
      'Convert a Sloth spec (version: prometheus/v1, or a sloth.slok.dev/v1 PrometheusServiceLevel). ' +
        "Each SLO is named <service>-<name> with spec.service set to the spec's service, " +
        'error_query as bad and total_query as total (their counter selectors), over a rolling --window. ' +
        'What is not carried is listed on stderr as file:document:path: reason. ' +
        'Exit 0 all carried, 1 something not carried or invalid input, 2 wrong usage',
    )
    .argument('<file>', 'Sloth YAML file (one or more documents)')
    .option('--out <file>', 'write the OpenSLO here instead of stdout')
    .option(
      '--window <duration>',
      `the SLO period, as Sloth's --default-slo-period (default ${SLOTH_DEFAULT_WINDOW})`,
    )
    .exitOverride(usageExitCode(2))
    .action(async (file: string, options: ImportOptions) => {
      exitCode = await importCommand('sloth', file, options, io);
    });
  importer
    .command('pyrra')
    .description(
      'Convert Pyrra ServiceLevelObjective resources (pyrra.dev/v1alpha1). ' +
        'Each SLO keeps metadata.name, labels, target and window; ratio errors become bad, ' +
        'latency success becomes good, each with total. spec.service is --service, else the ' +
        'pyrra.dev/service label, else metadata.namespace. ' +
        'What is not carried is listed on stderr as file:document:path: reason. ' +
        'Exit 0 all carried, 1 something not carried or invalid input, 2 wrong usage',
    )
    .argument('<file>', 'YAML file with ServiceLevelObjective documents')
    .option('--out <file>', 'write the OpenSLO here instead of stdout')
    .option('--service <name>', 'spec.service of every SLO')
    .exitOverride(usageExitCode(2))
    .action(async (file: string, options: ImportOptions) => {
      exitCode = await importCommand('pyrra', file, options, io);
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

  program
    .command('gate')
    .description(
      'Ask the release gate whether an entity may ship now, and record the question. Exit 0 allow or warn, 3 block, 4 could not ask',
    )
    .requiredOption('--url <url>', "the portal's backend base URL")
    .requiredOption('--token <token>', 'a Backstage access token')
    .requiredOption(
      '--entity <ref>',
      'the entity, e.g. component:default/checkout-api',
    )
    .option('--environment <name>', 'where the release goes, e.g. production')
    .option('--version <version>', 'the version being released')
    .option(
      '--change-type <type>',
      'e.g. rollback or security-fix (exempt by default)',
    )
    .option('--json', 'print the evaluation as JSON')
    .option('--fail-open', 'exit 0 when the gate cannot be asked')
    .action(async options => {
      exitCode = await gateCommand(options, io);
    });

  program
    .command('event')
    .description(
      'Record a deploy, incident or note of an entity (shown on its charts)',
    )
    .argument('<type>', 'deploy, incident or note')
    .requiredOption('--url <url>', "the portal's backend base URL")
    .requiredOption('--token <token>', 'a Backstage access token')
    .requiredOption(
      '--entity <ref>',
      'the entity, e.g. component:default/checkout-api',
    )
    .requiredOption('--title <text>', 'what happened, e.g. "Deploy 1.4.0"')
    .option('--version <version>', 'the version deployed')
    .option('--link <url>', 'a link, e.g. to the CI run')
    .option('--at <time>', 'when, ISO 8601 (default: now)')
    .action(async (type: string, options) => {
      if (!['deploy', 'incident', 'note'].includes(type)) {
        io.stderr(
          `slo-kit event: <type> must be deploy, incident or note, got "${type}"\n`,
        );
        exitCode = 2;
        return;
      }
      exitCode = await eventCommand(
        { ...options, type: type as 'deploy' | 'incident' | 'note' },
        io,
      );
    });

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

/** An exit override that turns commander's usage errors into `code` (help stays 0). */
function usageExitCode(code: number): (error: CommanderError) => never {
  return error => {
    if (error.exitCode === 0) {
      throw error;
    }
    throw new CommanderError(code, error.code, error.message);
  };
}
