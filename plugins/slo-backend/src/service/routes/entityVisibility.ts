import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * What a caller may see of the catalog, decided by the catalog's own
 * permission rules. An entity the catalog does not return to the caller is
 * either hidden from them or not in the catalog (yet); SLO Kit asks again
 * with its own credentials to tell the two apart, because SLOs can be
 * registered before their entity is in the catalog.
 *
 * The catalog's visibility rules are about people. A service principal that
 * SLO Kit has authenticated (a backend plugin, or an external-access token
 * that may be restricted to the `slo` plugin alone) reads the catalog with
 * SLO Kit's own credentials: such a token may not call the catalog itself,
 * and the reads here only decide what SLO data to answer with.
 */
export class EntityVisibility {
  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  /**
   * The entity as the caller sees it, and whether the caller may see SLO
   * data of it: yes when the catalog shows it to them or does not know it.
   */
  async readEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ entity?: Entity; visible: boolean }> {
    const { catalog } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await this.catalogCredentials(credentials),
    });
    if (entity) return { entity, visible: true };
    const known = await catalog.getEntityByRef(entityRef, {
      credentials: await this.ownCredentials(),
    });
    return { visible: !known };
  }

  /**
   * Many entities in one catalog read: those the caller sees (with the
   * given fields only), by ref, and the refs that exist in the catalog but
   * are hidden from the caller. Refs in neither are not in the catalog.
   */
  async readEntities(
    entityRefs: string[],
    credentials: BackstageCredentials,
    options: { fields: string[] },
  ): Promise<{ entities: Map<string, Entity>; hidden: Set<string> }> {
    const entities = new Map<string, Entity>();
    if (entityRefs.length === 0) return { entities, hidden: new Set() };
    const { catalog } = this.options;
    const seen = await catalog.getEntitiesByRefs(
      { entityRefs, fields: options.fields },
      { credentials: await this.catalogCredentials(credentials) },
    );
    entityRefs.forEach((ref, i) => {
      const entity = seen.items[i];
      if (entity) entities.set(ref, entity);
    });
    const unseen = entityRefs.filter(ref => !entities.has(ref));
    if (unseen.length === 0) return { entities, hidden: new Set() };
    const known = await catalog.getEntitiesByRefs(
      { entityRefs: unseen, fields: ['kind'] },
      { credentials: await this.ownCredentials() },
    );
    return {
      entities,
      hidden: new Set(unseen.filter((_, i) => known.items[i])),
    };
  }

  /**
   * The credentials to read the catalog with on behalf of `credentials`: a
   * user's own, so the catalog's rules apply to them; SLO Kit's for a
   * service principal.
   */
  async catalogCredentials(
    credentials: BackstageCredentials,
  ): Promise<BackstageCredentials> {
    return this.options.auth.isPrincipal(credentials, 'user')
      ? credentials
      : await this.ownCredentials();
  }

  private ownCredentials() {
    return this.options.auth.getOwnServiceCredentials();
  }
}
