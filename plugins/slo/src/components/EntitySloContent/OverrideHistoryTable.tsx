import { CellText, Table, type ColumnConfig } from '@backstage/ui';
import type { GateOverride } from '@slo-kit/plugin-slo-common';
import { formatDateTime } from '../../format';
import {
  OVERRIDE_STATE_LABELS,
  overrideScope,
  userName,
} from '../shared/overrideDisplay';

/** Past overrides recede; the active one reads like the rest of the table. */
const STATE_COLORS = {
  active: 'primary',
  revoked: 'secondary',
  expired: 'secondary',
} as const;

const columns: ColumnConfig<GateOverride>[] = [
  {
    id: 'grantedAt',
    label: 'Granted',
    isRowHeader: true,
    cell: row => <CellText title={formatDateTime(row.grantedAt)} />,
  },
  {
    id: 'grantedBy',
    label: 'Granted by',
    cell: row => <CellText title={userName(row.grantedBy)} />,
  },
  {
    id: 'reason',
    label: 'Reason',
    cell: row => <CellText title={row.reason} />,
  },
  {
    id: 'scope',
    label: 'Lets through',
    cell: row => <CellText title={overrideScope(row)} />,
  },
  {
    id: 'expiresAt',
    label: 'Until',
    cell: row => <CellText title={formatDateTime(row.expiresAt)} />,
  },
  {
    id: 'state',
    label: 'State',
    cell: row => (
      <CellText
        title={OVERRIDE_STATE_LABELS[row.state]}
        color={STATE_COLORS[row.state]}
      />
    ),
  },
  {
    id: 'revoked',
    label: 'Revoked',
    cell: row =>
      row.state === 'revoked' ? (
        <CellText
          title={`by ${userName(row.revokedBy ?? 'unknown')}${
            row.revokedAt ? `, ${formatDateTime(row.revokedAt)}` : ''
          }`}
          description={row.revokeReason ?? undefined}
        />
      ) : (
        <CellText title={'\u2014'} />
      ),
  },
];

/**
 * Every override of the entity, newest grant first: when and by whom, why,
 * which releases, until when, its state and, when revoked, by whom and why.
 */
export function OverrideHistoryTable(props: { overrides: GateOverride[] }) {
  return (
    <div role="region" aria-label="Override history">
      <Table
        columnConfig={columns}
        data={props.overrides}
        pagination={{ type: 'none' }}
        emptyState="No override yet: the SRE owner may let releases through a block for a bounded time, with a reason."
      />
    </div>
  );
}
