import { Cell, CellText, Table, Text, type ColumnConfig } from '@backstage/ui';
import type { GateEvaluation } from '@slo-kit/plugin-slo-common';
import { formatDateTime } from '../../format';
import { ReleaseLabel } from '../shared/ReleaseLabel';

const columns: ColumnConfig<GateEvaluation>[] = [
  {
    id: 'recordedAt',
    label: 'When',
    isRowHeader: true,
    cell: row => <CellText title={formatDateTime(row.recordedAt)} />,
  },
  {
    id: 'requestedBy',
    label: 'Asked by',
    cell: row => <CellText title={row.requestedBy} />,
  },
  {
    id: 'version',
    label: 'Version',
    cell: row => <CellText title={row.version ?? '—'} />,
  },
  {
    id: 'environment',
    label: 'Environment',
    cell: row => <CellText title={row.environment ?? '—'} />,
  },
  {
    id: 'changeType',
    label: 'Change type',
    cell: row => <CellText title={row.changeType ?? '—'} />,
  },
  {
    id: 'decision',
    label: 'Decision',
    cell: row => (
      <Cell>
        <ReleaseLabel decision={row.decision} mode={row.policy.mode} />
        {row.exemption ? (
          <Text as="p" variant="body-x-small" color="secondary">
            {row.exemption} is exempt
          </Text>
        ) : null}
      </Cell>
    ),
  },
];

/** Who asked the gate about which version, when, and what it answered. */
export function GateEvaluationTable(props: { evaluations: GateEvaluation[] }) {
  return (
    <div role="region" aria-label="Recent release-gate evaluations">
      <Table
        columnConfig={columns}
        data={props.evaluations}
        pagination={{ type: 'none' }}
        emptyState="No evaluation recorded yet: CI records one each time it asks the gate (slo-kit gate)."
      />
    </div>
  );
}
