import { portfolioItem } from '../../__fixtures__/sloFixtures';
import { sortPortfolioPage } from './portfolioSort';

describe('sortPortfolioPage', () => {
  const items = [
    portfolioItem(1, { budgetRemaining: 0.5 }),
    portfolioItem(2, {
      budgetRemaining: null,
      sli: null,
      status: 'no-data',
    }),
    portfolioItem(3, { budgetRemaining: -0.38 }),
    portfolioItem(4, { budgetRemaining: 0.9 }),
  ];
  const names = (sorted: typeof items) =>
    sorted.map(item => item.entityRef.split('/')[1]);

  it('puts SLOs without data last when sorting by budget left, in either order', () => {
    expect(names(sortPortfolioPage(items, 'budgetRemaining', 'asc'))).toEqual([
      'service-0003',
      'service-0001',
      'service-0004',
      'service-0002',
    ]);
    expect(names(sortPortfolioPage(items, 'budgetRemaining', 'desc'))).toEqual([
      'service-0004',
      'service-0001',
      'service-0003',
      'service-0002',
    ]);
  });
});
