import { InputError } from '@backstage/errors';
import { canonicalEntityRef } from './entityRef';

describe('canonicalEntityRef', () => {
  it('lower-cases a full ref', () => {
    expect(canonicalEntityRef('Component:Default/Payments')).toBe(
      'component:default/payments',
    );
  });

  it('fills in kind and namespace from the defaults', () => {
    const defaults = { defaultKind: 'component', defaultNamespace: 'default' };
    expect(canonicalEntityRef('Payments', 'entityRef', defaults)).toBe(
      'component:default/payments',
    );
    expect(canonicalEntityRef('team-a/Payments', 'entityRef', defaults)).toBe(
      'component:team-a/payments',
    );
    expect(
      canonicalEntityRef('SRE', 'owner', {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toBe('group:default/sre');
  });

  it.each([
    ['an empty ref', ''],
    ['a ref without a kind and no default', 'default/payments'],
    ['a name with a slash', 'component:default/a/b'],
    ['a name with a space', 'component:default/pay ments'],
  ])('rejects %s, naming the field', (_, ref) => {
    let error: unknown;
    try {
      canonicalEntityRef(ref, 'body.entityRef');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `body.entityRef: "${ref}" is not a valid entity ref (expected kind:namespace/name)`,
    );
  });

  it('names entityRef when no field is given', () => {
    expect(() => canonicalEntityRef(':x/y')).toThrow(
      'entityRef: ":x/y" is not a valid entity ref (expected kind:namespace/name)',
    );
  });
});
