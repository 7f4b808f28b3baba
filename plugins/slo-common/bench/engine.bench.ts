/*
 * Benchmark: status of 5,000 SLOs over a 30-day window from hourly rollups
 * plus minute tails, in one process. Run with `yarn bench` in this package;
 * results go to bench-results/slo-common-engine.txt at the repository root.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BudgetingMethod, SloDefinition } from '../src/openslo/types';
import type { HourRollup, MinuteBucket, SliData } from '../src/engine/types';
import { evaluateSlo } from '../src/engine/evaluateSlo';
import { minuteTailHours } from '../src/engine/minuteTailHours';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../src/time';

const SLO_COUNT = 5_000;
const ROUNDS = 5;
const AT = Date.parse('2026-06-30T13:37:00Z');

/** A small deterministic pseudo-random generator, so every run sees the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function definition(index: number): SloDefinition {
  const methods: BudgetingMethod[] = [
    'Occurrences',
    'Timeslices',
    'RatioTimeslices',
  ];
  const method = methods[index % 3];
  return {
    name: `slo-${index}`,
    indicator: {
      kind: 'ratio',
      counter: false,
      numerator: 'good',
      numeratorSource: { type: 'push' },
      totalSource: { type: 'push' },
    },
    timeWindow: { kind: 'rolling', duration: '30d', durationMinutes: 43_200 },
    budgetingMethod: method,
    objectives: [
      {
        target: 0.999,
        ...(method !== 'Occurrences'
          ? { timeSliceWindowMinutes: index % 2 ? 1 : 5 }
          : {}),
        ...(method === 'Timeslices' ? { timeSliceTarget: 0.99 } : {}),
      },
    ],
  };
}

function data(slo: SloDefinition, next: () => number): SliData {
  const windowStart = AT - 30 * DAY_MS;
  const rollups: HourRollup[] = [];
  for (
    let hour = Math.floor(windowStart / HOUR_MS) * HOUR_MS;
    hour < AT;
    hour += HOUR_MS
  ) {
    const total = 50_000 + Math.floor(next() * 10_000);
    const bad =
      next() < 0.02 ? Math.floor(next() * 500) : Math.floor(next() * 20);
    rollups.push({
      start: hour,
      good: total - bad,
      total,
      minutesWithData: 60,
      slicesWithData: 60,
      goodSlices: 60 - Math.min(60, Math.floor(bad / 20)),
      sliceRatioSum: 60 - bad / 1000,
    });
  }
  const minutes: MinuteBucket[] = [];
  for (const hour of minuteTailHours(slo, AT)) {
    for (let t = hour; t < hour + HOUR_MS && t < AT; t += MINUTE_MS) {
      const total = 800 + Math.floor(next() * 200);
      minutes.push({ start: t, good: total - (next() < 0.05 ? 3 : 0), total });
    }
  }
  return { rollups, minutes };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No workspace root above ${start}`);
    dir = parent;
  }
}

function run() {
  const next = random(2026);
  const slos = Array.from({ length: SLO_COUNT }, (_, i) => definition(i));
  const inputs = slos.map(slo => data(slo, next));
  const rollupCount = inputs.reduce((n, d) => n + (d.rollups?.length ?? 0), 0);
  const minuteCount = inputs.reduce((n, d) => n + d.minutes.length, 0);

  const rounds: number[] = [];
  let statuses: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    statuses = {};
    const before = process.cpuUsage();
    for (let i = 0; i < SLO_COUNT; i++) {
      const evaluation = evaluateSlo(slos[i], inputs[i], AT);
      statuses[evaluation.status] = (statuses[evaluation.status] ?? 0) + 1;
    }
    rounds.push(cpuMs(process.cpuUsage(before)));
  }
  const first = rounds[0];
  const best = Math.min(...rounds);
  const sorted = [...rounds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const cpus = os.cpus();

  const lines = [
    'slo-common engine benchmark: evaluateSlo for 5,000 SLOs, 30-day rolling window,',
    'hourly rollups + minute tails (the hours minuteTailHours names), one process.',
    '',
    `date:            ${new Date().toISOString()}`,
    `machine:         ${cpus[0]?.model ?? 'unknown'} x ${
      cpus.length
    }, ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GiB, ${os.platform()} ${os.release()} ${os.arch()}`,
    `node:            ${process.version}`,
    `SLOs:            ${SLO_COUNT} (1/3 each Occurrences, Timeslices, RatioTimeslices; 1m and 5m slices)`,
    `input:           ${rollupCount} hourly rollups, ${minuteCount} minute buckets`,
    `statuses:        ${JSON.stringify(statuses)}`,
    `rounds:          ${ROUNDS}; CPU ms per round (user+system, process.cpuUsage): ${rounds
      .map(r => r.toFixed(1))
      .join(', ')}`,
    `first round:     ${first.toFixed(1)} ms CPU for all ${SLO_COUNT} (${(
      (first * 1000) /
      SLO_COUNT
    ).toFixed(1)} µs per SLO, cold JIT)`,
    `median round:    ${median.toFixed(1)} ms CPU for all ${SLO_COUNT} (${(
      (median * 1000) /
      SLO_COUNT
    ).toFixed(1)} µs per SLO)`,
    `best round:      ${best.toFixed(1)} ms CPU`,
    `target:          < 1000 ms CPU for all ${SLO_COUNT}: ${
      first < 1000 ? 'met' : 'NOT met'
    } (first round)`,
    '',
  ];
  const out = path.join(
    findRepoRoot(__dirname),
    'bench-results',
    'slo-common-engine.txt',
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, lines.join('\n'));
  process.stdout.write(
    `${lines.join('\n')}\nwritten to ${path.relative(process.cwd(), out)}\n`,
  );
}

run();
