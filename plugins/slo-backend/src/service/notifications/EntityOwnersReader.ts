import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DirectOwners, directOwners } from '../ownership';

/** Fields of an entity {@link directOwners} reads. */
const OWNER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
];

/**
 * Reads the owners of entities from the catalog with SLO Kit's own
 * credentials, in one request: notifications go to the owners the entity
 * names now, as the release gate reads them.
 */
export class EntityOwnersReader {
  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
  ) {}

  /**
   * The owners of each of `entityRefs` (canonical refs) found in the
   * catalog; entities the catalog does not know are left out.
   */
  async read(entityRefs: string[]): Promise<Map<string, DirectOwners>> {
    const refs = [...new Set(entityRefs)];
    const owners = new Map<string, DirectOwners>();
    if (refs.length === 0) return owners;
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: OWNER_FIELDS },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, index) => {
      if (entity) owners.set(refs[index], directOwners(entity));
    });
    return owners;
  }
}
