import type { SloHistoryResponse } from '@slo-kit/plugin-slo-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent } from '../../format';
import {
  CHART_COLOURS,
  formatTooltipDate,
  lineChartFrame,
  timeAxis,
} from './chartFormat';

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
  const label = `SLI of ${sloTitle} over time in percent, against the target of ${formatPercent(
    target,
    3,
  )}`;

  return (
    <LineChart
      data={points}
      {...lineChartFrame({
        label,
        width: props.width,
        height: props.height ?? 180,
      })}
    >
      <CartesianGrid stroke={CHART_COLOURS.grid} strokeDasharray="3 3" />
      <XAxis {...timeAxis(['dataMin', 'dataMax'])} />
      <YAxis
        domain={[floor, 100]}
        tickFormatter={v => `${Number(v).toFixed(2)}%`}
        stroke={CHART_COLOURS.axis}
        width={64}
      />
      <Tooltip
        labelFormatter={formatTooltipDate}
        formatter={value => `${Number(value).toFixed(3)}%`}
      />
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
    </LineChart>
  );
}
