import { reliabilityTabLink } from './reliabilityTab';

describe('reliabilityTabLink', () => {
  it('links the Reliability tab of the entity page', () => {
    expect(reliabilityTabLink('component:default/checkout-api')).toBe(
      '/catalog/default/component/checkout-api/slo',
    );
  });

  it('writes the kind as the catalog routes do and keeps other parts as given', () => {
    expect(reliabilityTabLink('Component:Payments/Checkout')).toBe(
      '/catalog/Payments/component/Checkout/slo',
    );
  });
});
