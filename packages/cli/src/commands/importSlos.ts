import type { CliIo } from '../io';
import { formatIssue } from '../formatIssue';
import { checkImported } from '../import/checkImported';
import type { ImportIssue } from '../import/importReport';
import type { ImportedSlo } from '../import/importedSlo';
import { openSloDuration } from '../import/promDuration';
import { readPyrraSlo } from '../import/readPyrraSlo';
import { SLOTH_DEFAULT_WINDOW, readSlothSpec } from '../import/readSlothSpec';
import { writeOpenSlo } from '../import/writeOpenSlo';

/** Options of `slo-kit import sloth|pyrra <file>`. */
export interface ImportOptions {
  out?: string;
  /** Sloth: the SLO period (Sloth's --default-slo-period); default 30d. */
  window?: string;
  /** Pyrra: spec.service of every SLO. */
  service?: string;
}

/**
 * `slo-kit import sloth|pyrra <file>`: writes OpenSLO v1 to --out or stdout
 * and one line per finding on stderr. Exit 0 when everything was carried
 * (notes allowed), 1 when anything was not carried, the input is invalid or
 * unreadable (the SLOs that could be converted are still written), 2 on
 * wrong usage.
 */
export async function importCommand(
  format: 'sloth' | 'pyrra',
  file: string,
  options: ImportOptions,
  io: CliIo,
): Promise<number> {
  let window = SLOTH_DEFAULT_WINDOW;
  if (format === 'sloth' && options.window !== undefined) {
    const read = openSloDuration(options.window);
    if (!read.ok) {
      io.stderr(`slo-kit import sloth: --window: ${read.reason}\n`);
      return 2;
    }
    window = read.value.duration;
  }

  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    io.stderr(
      `${file}:-:-: cannot read the file: ${(error as Error).message}\n`,
    );
    return 1;
  }

  const issues: ImportIssue[] = [];
  const read: ImportedSlo[] =
    format === 'sloth'
      ? readSlothSpec(text, file, window, issues)
      : readPyrraSlo(text, file, { service: options.service }, issues);
  const slos = checkImported(read, file, issues);

  for (const issue of issues) {
    const kind = issue.severity === 'note' ? 'note' : 'not carried';
    io.stderr(
      `${formatIssue({ ...issue, message: `${kind}: ${issue.message}` })}\n`,
    );
  }
  const incomplete = issues.some(issue => issue.severity === 'not-carried');

  if (slos.length === 0) {
    io.stderr(`${file}: no SLO could be converted; nothing written\n`);
    return 1;
  }
  const yaml = writeOpenSlo(slos);
  const names = slos.map(slo => slo.name).join(', ');
  if (options.out !== undefined) {
    try {
      await io.writeFile(options.out, yaml);
    } catch (error) {
      io.stderr(
        `${options.out}: cannot write the file: ${(error as Error).message}\n`,
      );
      return 1;
    }
    io.stdout(`${options.out}: wrote ${slos.length} SLO(s) (${names})\n`);
  } else {
    io.stdout(yaml);
  }
  if (incomplete) {
    io.stderr(
      `${file}: converted ${slos.length} SLO(s) (${names}); the lines above name what was not carried\n`,
    );
  }
  return incomplete ? 1 : 0;
}
