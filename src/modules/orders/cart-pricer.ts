import { Injectable } from '@nestjs/common';
import {
  computeOrderTotals,
  formatAmount,
  goodsAmountMinor,
  type OrderTotals,
  reverseCharge,
  type ReverseChargeDecision,
  shippingPriceFor,
  type UnitPrice,
  unitPriceFor,
} from '../../../libs/pricing/src';
import type { RequestContext } from '../../core/context/request-context';
import { type SellableVariant, CatalogReadService } from '../catalog/catalog-read.service';
import { CustomerViewService } from '../customers/customer-view.service';
import type { CustomerType } from '../customers/graphql/customer.types';
import { BrandsService } from '../tenants/brands.service';
import type { CartLineRow, CartRow } from './cart.repository';
import type { MoneyType, TotalsType } from './graphql/order.types';
import type { ShippingMethodRow } from './shipping-method.repository';
import { ShippingMethodsService } from './shipping-methods.service';

/** A cart line the storefront still sells, priced now. */
export interface PricedCartLine {
  sku: string;
  quantity: number;
  variant: SellableVariant;
  /** What one unit costs this buyer at this quantity: list price, quantity break or the company's agreed price. */
  unit: UnitPrice;
}

/** A cart with current prices: what the cart shows and what placeOrder charges. */
export interface PricedCart {
  lines: PricedCartLine[];
  /** Lines whose SKU the storefront no longer sells (not shown, not ordered). */
  unsold: CartLineRow[];
  totals: OrderTotals | null;
  reverseCharge: ReverseChargeDecision;
  sellerVatNumber: string | null;
  shippingMethod: ShippingMethodRow | null;
  customer: CustomerType | null;
}

/**
 * Prices a cart for its storefront and buyer: current prices and tax rates (the catalog's), the chosen shipping
 * method with its free-shipping rule, and reverse charge for a verified EU business of another country. Money and
 * VAT rules are libs/pricing's; this only gathers the facts.
 */
@Injectable()
export class CartPricer {
  constructor(
    private readonly catalog: CatalogReadService,
    private readonly customers: CustomerViewService,
    private readonly brands: BrandsService,
    private readonly shipping: ShippingMethodsService,
  ) {}

  async price(ctx: RequestContext, cart: CartRow, rows: CartLineRow[], opts: { fresh: boolean }): Promise<PricedCart> {
    const sf = ctx.requireStorefront();
    const [sellable, customer, brand, method] = await Promise.all([
      this.catalog.sellable(
        ctx,
        rows.map((r) => r.sku),
        opts,
      ),
      cart.customer_id ? this.customers.one(ctx, cart.customer_id) : Promise.resolve(null),
      sf.audience === 'B2B' ? this.brands.byIds(ctx, [sf.brandId]).then((m) => m.get(sf.brandId) ?? null) : Promise.resolve(null),
      cart.shipping_method_code ? this.shipping.byCode(ctx, cart.shipping_method_code) : Promise.resolve(null),
    ]);
    const lines = rows.flatMap((r) => {
      const variant = sellable.get(r.sku);
      return variant
        ? [
            {
              sku: r.sku,
              quantity: r.quantity,
              variant,
              unit: unitPriceFor(r.quantity, variant.unitPriceMinor, variant.tiers, variant.agreedMinor),
            },
          ]
        : [];
    });
    const unsold = rows.filter((r) => !sellable.has(r.sku));
    const company = customer?.company ?? null;
    const rc = reverseCharge({
      audience: sf.audience,
      buyer: company ? { vatNumber: company.vatNumber, viesStatus: company.vatVerification.status } : null,
      sellerVatNumber: brand?.vatNumber ?? null,
      storefrontCountry: sf.country,
    });
    const priced = lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      unitPriceMinor: l.unit.amountMinor,
      taxRate: l.variant.price.taxRate,
    }));
    const shippingMethod = method?.active ? method : null;
    const totals = priced.length
      ? computeOrderTotals({
          pricesIncludeTax: sf.pricesIncludeTax,
          lines: priced,
          shippingPriceMinor: shippingMethod
            ? shippingPriceFor(
                {
                  priceMinor: BigInt(shippingMethod.price_minor),
                  freeAboveMinor: shippingMethod.free_above_minor === null ? null : BigInt(shippingMethod.free_above_minor),
                },
                goodsAmountMinor(priced),
              )
            : 0n,
          reverseCharge: rc.applies,
        })
      : null;
    return { lines, unsold, totals, reverseCharge: rc, sellerVatNumber: brand?.vatNumber ?? null, shippingMethod, customer };
  }
}

export function money(minor: bigint | string, currency: string): MoneyType {
  return { amount: formatAmount(minor, currency), currency };
}

/** Totals as the API shows them; an empty cart is all zeros. */
export function totalsView(t: OrderTotals | null, currency: string): TotalsType {
  const m = (v: bigint | undefined) => money(v ?? 0n, currency);
  return {
    subtotalNet: m(t?.subtotalNetMinor),
    subtotalGross: m(t?.subtotalGrossMinor),
    shipping: m(t?.shippingNetMinor),
    shippingGross: m(t?.shippingGrossMinor),
    tax: m(t?.taxMinor),
    totalGross: m(t?.totalGrossMinor),
    taxLines: (t?.taxLines ?? []).map((x) => ({ rate: x.rate, taxableAmount: m(x.netMinor), tax: m(x.taxMinor) })),
  };
}
