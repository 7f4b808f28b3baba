import { InputError } from '@backstage/errors';

/**
 * Where the next portfolio page starts: after an id (default order) or at an
 * offset (sorted by a column). Opaque to clients.
 */
export type PortfolioCursor = { afterId: string } | { offset: number };

export function encodePortfolioCursor(cursor: PortfolioCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Reads a cursor this API returned; InputError naming `cursor` otherwise. */
export function decodePortfolioCursor(cursor: string): PortfolioCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const value = decoded as Partial<{ afterId: unknown; offset: unknown }>;
  if (value && typeof value.afterId === 'string') {
    return { afterId: value.afterId };
  }
  if (
    value &&
    Number.isInteger(value.offset) &&
    (value.offset as number) >= 0
  ) {
    return { offset: value.offset as number };
  }
  throw new InputError('cursor: not a cursor returned by this API');
}
