/** Units of a SKU an order asks for. */
export interface StockRequest {
  sku: string;
  quantity: number;
}

/** What a warehouse can still promise of a SKU (on hand − reserved; may be negative after a lower count). */
export interface WarehouseStock {
  sku: string;
  warehouseId: string;
  available: number;
}

export interface Allocation {
  sku: string;
  warehouseId: string;
  quantity: number;
}

export interface AllocationResult {
  allocations: Allocation[];
  shortages: { sku: string; requested: number; available: number }[];
}

/**
 * Allocates each request from the warehouses in the order given (the storefront's listed order): the first
 * warehouse gives what it has, the next the rest, and so on. A request that all warehouses together cannot cover
 * is a shortage (reporting what they have, never below 0) and gets no allocation. Requests of the same SKU are
 * summed first.
 */
export function allocate(requests: StockRequest[], warehouseOrder: readonly string[], stock: WarehouseStock[]): AllocationResult {
  const wanted = new Map<string, number>();
  for (const r of requests) wanted.set(r.sku, (wanted.get(r.sku) ?? 0) + r.quantity);
  const allocations: Allocation[] = [];
  const shortages: AllocationResult['shortages'] = [];
  for (const [sku, requested] of wanted) {
    const free = warehouseOrder.map((warehouseId) => ({
      warehouseId,
      available: Math.max(0, stock.find((s) => s.sku === sku && s.warehouseId === warehouseId)?.available ?? 0),
    }));
    const total = free.reduce((n, f) => n + f.available, 0);
    if (total < requested) {
      shortages.push({ sku, requested, available: total });
      continue;
    }
    let left = requested;
    for (const f of free) {
      if (left === 0) break;
      const take = Math.min(left, f.available);
      if (take > 0) allocations.push({ sku, warehouseId: f.warehouseId, quantity: take });
      left -= take;
    }
  }
  return { allocations, shortages };
}
