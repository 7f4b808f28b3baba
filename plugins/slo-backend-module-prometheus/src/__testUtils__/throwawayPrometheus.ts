import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's `prometheus` package puts its binaries; overridable for other systems. */
const PROMETHEUS = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

function requireBinary(file: string) {
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} is missing: the Prometheus tests need Debian's prometheus package (apt-get install -y prometheus; scripts/system-packages.sh installs it)`,
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A real Prometheus for one test file: own data directory, free port, stopped at the end. */
export interface ThrowawayPrometheus {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Its TSDB directory. */
  dataDir: string;
  /** Kills the server at once (SIGKILL), as an outage would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data, and waits until it is ready. */
  restart(): Promise<void>;
  /** Stops it and deletes its data. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's Prometheus 2.x on a free port with its own data directory:
 * `history` (OpenMetrics text) is first written into the TSDB as blocks
 * with `promtool tsdb create-blocks-from openmetrics`, and `scrapeTargets`
 * (host:port) are scraped every second.
 */
export async function startThrowawayPrometheus(options: {
  /** OpenMetrics text to write into the TSDB before the start. */
  history?: string;
  /** Or files holding it, written one after the other (promtool reads its input once per two-hour block, so long histories go in a file per day). */
  historyFiles?: string[];
  scrapeTargets?: string[];
}): Promise<ThrowawayPrometheus> {
  requireBinary(PROMETHEUS);
  requireBinary(PROMTOOL);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-kit-prometheus-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  const inputs = [...(options.historyFiles ?? [])];
  if (options.history !== undefined) {
    inputs.push(path.join(dir, 'history.om'));
    fs.writeFileSync(inputs[inputs.length - 1], options.history);
  }
  for (const input of inputs) {
    await run(PROMTOOL, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      input,
      dataDir,
    ]);
  }
  const targets = options.scrapeTargets ?? [];
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    configFile,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      ...(targets.length > 0
        ? [
            '  - job_name: exporter',
            '    static_configs:',
            `      - targets: [${targets.map(t => `'${t}'`).join(', ')}]`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const log: string[] = [];

  const start = async () => {
    child = spawn(
      PROMETHEUS,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=30d',
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.length > 50) log.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(
          `Prometheus exited with ${child.exitCode}:\n${log.join('')}`,
        );
      }
      try {
        const ready = await fetch(`${url}/-/ready`);
        if (ready.ok) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(`Prometheus not ready within 60 s:\n${log.join('')}`);
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  };

  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>(resolve => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };

  await start();
  return {
    url,
    dataDir,
    kill,
    restart: start,
    async stop() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
