import type { SyncErrorRow } from '@slo-kit/plugin-slo-node';

/**
 * Sizes of the text columns of `slo_sync_errors` (migrations/
 * 20251122000000_init.js); `message` is `text`, kept short by choice.
 */
export const SYNC_ERROR_COLUMN_SIZES = {
  file: 1024,
  documentName: 255,
  path: 1024,
  message: 2000,
} as const;

/** A sync error as the sync builds it, before entity and time are added. */
export type SyncErrorFields = Omit<SyncErrorRow, 'entityRef' | 'occurredAt'>;

/**
 * The error with every text shortened to its column (ending with `…` when
 * cut), so that no file, name or message can make the write fail on
 * PostgreSQL, whose `varchar(n)` refuses longer values.
 */
export function fitSyncError(error: SyncErrorFields): SyncErrorFields {
  return {
    file: fit(error.file, SYNC_ERROR_COLUMN_SIZES.file),
    documentIndex: error.documentIndex,
    documentName:
      error.documentName === null
        ? null
        : fit(error.documentName, SYNC_ERROR_COLUMN_SIZES.documentName),
    path: fit(error.path, SYNC_ERROR_COLUMN_SIZES.path),
    message: fit(error.message, SYNC_ERROR_COLUMN_SIZES.message),
  };
}

/** At most `max` characters (code points, as PostgreSQL counts them). */
function fit(text: string, max: number): string {
  if (text.length <= max) {
    return text; // UTF-16 units, never fewer than code points
  }
  const codePoints = Array.from(text);
  return codePoints.length <= max
    ? text
    : `${codePoints.slice(0, max - 1).join('')}…`;
}
