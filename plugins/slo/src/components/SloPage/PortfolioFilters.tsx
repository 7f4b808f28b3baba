import { Flex, Select, Switch } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type {
  PortfolioReleaseFilter,
  SloStatusValue,
} from '@slo-kit/plugin-slo-common';
import { useAsyncValue } from '../../hooks/useAsyncValue';
import { STATUS_PRESENTATION } from '../shared/StatusLabel';

/** What the portfolio is narrowed to. */
export interface PortfolioFilter {
  owners: string[];
  statuses: SloStatusValue[];
  /** Release-gate decisions of the services to keep: what may not ship. */
  releases: PortfolioReleaseFilter[];
  /** Replaces `owners` with the signed-in user's ownership refs. */
  myTeams: boolean;
}

export const EMPTY_FILTER: PortfolioFilter = {
  owners: [],
  statuses: [],
  releases: [],
  myTeams: false,
};

/** "Blocked" keeps services an advisory policy would block, too. */
const RELEASE_OPTIONS: Array<{ id: PortfolioReleaseFilter; label: string }> = [
  { id: 'block', label: 'Blocked' },
  { id: 'warn', label: 'Warning' },
];

const STATUS_OPTIONS = (
  Object.keys(STATUS_PRESENTATION) as SloStatusValue[]
).map(status => ({
  id: status,
  label: STATUS_PRESENTATION[status].label,
}));

/** Owner, status, release-decision and "my teams" filters of the portfolio. */
export function PortfolioFilters(props: {
  value: PortfolioFilter;
  onChange: (value: PortfolioFilter) => void;
}) {
  const { value, onChange } = props;
  const catalogApi = useApi(catalogApiRef);
  const groups = useAsyncValue(
    () =>
      catalogApi.getEntities({
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
        ],
      }),
    [catalogApi],
  );
  const ownerOptions = (groups.value?.items ?? [])
    .map(group => {
      const profile = (group.spec?.profile ?? {}) as { displayName?: string };
      return {
        id: stringifyEntityRef(group),
        label:
          profile.displayName ?? group.metadata.title ?? group.metadata.name,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <Flex gap="4" align="end" style={{ flexWrap: 'wrap' }}>
      <div style={{ minWidth: 240 }}>
        <Select
          label="Owner"
          placeholder={
            groups.error ? 'Groups could not be loaded' : 'All owners'
          }
          selectionMode="multiple"
          searchable
          options={ownerOptions}
          isDisabled={value.myTeams}
          value={value.owners}
          onChange={keys =>
            onChange({ ...value, owners: (keys as string[]).map(String) })
          }
        />
      </div>
      <div style={{ minWidth: 200 }}>
        <Select
          label="Status"
          placeholder="Any status"
          selectionMode="multiple"
          options={STATUS_OPTIONS}
          value={value.statuses}
          onChange={keys =>
            onChange({
              ...value,
              statuses: (keys as string[]).map(String) as SloStatusValue[],
            })
          }
        />
      </div>
      <div style={{ minWidth: 200 }}>
        <Select
          label="Release"
          placeholder="Any decision"
          selectionMode="multiple"
          options={RELEASE_OPTIONS}
          value={value.releases}
          onChange={keys =>
            onChange({
              ...value,
              releases: (keys as string[]).map(
                String,
              ) as PortfolioReleaseFilter[],
            })
          }
        />
      </div>
      <Switch
        label="My teams"
        isSelected={value.myTeams}
        onChange={myTeams => onChange({ ...value, myTeams })}
      />
    </Flex>
  );
}
