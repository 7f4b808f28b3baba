import { Entity } from '@backstage/catalog-model';
import { isServiceOwner, isSreOwner } from './sloCatalogRules';

function entity(sreOwner?: string, owner = 'group:default/payments'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      annotations: sreOwner ? { 'slo-kit.dev/sre-owner': sreOwner } : {},
    },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

describe('isSreOwner', () => {
  const claims = ['user:default/sam.sre', 'group:default/sre'];

  it.each(['group:default/sre', 'group:sre', 'sre', 'default/sre'])(
    'matches the annotation written as %s, in apply and in the query',
    written => {
      expect(isSreOwner.apply(entity(written), { claims })).toBe(true);
      const query = isSreOwner.toQuery({ claims }) as {
        key: string;
        values: string[];
      };
      expect(query.key).toBe('metadata.annotations.slo-kit.dev/sre-owner');
      expect(query.values).toContain(written);
    },
  );

  it('does not match another group, or an entity without an SRE owner', () => {
    expect(isSreOwner.apply(entity('group:default/platform'), { claims })).toBe(
      false,
    );
    expect(isSreOwner.apply(entity(), { claims })).toBe(false);
    const query = isSreOwner.toQuery({ claims }) as { values: string[] };
    expect(query.values).not.toContain('platform');
  });
});

describe('isServiceOwner', () => {
  it('matches the owner group, not the SRE owner', () => {
    const claims = ['group:default/payments'];
    expect(isServiceOwner.apply(entity('group:default/sre'), { claims })).toBe(
      true,
    );
    expect(
      isServiceOwner.apply(
        entity('group:default/payments', 'group:default/identity'),
        {
          claims,
        },
      ),
    ).toBe(false);
    expect(isServiceOwner.toQuery({ claims })).toEqual({
      key: 'relations.ownedBy',
      values: claims,
    });
  });
});
