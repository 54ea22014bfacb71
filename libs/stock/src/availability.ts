export type StockStatus = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';
export type StockDisplayMode = 'EXACT' | 'STATUS';

export interface Availability {
  status: StockStatus;
  /** null when the storefront shows only the status. */
  quantity: number | null;
}

/**
 * What a storefront shows for `available` units (on-hand over its warehouses − reserved):
 * ≤ 0 OUT_OF_STOCK, 1..threshold LOW_STOCK, above IN_STOCK; the quantity only with EXACT display.
 */
export function availabilityFor(available: number, display: StockDisplayMode, lowStockThreshold: number): Availability {
  const qty = Math.max(0, Math.trunc(available));
  const status: StockStatus = qty <= 0 ? 'OUT_OF_STOCK' : qty <= lowStockThreshold ? 'LOW_STOCK' : 'IN_STOCK';
  return { status, quantity: display === 'EXACT' ? qty : null };
}

export function sameAvailability(a: Availability, b: Availability): boolean {
  return a.status === b.status && a.quantity === b.quantity;
}
