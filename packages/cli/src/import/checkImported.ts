import { parseOpenSlo } from '@slo-kit/plugin-slo-common';
import type { ImportIssue } from './importReport';
import { ImportReporter } from './importReport';
import type { ImportedSlo } from './importedSlo';
import { writeOpenSlo } from './writeOpenSlo';

/**
 * Keeps the imported SLOs that SLO Kit's own OpenSLO parser accepts, each
 * with a name no other kept SLO has; every SLO left out is reported at its
 * place in the input with the parser's reason. Throws when the kept SLOs
 * together are not accepted, which would be a bug of the importer.
 */
export function checkImported(
  slos: ImportedSlo[],
  file: string,
  issues: ImportIssue[],
): ImportedSlo[] {
  const kept: ImportedSlo[] = [];
  for (const slo of slos) {
    const reporter = new ImportReporter(
      issues,
      file,
      slo.from.documentIndex,
      slo.from.documentName,
    );
    const twin = kept.find(other => other.name === slo.name);
    if (twin) {
      reporter.notCarried(
        slo.from.path,
        `converts to the SLO name "${slo.name}", which an SLO before it already has; rename one of them`,
      );
      continue;
    }
    const result = parseOpenSlo(writeOpenSlo([slo]), file);
    if (!result.ok) {
      for (const issue of result.issues) {
        reporter.notCarried(
          slo.from.path,
          `the converted SLO "${slo.name}" is not valid OpenSLO for SLO Kit: ${
            issue.path || '-'
          }: ${issue.message}`,
        );
      }
      continue;
    }
    kept.push(slo);
  }
  if (kept.length > 0) {
    const all = parseOpenSlo(writeOpenSlo(kept), file);
    if (!all.ok) {
      throw new Error(
        `slo-kit import wrote OpenSLO its own parser refuses: ${all.issues
          .map(issue => `${issue.path}: ${issue.message}`)
          .join('; ')}`,
      );
    }
  }
  return kept;
}
