import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { BackendConfigOptions, backendConfig } from './backendConfig';
import { repoRoot, workDir } from './paths';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * One real SLO Kit backend: the demo backend (packages/backend) in its own
 * node process, with app-config.yaml plus the test's config layered over it.
 * Its output is kept line by line (colours removed) and written to
 * `.local/system-tests/<name>.log`.
 */
export class BackendProcess {
  readonly lines: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  private readonly logFile: string;
  private readonly configFile: string;

  constructor(readonly options: BackendConfigOptions) {
    fs.mkdirSync(workDir, { recursive: true });
    this.logFile = path.join(workDir, `${options.name}.log`);
    this.configFile = path.join(workDir, `${options.name}.config.yaml`);
    fs.writeFileSync(
      this.configFile,
      JSON.stringify(backendConfig(options), null, 2),
    );
  }

  get name(): string {
    return this.options.name;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  /** Starts the process and waits until `/api/slo/health` answers 200. */
  async start(timeoutMs = 180_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    const log = fs.createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        path.join(repoRoot, 'app-config.yaml'),
        '--config',
        this.configFile,
      ],
      {
        cwd: path.join(repoRoot, 'packages/backend'),
        env: { ...process.env, NODE_ENV: 'development', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.exited = new Promise(resolve =>
      child.once('exit', code => {
        log.end();
        resolve(code);
      }),
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', line => {
        log.write(`${line}\n`);
        if (line.trim()) this.lines.push(line.replace(ANSI, ''));
      });
    }

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) {
        throw new Error(
          `${this.name} exited while starting; see ${
            this.logFile
          }:\n${this.lines.slice(-20).join('\n')}`,
        );
      }
      try {
        const res = await fetch(`${this.baseUrl}/api/slo/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`${this.name} was not healthy within ${timeoutMs} ms`);
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }

  /** `kill -9`: the process gets no chance to finish anything. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Graceful stop (SIGTERM), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.signal('SIGTERM');
    clearTimeout(timer);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exited;
  }

  /** CPU time (user + system, ms) and resident memory (bytes) of the process now. */
  usage(): { cpuMs: number; rssBytes: number } {
    const pid = this.pid;
    if (!pid || !this.running) throw new Error(`${this.name} is not running`);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100/s).
    const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuMs, rssBytes: rssKb * 1024 };
  }
}
