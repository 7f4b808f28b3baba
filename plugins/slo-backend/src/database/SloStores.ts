import { DatabaseSloStore } from './DatabaseSloStore';

/** Temporary: replaced by the store split. */
export interface SloStores {
  definitions: DatabaseSloStore;
  sliData: DatabaseSloStore;
  statuses: DatabaseSloStore;
  jobs: DatabaseSloStore;
  events: DatabaseSloStore;
}
