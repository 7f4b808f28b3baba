import {
  BURN_WINDOW_HORIZON_MS,
  MINUTE_MS,
  SloHistoryPoint,
  evaluateSlo,
  floorToHour,
  floorToMinute,
  resolveWindow,
} from '@slo-kit/plugin-slo-common';
import type {
  SliDataStore,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';

/** Most points a history response may hold. */
export const MAX_HISTORY_POINTS = 1_000;
export const DEFAULT_HISTORY_POINTS = 200;

/**
 * SLI, budget remaining and the 1h burn rate of an SLO at up to `points`
 * instants spread evenly over `[from, to]` (on minute boundaries), each
 * computed by the engine from the stored rollups and minutes. The engine only
 * reads data before each instant and uses a rollup only for whole hours inside
 * a range, so one data set serves every instant.
 */
export async function computeSloHistory(
  sliData: SliDataStore,
  definition: StoredSloDefinition,
  range: { from: number; to: number; points: number },
): Promise<SloHistoryPoint[]> {
  const { from, to } = range;
  const points = Math.max(1, Math.min(range.points, MAX_HISTORY_POINTS));
  const earliestWindowStart = resolveWindow(
    definition.definition.timeWindow,
    from,
  ).start;
  const dataFrom = Math.min(earliestWindowStart, from - BURN_WINDOW_HORIZON_MS);
  const hourFrom = floorToHour(dataFrom);

  const key = definition.sloKey;
  const [rollupSpans, minuteSeries] = await Promise.all([
    sliData.readRollupSpans('hour', hourFrom, to, [key]),
    sliData.readMinuteSeries(hourFrom, to + MINUTE_MS, [key]),
  ]);
  const rollups = rollupSpans.get(key) ?? [];
  const minutes = minuteSeries.get(key) ?? [];

  const step = points > 1 ? (to - from) / (points - 1) : 0;
  const result: SloHistoryPoint[] = [];
  let lastAt = Number.NaN;
  for (let i = 0; i < points; i++) {
    const at = floorToMinute(from + step * i);
    if (at === lastAt) continue;
    lastAt = at;
    const evaluation = evaluateSlo(
      definition.definition,
      { rollups, minutes },
      at,
    );
    result.push({
      at: new Date(at).toISOString(),
      sli: evaluation.sli,
      budgetRemaining: evaluation.errorBudget.remaining,
      burnRate: evaluation.burnRates['1h'],
    });
  }
  return result;
}
