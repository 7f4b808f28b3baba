import { Link, Text } from '@backstage/ui';
import { formatDateTime } from '../../format';
import { eventKey, eventPresentation, type SloEvent } from './eventMarkers';

/**
 * The deploys, incidents and notes marked on the burn-down, in time order:
 * when, what kind, the title, the version and a link to the details.
 */
export function EventList(props: { sloTitle: string; events: SloEvent[] }) {
  return (
    <ul
      aria-label={`Events for ${props.sloTitle}`}
      style={{
        margin: 0,
        paddingLeft: 0,
        listStyle: 'none',
        display: 'grid',
        gap: 'var(--bui-space-1)',
      }}
    >
      {props.events.map((event, index) => {
        const { label, stroke } = eventPresentation(event.type);
        return (
          <li key={eventKey(event, index)} data-event-type={event.type}>
            <Text as="p" variant="body-small">
              <span
                aria-hidden
                style={{
                  display: 'inline-block',
                  width: 3,
                  height: 12,
                  marginRight: 'var(--bui-space-2)',
                  verticalAlign: 'middle',
                  background: stroke,
                }}
              />
              <Text as="span" variant="body-small" color="secondary">
                {formatDateTime(event.at)}
              </Text>{' '}
              ·{' '}
              <Text as="span" variant="body-small" weight="bold">
                {label}:
              </Text>{' '}
              <span>{event.title}</span>
              {event.version ? (
                <Text as="span" variant="body-x-small" color="secondary">
                  {' '}
                  (version {event.version})
                </Text>
              ) : null}
              {event.url ? (
                <>
                  {' '}
                  <Link href={event.url} target="_blank" variant="body-x-small">
                    Details
                  </Link>
                </>
              ) : null}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}
