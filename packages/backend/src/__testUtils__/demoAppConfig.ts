import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The repository root, where the demo's app-config.yaml and examples/ live. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/**
 * The demo's app-config.yaml with each `${VAR:-default}` replaced by its
 * default, exactly as a portal started without those variables sees it.
 */
export function demoAppConfig(): any {
  const text = fs
    .readFileSync(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8')
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
  return parse(text);
}

/** The demo's static access token with `subject`, from `backend.auth.externalAccess`. */
export function demoAccessToken(subject: string): {
  token: string;
  subject: string;
  accessRestrictions: Array<{ plugin: string }>;
} {
  const entry = demoAppConfig().backend.auth.externalAccess.find(
    (e: any) => e.options.subject === subject,
  );
  if (!entry) {
    throw new Error(`app-config.yaml has no access token for ${subject}`);
  }
  return { ...entry.options, accessRestrictions: entry.accessRestrictions };
}
