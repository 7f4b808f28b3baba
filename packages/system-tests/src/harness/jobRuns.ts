/** One run of a scheduled job, as a backend's log shows it. */
export interface JobRun {
  replica: string;
  start: number;
  end: number;
}

const EVALUATION = /^(\S+Z)\s+slo\s+debug\s+SLO evaluation: .* in (\d+) ms/;
const SYNC = /^(\S+Z)\s+slo\s+info\s+SLO sync checked \d+ entities/;

/**
 * The evaluation cycles a backend ran: each cycle logs one debug line when
 * it has written its statuses, with its duration.
 */
export function evaluationRuns(replica: string, lines: string[]): JobRun[] {
  return lines.flatMap(line => {
    const match = EVALUATION.exec(line);
    if (!match) return [];
    const end = Date.parse(match[1]);
    return [{ replica, start: end - Number(match[2]), end }];
  });
}

/** The catalog sync runs of a backend (one info line at the end of each; no duration). */
export function catalogSyncRuns(replica: string, lines: string[]): JobRun[] {
  return lines.flatMap(line => {
    const match = SYNC.exec(line);
    if (!match) return [];
    const end = Date.parse(match[1]);
    return [{ replica, start: end, end }];
  });
}

/** Runs of all replicas in order of start, within [from, to]. */
export function mergedRuns(runs: JobRun[], from: number, to: number): JobRun[] {
  return runs
    .filter(r => r.start >= from && r.end <= to)
    .sort((a, b) => a.start - b.start);
}

/** Pairs of runs (across replicas) that ran at the same time. */
export function overlappingRuns(runs: JobRun[]): Array<[JobRun, JobRun]> {
  const overlaps: Array<[JobRun, JobRun]> = [];
  for (let i = 1; i < runs.length; i++) {
    if (runs[i].start < runs[i - 1].end) overlaps.push([runs[i - 1], runs[i]]);
  }
  return overlaps;
}

/**
 * The most runs a global task with this cadence may start in a window:
 * Backstage's scheduler sets each next run to the previous planned start plus
 * the cadence, and a run starts no earlier than planned, at most one polling
 * interval late; so a window holds at most window / cadence + 2 starts. Two
 * replicas each running the task on their own would start about twice as many.
 */
export function maxRunsInWindow(windowMs: number, cadenceMs: number): number {
  return Math.floor(windowMs / cadenceMs) + 2;
}
