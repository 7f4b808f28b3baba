import { parseOpenSlo } from '@slo-kit/plugin-slo-common';
import type { CliIo } from '../io';
import { formatIssue } from '../formatIssue';

/** `slo-kit validate <files…>`: exit code 1 when any file has a problem. */
export async function validateCommand(
  files: string[],
  io: CliIo,
): Promise<number> {
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      io.stderr(
        `${file}:-:-: cannot read the file: ${(error as Error).message}\n`,
      );
      failed = true;
      continue;
    }
    const result = parseOpenSlo(text, file);
    if (result.ok) {
      io.stdout(`${file}: ok (${result.slos.map(s => s.name).join(', ')})\n`);
    } else {
      failed = true;
      for (const issue of result.issues) {
        io.stderr(`${formatIssue(issue)}\n`);
      }
    }
  }
  return failed ? 1 : 0;
}
