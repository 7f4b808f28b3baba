import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/**
 * Resolves a path given in an action input against the task workspace, and
 * refuses paths that would leave it (absolute paths, `..`, symlinks out).
 *
 * @param workspacePath - the task workspace
 * @param relativePath - the path from the action input
 * @param field - the input field name, for the error message
 */
export function resolveWorkspacePath(
  workspacePath: string,
  relativePath: string,
  field: string,
): string {
  try {
    return resolveSafeChildPath(workspacePath, relativePath);
  } catch {
    throw new InputError(
      `Input '${field}' must be a path inside the workspace, got '${relativePath}'`,
    );
  }
}
