import { atRiskAfterDays, classifySegment, DEFAULT_SEGMENT_THRESHOLDS as T, segmentThresholdErrors } from './segments';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const h = (orders: number, first: number | null, last: number | null) => ({
  orders,
  firstAt: first === null ? null : daysAgo(first),
  lastAt: last === null ? null : daysAgo(last),
});
const NAMES = { newDays: 'n', atRiskMinDays: 'r', lapsedDays: 'l' };

describe('classifySegment', () => {
  it('PROSPECT without orders', () => {
    expect(classifySegment(h(0, null, null), now, T)).toBe('PROSPECT');
  });

  it('NEW while the first order is at most newDays old, then ACTIVE', () => {
    expect(classifySegment(h(1, 0, 0), now, T)).toBe('NEW');
    expect(classifySegment(h(1, 30, 30), now, T)).toBe('NEW');
    expect(classifySegment(h(1, 31, 31), now, T)).toBe('ACTIVE');
    expect(classifySegment(h(3, 31, 2), now, T)).toBe('ACTIVE');
  });

  it('AT_RISK after max(2 × the usual interval, atRiskMinDays) without an order', () => {
    expect(classifySegment(h(1, 60, 60), now, T)).toBe('ACTIVE');
    expect(classifySegment(h(1, 61, 61), now, T)).toBe('AT_RISK');
    // Ordering every 70 days: at risk after 140.
    expect(classifySegment(h(2, 170, 100), now, T)).toBe('ACTIVE');
    expect(classifySegment(h(2, 211, 141), now, T)).toBe('AT_RISK');
    // A frequent buyer (every 5 days) is still held to the 60-day minimum.
    expect(classifySegment(h(5, 80, 60), now, T)).toBe('ACTIVE');
    expect(classifySegment(h(5, 81, 61), now, T)).toBe('AT_RISK');
  });

  it('LAPSED after lapsedDays, before anything else', () => {
    expect(classifySegment(h(2, 500, 364), now, T)).toBe('AT_RISK');
    expect(classifySegment(h(2, 900, 364), now, T)).toBe('ACTIVE'); // ordering every 536 days
    expect(classifySegment(h(2, 900, 365), now, T)).toBe('LAPSED');
    // Even a usual interval longer than a year does not keep a customer from LAPSED.
    expect(classifySegment(h(2, 1500, 400), now, T)).toBe('LAPSED');
  });

  it('AT_RISK outranks NEW (short thresholds)', () => {
    const t = { newDays: 30, atRiskMinDays: 10, lapsedDays: 365 };
    expect(classifySegment(h(1, 20, 20), now, t)).toBe('AT_RISK');
  });

  it('atRiskAfterDays: the minimum with fewer than two orders', () => {
    expect(atRiskAfterDays(h(1, 10, 10), T)).toBe(60);
    expect(atRiskAfterDays(h(3, 200, 0), T)).toBe(200);
  });
});

describe('segmentThresholdErrors', () => {
  it('accepts the defaults, refuses out-of-range and inconsistent values', () => {
    expect(segmentThresholdErrors(T, NAMES)).toEqual([]);
    expect(segmentThresholdErrors({ ...T, newDays: 0 }, NAMES)).toEqual([{ path: 'n', message: 'must be 1..3650 days' }]);
    expect(segmentThresholdErrors({ ...T, lapsedDays: 3651 }, NAMES)).toEqual([{ path: 'l', message: 'must be 1..3650 days' }]);
    expect(segmentThresholdErrors({ ...T, newDays: 365 }, NAMES)).toEqual([
      { path: 'n', message: 'must be below the lapsed days' },
    ]);
    expect(segmentThresholdErrors({ ...T, atRiskMinDays: 400 }, NAMES)).toEqual([
      { path: 'r', message: 'must be below the lapsed days' },
    ]);
  });
});
