import { availabilityFor, isNewer, parseSequence, sameAvailability } from './index';

describe('availabilityFor', () => {
  it.each([
    [0, 'EXACT', 5, { status: 'OUT_OF_STOCK', quantity: 0 }],
    [-3, 'EXACT', 5, { status: 'OUT_OF_STOCK', quantity: 0 }],
    [1, 'EXACT', 5, { status: 'LOW_STOCK', quantity: 1 }],
    [5, 'EXACT', 5, { status: 'LOW_STOCK', quantity: 5 }],
    [6, 'EXACT', 5, { status: 'IN_STOCK', quantity: 6 }],
    [6, 'STATUS', 5, { status: 'IN_STOCK', quantity: null }],
    [1, 'STATUS', 0, { status: 'IN_STOCK', quantity: null }],
  ] as const)('%d units, %s, threshold %d', (avail, display, threshold, expected) => {
    expect(availabilityFor(avail, display, threshold)).toEqual(expected);
  });

  it('compares what a storefront shows', () => {
    expect(sameAvailability(availabilityFor(7, 'STATUS', 5), availabilityFor(9, 'STATUS', 5))).toBe(true);
    expect(sameAvailability(availabilityFor(7, 'EXACT', 5), availabilityFor(9, 'EXACT', 5))).toBe(false);
  });
});

describe('sequences', () => {
  it('parses decimal strings up to 2^63-1', () => {
    expect(parseSequence('0')).toBe(0n);
    expect(parseSequence('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseSequence('9223372036854775808')).toBeNull();
    expect(parseSequence('-1')).toBeNull();
    expect(parseSequence('1.5')).toBeNull();
    expect(parseSequence('')).toBeNull();
    expect(parseSequence('12a')).toBeNull();
  });

  it('never goes backwards or applies twice', () => {
    expect(isNewer(5n, null)).toBe(true);
    expect(isNewer(6n, 5n)).toBe(true);
    expect(isNewer(5n, 5n)).toBe(false);
    expect(isNewer(4n, 5n)).toBe(false);
  });
});
