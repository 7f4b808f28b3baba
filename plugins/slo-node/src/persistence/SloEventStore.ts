/**
 * A deploy, incident or other event shown beside SLO history.
 *
 * @public
 */
export interface SloEventRow {
  entityRef: string;
  /** The SLO the event concerns, or `null` for the whole entity. */
  sloId: string | null;
  /** Kind of event, e.g. `deploy` or `incident`. */
  type: string;
  title: string;
  /** Epoch ms the event happened. */
  at: number;
  /** Version deployed, e.g. a tag or commit; optional. */
  version?: string | null;
  /** Link to the pipeline run, incident or note; optional. */
  url?: string | null;
}

/**
 * Events of entities (deploys, incidents, ...), kept as long as hourly
 * rollups so history charts can show them.
 *
 * @public
 */
export interface SloEventStore {
  /** Records one event. */
  addEvent(event: SloEventRow): Promise<void>;

  /**
   * Events of an entity that happened in `[from, to)`, oldest first; events
   * at the same instant in the order they were added.
   */
  listEvents(
    entityRef: string,
    from: number,
    to: number,
  ): Promise<SloEventRow[]>;

  /** Deletes events that happened before `before`; returns how many. */
  deleteEventsBefore(before: number): Promise<number>;
}
