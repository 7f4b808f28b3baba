import { Cell, CellText, Table, type ColumnConfig } from '@backstage/ui';
import type { BurnRateAlert, SloStatusValue } from '@slo-kit/plugin-slo-common';
import { formatBurnRate, formatPercent } from '../../format';
import { StatusLabel } from '../shared/StatusLabel';

interface AlertRow extends BurnRateAlert {
  id: string;
}

function alertStatus(row: AlertRow): SloStatusValue {
  if (!row.firing) {
    return 'healthy';
  }
  return row.severity === 'page' ? 'critical' : 'warning';
}

/** A column showing one of an alert's two windows and its burn rate. */
function windowColumn(
  id: string,
  label: string,
  windowKey: 'longWindow' | 'shortWindow',
  rateKey: 'longBurnRate' | 'shortBurnRate',
): ColumnConfig<AlertRow> {
  return {
    id,
    label,
    cell: row => (
      <CellText
        title={row[windowKey]}
        description={`burn rate ${formatBurnRate(row[rateKey])}`}
      />
    ),
  };
}

const columns: ColumnConfig<AlertRow>[] = [
  {
    id: 'alert',
    label: 'Alert',
    isRowHeader: true,
    cell: row => (
      <CellText
        title={row.severity === 'page' ? 'Page' : 'Ticket'}
        description={`${formatPercent(row.budgetShare, 1)} of the budget in ${
          row.longWindow
        }`}
      />
    ),
  },
  windowColumn('long', 'Long window', 'longWindow', 'longBurnRate'),
  windowColumn('short', 'Short window', 'shortWindow', 'shortBurnRate'),
  {
    id: 'factor',
    label: 'Fires at',
    cell: row => <CellText title={formatBurnRate(row.factor)} />,
  },
  {
    id: 'firing',
    label: 'State',
    cell: row => (
      <Cell>
        <StatusLabel
          status={alertStatus(row)}
          label={row.firing ? 'Firing' : 'Quiet'}
        />
      </Cell>
    ),
  },
];

/** Each multi-window burn-rate alert with its windows, rates, threshold and state. */
export function BurnRateTable(props: {
  sloTitle: string;
  alerts: BurnRateAlert[];
}) {
  const rows = props.alerts.map((alert, index) => ({
    ...alert,
    id: `${alert.severity}-${alert.longWindow}-${alert.shortWindow}-${index}`,
  }));
  return (
    <div aria-label={`Burn-rate alerts for ${props.sloTitle}`} role="region">
      <Table columnConfig={columns} data={rows} pagination={{ type: 'none' }} />
    </div>
  );
}
