import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

/** One `run:` step of a GitHub Actions workflow, with the env it gets. */
export interface WorkflowStep {
  name: string;
  run: string;
  /** The workflow's, the job's and the step's `env`, later ones winning, expressions as written. */
  env: Record<string, string>;
}

/** How a step ended: exit code and what it printed (stdout and stderr in order). */
export interface StepResult {
  code: number | null;
  output: string;
  /** What the step appended to `$GITHUB_STEP_SUMMARY`. */
  summary: string;
}

/** A parsed workflow and its `run:` steps by job and step name. */
export class Workflow {
  readonly document: any;

  constructor(text: string) {
    this.document = parse(text);
  }

  step(jobId: string, stepName: string): WorkflowStep {
    const job = this.document.jobs?.[jobId];
    const step = job?.steps?.find((s: any) => s.name === stepName);
    if (!step?.run) {
      throw new Error(`No run step "${stepName}" in job ${jobId}`);
    }
    return {
      name: stepName,
      run: step.run,
      env: { ...this.document.env, ...job.env, ...step.env },
    };
  }
}

/** Every `${{ … }}` expression of a text, trimmed. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map(match => match[1].trim());
}

/**
 * The env a step gets on a runner: each `${{ expression }}` replaced by
 * `contexts[expression]`; an expression it does not know is an error, so a
 * new one in the workflow cannot go untested.
 */
export function resolveEnv(
  env: Record<string, string>,
  contexts: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => {
        const key = expression.trim();
        if (!(key in contexts)) {
          throw new Error(`${name} uses \${{ ${key} }}, unknown to the test`);
        }
        return contexts[key];
      }),
    ]),
  );
}

/**
 * Runs a step's shell as a fresh runner would (`bash -e` in `cwd`), with
 * only PATH, HOME, a step summary file and `env`: nothing of this machine's
 * environment leaks in.
 */
export async function runStep(
  step: WorkflowStep,
  env: Record<string, string>,
  cwd: string,
): Promise<StepResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workflow-step-'));
  const script = path.join(dir, 'step.sh');
  const summary = path.join(dir, 'summary.md');
  await writeFile(script, step.run);
  await writeFile(summary, '');
  return new Promise((resolve, reject) => {
    const child = spawn(
      'bash',
      ['--noprofile', '--norc', '-e', '-o', 'pipefail', script],
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: os.homedir(),
          GITHUB_STEP_SUMMARY: summary,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', async code => {
      clearTimeout(timer);
      resolve({ code, output, summary: await readFile(summary, 'utf8') });
    });
  });
}
