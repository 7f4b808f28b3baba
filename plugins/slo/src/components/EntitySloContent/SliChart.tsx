import type { SloHistoryResponse } from '@slo-kit/plugin-slo-common';
import { Line, ReferenceLine } from 'recharts';
import { formatPercent } from '../../format';
import {
  CHART_COLOURS,
  axisFractionDigits,
  formatAxisPercent,
} from './chartFormat';
import { TimeSeriesChart } from './TimeSeriesChart';

export interface SliChartProps {
  sloTitle: string;
  history: SloHistoryResponse;
  target: number;
  width?: number;
  height?: number;
}

/** The SLI over time against the objective's target. */
export function SliChart(props: SliChartProps) {
  const { history, target, sloTitle } = props;
  const points = history.points
    .filter(point => point.sli !== null)
    .map(point => ({ t: Date.parse(point.at), sli: point.sli! * 100 }));
  const lowest = Math.min(target * 100, ...points.map(p => p.sli));
  const floor = Math.max(
    0,
    Math.floor((lowest - (100 - lowest) * 0.5) * 100) / 100,
  );
  const tickDigits = axisFractionDigits(100 - floor);
  const label = `SLI of ${sloTitle} over time in percent, against the target of ${formatPercent(
    target,
    3,
  )}`;

  return (
    <TimeSeriesChart
      data={points}
      label={label}
      width={props.width}
      height={props.height ?? 180}
      timeDomain={['dataMin', 'dataMax']}
      valueDomain={[floor, 100]}
      formatTick={v => formatAxisPercent(v, tickDigits)}
      formatValue={v => formatAxisPercent(v, 3)}
    >
      <ReferenceLine
        y={target * 100}
        stroke={CHART_COLOURS.target}
        strokeDasharray="6 4"
        label={{
          value: 'Target',
          position: 'insideBottomRight',
          fill: CHART_COLOURS.axis,
          fontSize: 11,
        }}
      />
      <Line
        name="SLI"
        dataKey="sli"
        stroke={CHART_COLOURS.observed}
        dot={false}
        isAnimationActive={false}
      />
    </TimeSeriesChart>
  );
}
