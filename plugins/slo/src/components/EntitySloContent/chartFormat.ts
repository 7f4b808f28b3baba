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
