import { allocate } from './allocation';

const at = (sku: string, warehouseId: string, available: number) => ({ sku, warehouseId, available });

describe('allocate', () => {
  it('takes from the first listed warehouse first, then splits over the next ones', () => {
    const r = allocate([{ sku: 'A', quantity: 7 }], ['w2', 'w1'], [at('A', 'w1', 10), at('A', 'w2', 4)]);
    expect(r).toEqual({
      allocations: [
        { sku: 'A', warehouseId: 'w2', quantity: 4 },
        { sku: 'A', warehouseId: 'w1', quantity: 3 },
      ],
      shortages: [],
    });
  });

  it('reports every short SKU with what all warehouses have, and allocates nothing for it', () => {
    const r = allocate(
      [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 5 },
        { sku: 'C', quantity: 1 },
      ],
      ['w1', 'w2'],
      [at('A', 'w1', 2), at('B', 'w1', 1), at('B', 'w2', 3)],
    );
    expect(r.shortages).toEqual([
      { sku: 'B', requested: 5, available: 4 },
      { sku: 'C', requested: 1, available: 0 },
    ]);
    expect(r.allocations).toEqual([{ sku: 'A', warehouseId: 'w1', quantity: 2 }]);
  });

  it('treats a level below reserved (a lower count arrived) as nothing available, never negative', () => {
    const r = allocate([{ sku: 'A', quantity: 1 }], ['w1', 'w2'], [at('A', 'w1', -3), at('A', 'w2', 1)]);
    expect(r.allocations).toEqual([{ sku: 'A', warehouseId: 'w2', quantity: 1 }]);
    expect(allocate([{ sku: 'A', quantity: 2 }], ['w1'], [at('A', 'w1', -3)]).shortages).toEqual([
      { sku: 'A', requested: 2, available: 0 },
    ]);
  });

  it('sums requests of one SKU and ignores warehouses the storefront does not sell from', () => {
    const r = allocate(
      [
        { sku: 'A', quantity: 1 },
        { sku: 'A', quantity: 2 },
      ],
      ['w1'],
      [at('A', 'w1', 3), at('A', 'w9', 100)],
    );
    expect(r.allocations).toEqual([{ sku: 'A', warehouseId: 'w1', quantity: 3 }]);
    expect(allocate([{ sku: 'A', quantity: 4 }], ['w1'], [at('A', 'w1', 3), at('A', 'w9', 100)]).shortages).toHaveLength(1);
  });
});
