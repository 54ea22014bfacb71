import { unitPriceFor, visibleTiers } from './unit-price';

const tiers = [
  { minQuantity: 10, amountMinor: 900n },
  { minQuantity: 50, amountMinor: 800n },
];

describe('unitPriceFor', () => {
  it('charges the list price below the first break', () => {
    expect(unitPriceFor(9, 1000n, tiers, null)).toEqual({ amountMinor: 1000n, source: 'LIST' });
  });

  it('applies the highest break the quantity reaches, from exactly its minimum', () => {
    expect(unitPriceFor(10, 1000n, tiers, null)).toEqual({ amountMinor: 900n, source: 'TIER' });
    expect(unitPriceFor(49, 1000n, tiers, null)).toEqual({ amountMinor: 900n, source: 'TIER' });
    expect(unitPriceFor(50, 1000n, tiers, null)).toEqual({ amountMinor: 800n, source: 'TIER' });
  });

  it("charges the company's agreed price unless the shop's own offer is lower", () => {
    expect(unitPriceFor(1, 1000n, tiers, 850n)).toEqual({ amountMinor: 850n, source: 'AGREED' });
    expect(unitPriceFor(60, 1000n, tiers, 850n)).toEqual({ amountMinor: 800n, source: 'TIER' });
    expect(unitPriceFor(10, 1000n, tiers, 900n)).toEqual({ amountMinor: 900n, source: 'AGREED' });
    expect(unitPriceFor(1, 1000n, [], 1200n)).toEqual({ amountMinor: 1000n, source: 'LIST' });
  });

  it('ignores breaks that are not breaks (≤ 1 unit, or dearer than the list)', () => {
    expect(unitPriceFor(5, 1000n, [{ minQuantity: 1, amountMinor: 1n }], null).source).toBe('LIST');
    expect(unitPriceFor(20, 1000n, [{ minQuantity: 10, amountMinor: 1100n }], null)).toEqual({
      amountMinor: 1000n,
      source: 'LIST',
    });
  });
});

describe('visibleTiers', () => {
  it('shows the breaks below what one unit costs, each cheaper than the last', () => {
    expect(visibleTiers(1000n, tiers, null)).toEqual(tiers);
    expect(visibleTiers(1000n, tiers, 850n)).toEqual([{ minQuantity: 50, amountMinor: 800n }]);
    expect(visibleTiers(1000n, [...tiers, { minQuantity: 100, amountMinor: 850n }], null)).toEqual(tiers);
  });
});
