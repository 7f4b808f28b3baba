import path from 'node:path';

/** The repository's root directory (the system tests run from source, never built). */
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../../..');

/** Where the system tests keep their logs, configs and catalog fixtures (git-ignored). */
export const workDir = path.join(repoRoot, '.local', 'system-tests');
