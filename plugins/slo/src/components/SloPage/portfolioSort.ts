import type {
  PortfolioItem,
  PortfolioSortField,
  SloStatusValue,
} from '@slo-kit/plugin-slo-common';

/** Portfolio columns that can be sorted, by column id. */
export const SORTABLE_COLUMNS: Record<string, PortfolioSortField> = {
  service: 'service',
  serviceOwner: 'serviceOwner',
  sreOwner: 'sreOwner',
  objective: 'target',
  sli: 'sli',
  budgetRemaining: 'budgetRemaining',
  status: 'status',
};

/** Worst first when ascending, so a review starts with what needs attention. */
const STATUS_RANK: Record<SloStatusValue, number> = {
  critical: 0,
  // Not evaluated: unknown, possibly critical, and someone must fix it.
  error: 1,
  warning: 2,
  'no-data': 3,
  healthy: 4,
};

/** The value each sortable field orders a portfolio row by. */
const SORT_VALUES: Record<
  PortfolioSortField,
  (item: PortfolioItem) => string | number | null
> = {
  service: item => item.entityRef,
  serviceOwner: item => item.serviceOwner,
  sreOwner: item => item.sreOwner,
  target: item => item.target,
  sli: item => item.sli,
  budgetRemaining: item => item.budgetRemaining,
  status: item => STATUS_RANK[item.status],
};

function sortValue(
  item: PortfolioItem,
  field: PortfolioSortField,
): string | number | null {
  return SORT_VALUES[field]?.(item) ?? null;
}

/**
 * Orders one page the way the server is asked to order the whole set, so the
 * page reads consistently even from a server that ignores `sort`. Missing
 * values go last in either direction.
 */
export function sortPortfolioPage(
  items: PortfolioItem[],
  field: PortfolioSortField,
  order: 'asc' | 'desc',
): PortfolioItem[] {
  const direction = order === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const left = sortValue(a, field);
    const right = sortValue(b, field);
    if (left === null || right === null) {
      if (left === right) return 0;
      return left === null ? 1 : -1;
    }
    if (typeof left === 'number' && typeof right === 'number') {
      return (left - right) * direction;
    }
    return String(left).localeCompare(String(right)) * direction;
  });
}
