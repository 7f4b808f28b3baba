import { CartesianGrid, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import {
  CHART_COLOURS,
  formatTooltipDate,
  lineChartFrame,
  timeAxis,
  valueAxisWidth,
} from './chartFormat';

/** Props of {@link TimeSeriesChart}. */
export interface TimeSeriesChartProps<T> {
  /** Points with their time as epoch ms in `t`. */
  data: T[];
  /** What the chart shows, for assistive technology. */
  label: string;
  width?: number;
  height: number;
  /** Time range of the x axis. */
  timeDomain: [number | string, number | string];
  /** Range of the y axis. */
  valueDomain: [number, number];
  /** Tick label of a y value. */
  formatTick: (value: number) => string;
  /** Tooltip text of a y value. */
  formatValue: (value: number) => string;
  /** The lines, reference lines and legend. */
  children: React.ReactNode;
}

/**
 * A line chart over time in the plugin's style: the grid, a time axis along
 * the bottom, a value axis and a tooltip; the caller adds what is drawn.
 */
export function TimeSeriesChart<T>(props: TimeSeriesChartProps<T>) {
  return (
    <LineChart
      data={props.data}
      {...lineChartFrame({
        label: props.label,
        width: props.width,
        height: props.height,
      })}
    >
      <CartesianGrid stroke={CHART_COLOURS.grid} strokeDasharray="3 3" />
      <XAxis {...timeAxis(props.timeDomain)} />
      <YAxis
        domain={props.valueDomain}
        tickFormatter={v => props.formatTick(Number(v))}
        stroke={CHART_COLOURS.axis}
        width={valueAxisWidth(props.valueDomain.map(props.formatTick))}
      />
      <Tooltip
        labelFormatter={formatTooltipDate}
        formatter={value => props.formatValue(Number(value))}
      />
      {props.children}
    </LineChart>
  );
}
