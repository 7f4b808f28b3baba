import assert from 'node:assert/strict';

/** Fails when `found` is not empty, naming how many and the first three (large diffs stay readable). */
export function assertNone(found: unknown[], what: string): void {
  assert.ok(
    found.length === 0,
    `${what}: ${found.length} found, e.g. ${JSON.stringify(found.slice(0, 3))}`,
  );
}
