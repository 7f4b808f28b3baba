import { readFile } from 'node:fs/promises';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import yaml from 'yaml';

/**
 * Reads a catalog-info.yaml and returns the ref of the entity it describes:
 * the first Component, else the first entity with a kind and a name.
 */
export async function readCatalogInfoEntityRef(
  filePath: string,
  displayPath: string,
): Promise<string> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new InputError(
      `Cannot read '${displayPath}' from the workspace: ${
        (error as Error).message
      }`,
    );
  }

  const candidates: Array<{ kind: string; namespace: string; name: string }> =
    [];
  for (const document of yaml.parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      throw new InputError(
        `'${displayPath}' is not valid YAML: ${document.errors[0].message}`,
      );
    }
    const value = document.toJS() as {
      kind?: unknown;
      metadata?: { name?: unknown; namespace?: unknown };
    } | null;
    if (
      value &&
      typeof value.kind === 'string' &&
      typeof value.metadata?.name === 'string'
    ) {
      candidates.push({
        kind: value.kind,
        namespace:
          typeof value.metadata.namespace === 'string'
            ? value.metadata.namespace
            : 'default',
        name: value.metadata.name,
      });
    }
  }

  const entity =
    candidates.find(c => c.kind.toLocaleLowerCase('en-US') === 'component') ??
    candidates[0];
  if (!entity) {
    throw new InputError(
      `'${displayPath}' holds no entity with a kind and metadata.name`,
    );
  }
  return stringifyEntityRef(entity);
}
