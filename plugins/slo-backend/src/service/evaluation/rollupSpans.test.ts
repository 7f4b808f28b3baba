import { planRollups } from './rollupSpans';

const DAY = 86_400_000;
const AT = Date.UTC(2026, 0, 10, 12, 30);

describe('planRollups', () => {
  it('allows whole days between the window start and the longest burn window only', () => {
    const plan = planRollups({
      windowStart: AT - 30 * DAY,
      burnWindowStart: AT - 3 * DAY,
      at: AT,
    });
    expect(plan).toEqual({
      from: Date.UTC(2025, 11, 11, 12),
      dayFrom: Date.UTC(2025, 11, 12),
      dayTo: Date.UTC(2026, 0, 7),
      to: Date.UTC(2026, 0, 10, 13),
    });
  });

  it('allows no days when the window is shorter than the burn windows', () => {
    const plan = planRollups({
      windowStart: AT - DAY,
      burnWindowStart: AT - 3 * DAY,
      at: AT,
    });
    expect(plan.dayFrom).toBe(plan.dayTo);
    expect(plan.from).toBe(Date.UTC(2026, 0, 7, 12));
  });
});
