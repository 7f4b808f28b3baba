import type { SloHistoryResponse } from '@slo-kit/plugin-slo-common';
import { CHART_COLOURS } from './chartFormat';

/** A deploy, incident or note of the entity, as the history returns it. */
export type SloEvent = SloHistoryResponse['events'][number];

/** How an event type is drawn and named: its own colour and dash, and a word. */
export interface EventPresentation {
  label: string;
  stroke: string;
  strokeDasharray?: string;
}

const PRESENTATION: Record<string, EventPresentation> = {
  deploy: {
    label: 'Deploy',
    stroke: CHART_COLOURS.deploy,
    strokeDasharray: '4 3',
  },
  incident: { label: 'Incident', stroke: CHART_COLOURS.incident },
  note: { label: 'Note', stroke: CHART_COLOURS.note, strokeDasharray: '1 3' },
};

/** The presentation of an event type; an unknown type is drawn as a note. */
export function eventPresentation(type: string): EventPresentation {
  return (
    PRESENTATION[type] ?? {
      ...PRESENTATION.note,
      label: type.charAt(0).toLocaleUpperCase('en-US') + type.slice(1),
    }
  );
}

/** A stable key of an event within one history. */
export function eventKey(event: SloEvent, index: number): string {
  return `${event.type}-${event.at}-${index}`;
}
