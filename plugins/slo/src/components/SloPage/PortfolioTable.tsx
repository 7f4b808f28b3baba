import {
  Cell,
  CellText,
  Flex,
  Table,
  Text,
  useTable,
  type ColumnConfig,
  type CursorParams,
} from '@backstage/ui';
import { useApi, identityApiRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { PortfolioItem } from '@slo-kit/plugin-slo-common';
import { useMemo } from 'react';
import { sloApiRef } from '../../api/sloApiRef';
import {
  describeFiringAlert,
  describeWindowDuration,
  formatPercent,
} from '../../format';
import { ReleaseLabel } from '../shared/ReleaseLabel';
import { StatusLabel } from '../shared/StatusLabel';
import {
  EMPTY_FILTER,
  PortfolioFilter,
  PortfolioFilters,
} from './PortfolioFilters';
import { SORTABLE_COLUMNS, sortPortfolioPage } from './portfolioSort';

/** Rows per page; the server pages with a cursor, so 5,000 SLOs stay cheap. */
export const PORTFOLIO_PAGE_SIZE = 25;

function refName(ref: string | null): string {
  if (!ref) return '—';
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    const prefix =
      kind.toLocaleLowerCase('en-US') === 'group'
        ? ''
        : `${kind.toLocaleLowerCase('en-US')}:`;
    return namespace === 'default'
      ? `${prefix}${name}`
      : `${prefix}${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/**
 * Every SLO with its owners, objective, SLI, budget left, status and its
 * service's release-gate decision (one per service, on each of its rows).
 */
export function PortfolioTable() {
  const sloApi = useApi(sloApiRef);
  const identityApi = useApi(identityApiRef);
  const entityLink = useEntityRefLink();

  const reliabilityTab = (item: PortfolioItem) =>
    `${entityLink(item.entityRef)}/slo`;

  const columns = useMemo<ColumnConfig<PortfolioItem>[]>(
    () => [
      {
        id: 'service',
        label: 'Service',
        isRowHeader: true,
        isSortable: true,
        cell: item => (
          <CellText
            title={parseEntityRef(item.entityRef).name}
            description={item.displayName ?? item.name}
            href={reliabilityTab(item)}
          />
        ),
      },
      {
        id: 'serviceOwner',
        label: 'Owner',
        isSortable: true,
        cell: item => <CellText title={refName(item.serviceOwner)} />,
      },
      {
        id: 'sreOwner',
        label: 'SRE owner',
        isSortable: true,
        cell: item => (
          <CellText
            title={item.sreOwner ? refName(item.sreOwner) : 'missing'}
            color={item.sreOwner ? 'primary' : 'secondary'}
          />
        ),
      },
      {
        id: 'objective',
        label: 'Objective',
        isSortable: true,
        cell: item => (
          <CellText
            title={`${formatPercent(
              item.target,
              3,
            )} over ${describeWindowDuration(
              item.timeWindow,
              item.timeWindowKind,
            )}`}
          />
        ),
      },
      {
        id: 'sli',
        label: 'SLI',
        isSortable: true,
        cell: item => (
          <CellText
            title={item.sli === null ? 'No data' : formatPercent(item.sli, 3)}
          />
        ),
      },
      {
        id: 'budgetRemaining',
        label: 'Budget left',
        isSortable: true,
        cell: item => (
          <CellText
            title={
              item.budgetRemaining === null
                ? 'No data'
                : formatPercent(item.budgetRemaining, 0)
            }
          />
        ),
      },
      {
        id: 'status',
        label: 'Status',
        isSortable: true,
        cell: item => (
          <Cell>
            <StatusLabel status={item.status} />
            {item.firingAlerts.length > 0 ? (
              <Text as="p" variant="body-x-small" color="secondary">
                {item.firingAlerts.map(describeFiringAlert).join('; ')}
              </Text>
            ) : null}
          </Cell>
        ),
      },
      {
        id: 'release',
        label: 'Release',
        cell: item => (
          <Cell>
            <ReleaseLabel
              decision={item.release.decision}
              mode={item.release.policy.mode}
            />
            {item.release.firstReason ? (
              <Text as="p" variant="body-x-small" color="secondary">
                {item.release.firstReason.message}
              </Text>
            ) : null}
          </Cell>
        ),
      },
    ],
    // reliabilityTab only depends on entityLink
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [entityLink],
  );

  const { tableProps, filter } = useTable<PortfolioItem, PortfolioFilter>({
    mode: 'cursor',
    initialFilter: EMPTY_FILTER,
    initialSort: { column: 'budgetRemaining', direction: 'ascending' },
    paginationOptions: {
      pageSize: PORTFOLIO_PAGE_SIZE,
      showPageSizeOptions: false,
    },
    getData: async ({
      cursor,
      pageSize,
      sort,
      filter: current,
    }: CursorParams<PortfolioFilter>) => {
      const chosen = current ?? EMPTY_FILTER;
      const owner = chosen.myTeams
        ? (await identityApi.getBackstageIdentity()).ownershipEntityRefs
        : chosen.owners;
      const field = sort ? SORTABLE_COLUMNS[String(sort.column)] : undefined;
      const order = sort?.direction === 'descending' ? 'desc' : 'asc';
      const response = await sloApi.getPortfolio({
        owner,
        status: chosen.statuses,
        release: chosen.releases,
        limit: pageSize,
        cursor,
        sort: field,
        order: field ? order : undefined,
      });
      return {
        data: field
          ? sortPortfolioPage(response.items, field, order)
          : response.items,
        nextCursor: response.nextCursor,
        totalCount: response.totalCount,
      };
    },
  });

  return (
    <Flex direction="column" gap="4">
      <PortfolioFilters
        value={filter.value ?? EMPTY_FILTER}
        onChange={filter.onChange}
      />
      <div role="region" aria-label="SLO portfolio">
        <Table
          {...tableProps}
          columnConfig={columns}
          rowConfig={{ getHref: reliabilityTab }}
          emptyState="No SLOs match these filters."
        />
      </div>
    </Flex>
  );
}
