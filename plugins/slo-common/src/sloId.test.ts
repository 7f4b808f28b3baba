import { canonicalSloId, parseSloId, sloIdOf } from './sloId';
import { canonicalEntityRef } from './entityRef';

describe('sloIdOf', () => {
  it('joins the entity ref and the SLO name with #', () => {
    expect(sloIdOf('component:default/payments', 'availability')).toBe(
      'component:default/payments#availability',
    );
  });

  it('with a canonical ref, gives the same id for any spelling of the entity', () => {
    const ids = [
      'Component:Default/Payments',
      'component:default/payments',
    ].map(ref => sloIdOf(canonicalEntityRef(ref), 'Availability'));
    expect(ids).toEqual([
      'component:default/payments#Availability',
      'component:default/payments#Availability',
    ]);
  });
});

describe('parseSloId', () => {
  it('splits an id into its canonical entity ref and its name', () => {
    expect(parseSloId('Component:Default/Payments#checkout-Latency')).toEqual({
      ok: true,
      entityRef: 'component:default/payments',
      name: 'checkout-Latency',
    });
  });

  it('takes the name from after the last #', () => {
    expect(parseSloId('component:default/payments#a#b')).toEqual({
      ok: false,
      reason:
        '"component:default/payments#a#b" does not start with a valid entity ref (expected kind:namespace/name before the #, got "component:default/payments#a")',
    });
  });

  it('is the inverse of sloIdOf', () => {
    const id = sloIdOf('group:team-a/sre', 'on-call');
    const parsed = parseSloId(id);
    expect(parsed).toEqual({
      ok: true,
      entityRef: 'group:team-a/sre',
      name: 'on-call',
    });
  });

  it.each([
    [
      'component:default/payments',
      '"component:default/payments" is not an SLO id: expected <entity ref>#<slo name>, e.g. component:default/payments#availability',
    ],
    ['#availability', '"#availability" has no entity ref before the #'],
    [
      'component:default/payments#',
      '"component:default/payments#" has no SLO name after the #',
    ],
    [
      'payments#availability',
      '"payments#availability" does not start with a valid entity ref (expected kind:namespace/name before the #, got "payments")',
    ],
  ])('rejects %s with the reason', (id, reason) => {
    expect(parseSloId(id)).toEqual({ ok: false, reason });
  });
});

describe('canonicalSloId', () => {
  it('lower-cases the entity ref part and keeps the name', () => {
    expect(canonicalSloId('Component:Default/Payments#Availability')).toBe(
      'component:default/payments#Availability',
    );
  });

  it('is undefined for something that is not an SLO id', () => {
    expect(canonicalSloId('component:default/payments')).toBeUndefined();
    expect(canonicalSloId('x#')).toBeUndefined();
    expect(canonicalSloId(':bad/ref#name')).toBeUndefined();
  });
});
