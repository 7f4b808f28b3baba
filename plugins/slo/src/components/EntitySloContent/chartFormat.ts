/** Short axis label for a time, e.g. "Mar 4". */
export function formatAxisDate(t: number): string {
  return new Date(t).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });
}

/** Tooltip label for a time. */
export function formatTooltipDate(t: unknown): string {
  return new Date(Number(t)).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** Colours that follow the light or dark BUI theme. */
export const CHART_COLOURS = {
  observed: 'var(--bui-accent-bg)',
  ideal: 'var(--bui-fg-secondary)',
  forecast: 'var(--bui-fg-negative)',
  target: 'var(--bui-fg-warning)',
  grid: 'var(--bui-border-1)',
  axis: 'var(--bui-fg-secondary)',
  deploy: 'var(--bui-fg-announcement)',
  incident: 'var(--bui-fg-negative)',
  note: 'var(--bui-fg-secondary)',
};

/**
 * Props every SLO line chart shares: a fixed or container-filling size, and
 * the chart exposed to assistive technology as one image named by `label`.
 */
export function lineChartFrame(options: {
  label: string;
  width?: number;
  height: number;
}) {
  const { label, width, height } = options;
  return {
    width,
    height,
    responsive: width === undefined,
    style: width === undefined ? { width: '100%' } : undefined,
    title: label,
    desc: label,
    role: 'img',
    'aria-label': label,
    margin: { top: 8, right: 16, bottom: 8, left: 0 },
  };
}

/** Props of the time axis both charts draw along the bottom. */
export function timeAxis(domain: [number | string, number | string]) {
  return {
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain,
    tickFormatter: formatAxisDate,
    stroke: CHART_COLOURS.axis,
  };
}

/**
 * A value-axis tick in percent with a real minus sign, so an overspent budget
 * reads "−115%", never "115%": e.g. (−115, 0) → "−115%", (99.95, 2) → "99.95%".
 */
export function formatAxisPercent(value: number, fractionDigits: number) {
  const text = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
  return `${text.replace('-', '\u2212')}%`;
}

/** Decimals that tell ticks apart over a range of `span` percentage points. */
export function axisFractionDigits(span: number): number {
  if (span >= 10) return 0;
  return span >= 1 ? 1 : 2;
}

/** Average width of a tick label character at the axis' font size, in pixels. */
const TICK_CHARACTER_WIDTH = 7;

/** Room the value axis needs so that its widest tick label is not cut off. */
export function valueAxisWidth(labels: string[]): number {
  const longest = Math.max(0, ...labels.map(label => label.length));
  return 12 + TICK_CHARACTER_WIDTH * longest;
}
