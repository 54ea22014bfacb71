/** A quantity break of a list price: from `minQuantity` units on, each costs `amountMinor`. */
export interface PriceTier {
  minQuantity: number;
  amountMinor: bigint;
}

export type PriceSource = 'LIST' | 'TIER' | 'AGREED';

export interface UnitPrice {
  amountMinor: bigint;
  source: PriceSource;
}

/**
 * The unit price a buyer pays for `quantity` units: the lowest of the list price, the list's quantity breaks the
 * quantity reaches, and the buyer's company's agreed price (a price agreement never makes a buyer pay more than
 * the shop's own offer). Ties go to the agreement, then the tier. Tiers with minQuantity ≤ 1 are ignored.
 */
export function unitPriceFor(
  quantity: number,
  listMinor: bigint,
  tiers: readonly PriceTier[],
  agreedMinor: bigint | null,
): UnitPrice {
  let best: UnitPrice = { amountMinor: listMinor, source: 'LIST' };
  for (const t of tiers) {
    if (t.minQuantity > 1 && quantity >= t.minQuantity && t.amountMinor <= best.amountMinor) {
      best = { amountMinor: t.amountMinor, source: 'TIER' };
    }
  }
  if (agreedMinor !== null && agreedMinor <= best.amountMinor) best = { amountMinor: agreedMinor, source: 'AGREED' };
  return best;
}

/**
 * The quantity breaks worth showing to a buyer: those below what one unit costs them (the agreed price when
 * there is one), ascending by quantity, each cheaper than the one before.
 */
export function visibleTiers(listMinor: bigint, tiers: readonly PriceTier[], agreedMinor: bigint | null): PriceTier[] {
  let floor = agreedMinor !== null && agreedMinor < listMinor ? agreedMinor : listMinor;
  const out: PriceTier[] = [];
  for (const t of [...tiers].filter((x) => x.minQuantity > 1).sort((a, b) => a.minQuantity - b.minQuantity)) {
    if (t.amountMinor < floor) {
      out.push(t);
      floor = t.amountMinor;
    }
  }
  return out;
}
