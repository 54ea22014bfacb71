/**
 * The money and VAT rules of an order (docs/MONEY-AND-VAT.md): integer minor units, rates as exact basis
 * points, rounding per line half up, shipping taxed like the goods it ships, reverse charge at 0 %.
 * Pure functions: the caller validates its input first; the checks here are programming guards (plain Error).
 */

export interface PricedLine {
  sku: string;
  quantity: number;
  unitPriceMinor: bigint;
  /** As the contract shows rates: "21", "5.5", "25.5", "0". */
  taxRate: string;
}

export interface TotalsInput {
  /** B2C storefronts: prices include VAT; B2B: prices are net. */
  pricesIncludeTax: boolean;
  /** At least one. */
  lines: PricedLine[];
  /** Already after any free-shipping rule; same convention as the prices (gross when pricesIncludeTax); 0n allowed. */
  shippingPriceMinor: bigint;
  reverseCharge: boolean;
}

export interface LineTotals {
  sku: string;
  quantity: number;
  unitPriceMinor: bigint;
  /** The rate charged: the line's rate written canonically ("5.50" → "5.5"), "0" under reverse charge. */
  taxRate: string;
  netMinor: bigint;
  taxMinor: bigint;
  grossMinor: bigint;
}

/** Goods + shipping per rate charged. */
export interface TaxLine {
  rate: string;
  netMinor: bigint;
  taxMinor: bigint;
}

export interface OrderTotals {
  lines: LineTotals[];
  subtotalNetMinor: bigint;
  subtotalGrossMinor: bigint;
  shippingNetMinor: bigint;
  shippingTaxMinor: bigint;
  shippingGrossMinor: bigint;
  /** Goods tax + shipping tax. */
  taxMinor: bigint;
  /** = subtotalNet + shippingNet + tax = subtotalGross + shippingGross. */
  totalGrossMinor: bigint;
  /** One per rate present (goods and shipping), sorted by rate descending. */
  taxLines: TaxLine[];
}

/** The part of the shipping price that follows the goods of one rate (in the prices' convention). */
export interface ShippingPart {
  rate: string;
  amountMinor: bigint;
}

const BP_PER_UNIT = 10_000n; // 100 % = 10 000 basis points
const MAX_BP = BP_PER_UNIT;

/** "21" → 2100n, "5.5" → 550n, "25.5" → 2550n, "0" → 0n; from 0 to 100 with at most 2 decimals, else throws. */
export function rateBasisPoints(rate: string): bigint {
  const m = typeof rate === 'string' ? /^(0|[1-9]\d{0,2})(?:\.(\d{1,2}))?$/.exec(rate) : null;
  const bp = m ? BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')) : -1n;
  if (bp < 0n || bp > MAX_BP)
    throw new Error(`invalid tax rate ${JSON.stringify(rate)}: expected a percentage 0–100 with at most 2 decimals`);
  return bp;
}

/** The contract's spelling of a rate in basis points: 2100n → "21", 550n → "5.5", 905n → "9.05". */
function rateString(bp: bigint): string {
  const whole = (bp / 100n).toString();
  const frac = (bp % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** numerator / denominator rounded to the nearest integer, exact halves up; numerator ≥ 0, denominator > 0. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n)
    throw new Error(`roundHalfUp needs numerator >= 0 and denominator > 0 (got ${numerator}/${denominator})`);
  const q = numerator / denominator;
  return 2n * (numerator % denominator) >= denominator ? q + 1n : q;
}

/** The VAT contained in a price that includes VAT at `bp`. */
function taxIncluded(grossMinor: bigint, bp: bigint): bigint {
  return roundHalfUp(grossMinor * bp, BP_PER_UNIT + bp);
}

/** The VAT on a net price at `bp`. */
function taxOn(netMinor: bigint, bp: bigint): bigint {
  return roundHalfUp(netMinor * bp, BP_PER_UNIT);
}

interface Charge {
  netMinor: bigint;
  taxMinor: bigint;
  grossMinor: bigint;
}

/**
 * One amount (a line's unit × quantity or a shipping part) at its rate `bp`, in the prices' convention.
 * Reverse charge charges 0 %: a net price stays as it is, a price incl. VAT loses the VAT it contains at `bp`.
 */
function charge(amountMinor: bigint, bp: bigint, pricesIncludeTax: boolean, reverseCharge: boolean): Charge {
  if (pricesIncludeTax) {
    const netMinor = amountMinor - taxIncluded(amountMinor, bp);
    return reverseCharge
      ? { netMinor, taxMinor: 0n, grossMinor: netMinor }
      : { netMinor, taxMinor: amountMinor - netMinor, grossMinor: amountMinor };
  }
  const taxMinor = reverseCharge ? 0n : taxOn(amountMinor, bp);
  return { netMinor: amountMinor, taxMinor, grossMinor: amountMinor + taxMinor };
}

function checkLine(line: PricedLine): void {
  if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
    throw new Error(`line ${line.sku}: quantity must be a positive integer (got ${line.quantity})`);
  }
  if (typeof line.unitPriceMinor !== 'bigint' || line.unitPriceMinor < 0n) {
    throw new Error(`line ${line.sku}: unitPriceMinor must be a bigint >= 0 (got ${String(line.unitPriceMinor)})`);
  }
}

function checkAmount(name: string, v: bigint): void {
  if (typeof v !== 'bigint' || v < 0n) throw new Error(`${name} must be a bigint >= 0 (got ${String(v)})`);
}

/** unit × quantity of one line. */
function lineAmount(line: PricedLine): bigint {
  return line.unitPriceMinor * BigInt(line.quantity);
}

