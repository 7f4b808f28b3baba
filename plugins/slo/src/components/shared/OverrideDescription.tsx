import type { GateOverrideSummary } from '@slo-kit/plugin-slo-common';
import { formatDateTime, formatShortDate } from '../../format';
import { userName } from './overrideDisplay';

/**
 * Who let releases through, until when and why, to follow "Allowed by
 * override": "— sam.sre until Nov 30: hotfix for INC-42". `until: 'date'`
 * shows the day only (the exact time in the tooltip), `'dateTime'` both.
 */
export function OverrideDescription(props: {
  override: Pick<GateOverrideSummary, 'grantedBy' | 'reason' | 'expiresAt'>;
  until: 'date' | 'dateTime';
}) {
  const { grantedBy, reason, expiresAt } = props.override;
  const exact = formatDateTime(expiresAt);
  return (
    <span>
      {'\u2014 '}
      {userName(grantedBy)} until{' '}
      <time dateTime={expiresAt} title={exact}>
        {props.until === 'date' ? formatShortDate(expiresAt) : exact}
      </time>
      : {reason}
    </span>
  );
}
