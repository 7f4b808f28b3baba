import type {
  SloEvaluation,
  SloHistoryResponse,
} from '@slo-kit/plugin-slo-common';
import { Legend, Line, ReferenceLine } from 'recharts';
import { buildBurnDownSeries } from './burnDownSeries';
import { CHART_COLOURS, formatAxisPercent } from './chartFormat';
import { eventKey, eventPresentation } from './eventMarkers';
import { TimeSeriesChart } from './TimeSeriesChart';

export interface BurnDownChartProps {
  sloTitle: string;
  history: SloHistoryResponse;
  evaluation: SloEvaluation;
  /** Fixed size; the chart follows its container's width when omitted. */
  width?: number;
  height?: number;
}

/** The three series of the burn-down, drawn in this order. */
const BURN_DOWN_LINES = [
  {
    name: 'Ideal burn',
    dataKey: 'ideal',
    stroke: CHART_COLOURS.ideal,
    strokeDasharray: '6 4',
  },
  {
    name: 'Budget remaining',
    dataKey: 'remaining',
    stroke: CHART_COLOURS.observed,
    strokeWidth: 2,
  },
  {
    name: 'Forecast',
    dataKey: 'forecast',
    stroke: CHART_COLOURS.forecast,
    strokeDasharray: '2 2',
  },
];

/** Budget remaining across the window against the ideal straight-line burn. */
export function BurnDownChart(props: BurnDownChartProps) {
  const { history, evaluation, sloTitle } = props;
  const { points, domain } = buildBurnDownSeries(history, evaluation);
  const lowest = Math.min(0, ...points.map(p => p.remaining ?? 0));
  const events = history.events.length;
  const label = `Burn-down of the error budget for ${sloTitle}: budget remaining in percent over the window, with the ideal straight-line burn${
    evaluation.exhaustion.at ? ' and the forecast' : ''
  }${
    events > 0 ? `; ${events} ${events === 1 ? 'event' : 'events'} marked` : ''
  }`;

  return (
    <TimeSeriesChart
      data={points}
      label={label}
      width={props.width}
      height={props.height ?? 260}
      timeDomain={domain}
      valueDomain={[Math.floor(lowest / 10) * 10, 100]}
      formatTick={v => formatAxisPercent(v, 0)}
      formatValue={v => formatAxisPercent(v, 1)}
    >
      <Legend />
      <ReferenceLine y={0} stroke={CHART_COLOURS.forecast} />
      {history.events.map((event, index) => {
        const { stroke, strokeDasharray } = eventPresentation(event.type);
        return (
          <ReferenceLine
            key={eventKey(event, index)}
            className={`slo-event-marker slo-event-${event.type}`}
            x={Date.parse(event.at)}
            stroke={stroke}
            strokeDasharray={strokeDasharray}
            label={{
              value: event.title,
              position: 'insideTopLeft',
              fill: CHART_COLOURS.axis,
              fontSize: 11,
            }}
          />
        );
      })}
      {BURN_DOWN_LINES.map(line => (
        <Line
          key={line.dataKey}
          {...line}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </TimeSeriesChart>
  );
}