/** Σ unit × quantity, in the storefront's price convention (what a free-shipping threshold compares with). */
export function goodsAmountMinor(lines: PricedLine[]): bigint {
  let sum = 0n;
  for (const line of lines) {
    checkLine(line);
    sum += lineAmount(line);
  }
  return sum;
}

/** The shipping price of a method for this goods amount: 0n when the method has a threshold and the goods reach it. */
export function shippingPriceFor(
  method: { priceMinor: bigint; freeAboveMinor: bigint | null },
  goodsAmountMinor: bigint,
): bigint {
  checkAmount('priceMinor', method.priceMinor);
  checkAmount('goodsAmountMinor', goodsAmountMinor);
  if (method.freeAboveMinor !== null) checkAmount('freeAboveMinor', method.freeAboveMinor);
  return method.freeAboveMinor !== null && goodsAmountMinor >= method.freeAboveMinor ? 0n : method.priceMinor;
}

/**
 * Splits the shipping price over the goods' rates in proportion to the goods' net amount per rate, by
 * largest remainder so the parts sum exactly to the price (equal remainders: the higher rate first). All
 * net amounts 0: the whole price goes to the highest rate. One part per rate given, sorted by rate descending.
 */
export function splitShipping(shippingPriceMinor: bigint, netByRate: { rate: string; netMinor: bigint }[]): ShippingPart[] {
  checkAmount('shippingPriceMinor', shippingPriceMinor);
  if (netByRate.length === 0) throw new Error('splitShipping needs at least one rate');
  const weights = new Map<bigint, bigint>();
  for (const { rate, netMinor } of netByRate) {
    checkAmount(`net amount at rate ${rate}`, netMinor);
    const bp = rateBasisPoints(rate);
    weights.set(bp, (weights.get(bp) ?? 0n) + netMinor);
  }
  const rows = [...weights]
    .map(([bp, weight]) => ({ bp, weight, amount: 0n, remainder: 0n }))
    .sort((a, b) => cmpDesc(a.bp, b.bp));
  const total = rows.reduce((s, r) => s + r.weight, 0n);
  if (total === 0n) {
    rows[0].amount = shippingPriceMinor;
  } else {
    let left = shippingPriceMinor;
    for (const r of rows) {
      r.amount = (shippingPriceMinor * r.weight) / total;
      r.remainder = (shippingPriceMinor * r.weight) % total;
      left -= r.amount;
    }
    // left < the number of non-zero remainders, so a rate without goods value never gets a unit.
    const byRemainder = [...rows].sort((a, b) => cmpDesc(a.remainder, b.remainder) || cmpDesc(a.bp, b.bp));
    for (let i = 0; left > 0n; i++, left--) byRemainder[i].amount += 1n;
  }
  return rows.map((r) => ({ rate: rateString(r.bp), amountMinor: r.amount }));
}

function cmpDesc(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

/** The totals of an order by the rules of docs/MONEY-AND-VAT.md. */
export function computeOrderTotals(input: TotalsInput): OrderTotals {
  const { pricesIncludeTax, reverseCharge } = input;
  if (input.lines.length === 0) throw new Error('an order needs at least one line');
  checkAmount('shippingPriceMinor', input.shippingPriceMinor);

  const taxByRate = new Map<bigint, TaxLine>();
  const book = (bp: bigint, c: Charge): void => {
    const key = reverseCharge ? 0n : bp;
    const t = taxByRate.get(key) ?? { rate: rateString(key), netMinor: 0n, taxMinor: 0n };
    t.netMinor += c.netMinor;
    t.taxMinor += c.taxMinor;
    taxByRate.set(key, t);
  };

  // The goods' net per (normal) rate weighs the shipping split, also under reverse charge.
  const goodsNetByRate = new Map<string, bigint>();
  let subtotalNetMinor = 0n;
  let subtotalGrossMinor = 0n;
  let goodsTaxMinor = 0n;
  const lines = input.lines.map((line): LineTotals => {
    checkLine(line);
    const bp = rateBasisPoints(line.taxRate);
    const c = charge(lineAmount(line), bp, pricesIncludeTax, reverseCharge);
    book(bp, c);
    const rate = rateString(bp);
    goodsNetByRate.set(rate, (goodsNetByRate.get(rate) ?? 0n) + c.netMinor);
    subtotalNetMinor += c.netMinor;
    subtotalGrossMinor += c.grossMinor;
    goodsTaxMinor += c.taxMinor;
    return {
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      taxRate: reverseCharge ? '0' : rate,
      ...c,
    };
  });

  let shippingNetMinor = 0n;
  let shippingTaxMinor = 0n;
  let shippingGrossMinor = 0n;
  if (input.shippingPriceMinor > 0n) {
    const parts = splitShipping(
      input.shippingPriceMinor,
      [...goodsNetByRate].map(([rate, netMinor]) => ({ rate, netMinor })),
    );
    for (const part of parts) {
      if (part.amountMinor === 0n) continue;
      const bp = rateBasisPoints(part.rate);
      const c = charge(part.amountMinor, bp, pricesIncludeTax, reverseCharge);
      book(bp, c);
      shippingNetMinor += c.netMinor;
      shippingTaxMinor += c.taxMinor;
      shippingGrossMinor += c.grossMinor;
    }
  }

  const taxLines = [...taxByRate].sort(([a], [b]) => cmpDesc(a, b)).map(([, t]) => t);
  return {
    lines,
    subtotalNetMinor,
    subtotalGrossMinor,
    shippingNetMinor,
    shippingTaxMinor,
    shippingGrossMinor,
    taxMinor: goodsTaxMinor + shippingTaxMinor,
    totalGrossMinor: subtotalGrossMinor + shippingGrossMinor,
    taxLines,
  };
}
