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
  warning: 1,
  'no-data': 2,
  healthy: 3,
};

function sortValue(
  item: PortfolioItem,
  field: PortfolioSortField,
): string | number | null {
  switch (field) {
    case 'service':
      return item.entityRef;
    case 'serviceOwner':
      return item.serviceOwner;
    case 'sreOwner':
      return item.sreOwner;
    case 'target':
      return item.target;
    case 'sli':
      return item.sli;
    case 'budgetRemaining':
      return item.budgetRemaining;
    case 'status':
      return STATUS_RANK[item.status];
    default:
      return null;
  }
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
