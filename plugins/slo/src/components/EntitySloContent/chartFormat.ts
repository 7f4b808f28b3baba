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
  event: 'var(--bui-fg-secondary)',
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
