import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, type FieldError } from '../../../libs/errors/src';
import { generateSecret, hashSecret } from '../../../libs/secrets/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { StockReservationService } from '../inventory/stock-reservation.service';
import { type AddressJson, CartRepository, type CartRow } from './cart.repository';
import { addressCopy } from './address';
import { CartPricer, type PricedCart } from './cart-pricer';
import type { OrderType } from './graphql/order.types';
import { type OrderLineWrite, OrderRepository, type OrderViewRow, type OrderWrite } from './order.repository';
import { orderEventData, toOrderView } from './order-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * placeOrder: one transaction that locks the cart, re-prices it from the database, checks every detail, reserves
 * stock over the storefront's warehouses (all or nothing: INSUFFICIENT_STOCK), numbers the order per brand and
 * writes it with its `order.placed` event. The cart becomes ORDERED: placing it again returns the same order.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly db: DatabaseService,
    private readonly carts: CartRepository,
    private readonly pricer: CartPricer,
    private readonly orders: OrderRepository,
    private readonly stock: StockReservationService,
    private readonly outbox: OutboxService,
  ) {}

  async placeOrder(ctx: RequestContext, cartId: string): Promise<OrderType> {
    const sf = ctx.requireStorefront();
    const orderId = await this.db.transaction(async () => {
      const cart = UUID.test(cartId) ? await this.carts.get(ctx, cartId, { lock: true }) : null;
      if (!cart)
        throw new DomainError('NOT_FOUND', 'Cart was not found.', { fieldErrors: [{ path: 'cartId', message: 'unknown cart' }] });
      if (cart.status === 'ORDERED' && cart.order_id) return cart.order_id; // a retry after success: the same order
      this.checkBuyer(ctx, cart);
      const priced = await this.pricer.price(ctx, cart, await this.carts.lines(ctx, cart.id), { fresh: true });
      if (sf.audience === 'B2B' && priced.customer?.status !== 'ACTIVE') {
        throw new DomainError('ACCOUNT_NOT_ACTIVE', 'Only active buyers of an approved company can order.', {
          extensions: { status: priced.customer?.status ?? null },
        });
      }
      const details = this.checkDetails(cart, priced);
      const totals = priced.totals!;
      const id = uuidv7();
      await this.stock.reserve(
        ctx,
        id,
        priced.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        sf.warehouseIds,
      );
      const company = priced.customer?.company ?? null;
      const accountToken = cart.customer_id ? null : generateSecret('acct');
      const order: Omit<OrderWrite, 'number'> = {
        id,
        brandId: sf.brandId,
        storefrontId: sf.id,
        audience: sf.audience,
        cartId: cart.id,
        customerId: cart.customer_id,
        companyId: company?.id ?? null,
        status: sf.audience === 'B2B' ? 'CONFIRMED' : 'AWAITING_PAYMENT',
        currency: sf.currency,
        pricesIncludeTax: sf.pricesIncludeTax,
        ...details,
        shippingMethodCode: priced.shippingMethod!.code,
        shippingMethodName: priced.shippingMethod!.name,
        purchaseOrderNumber: cart.purchase_order_number,
        companyName: company?.name ?? null,
        buyerVatNumber: company?.vatNumber ?? null,
        sellerVatNumber: priced.sellerVatNumber,
        reverseCharge: priced.reverseCharge.applies,
        subtotalNetMinor: totals.subtotalNetMinor,
        subtotalGrossMinor: totals.subtotalGrossMinor,
        shippingNetMinor: totals.shippingNetMinor,
        shippingTaxMinor: totals.shippingTaxMinor,
        shippingGrossMinor: totals.shippingGrossMinor,
        taxMinor: totals.taxMinor,
        totalGrossMinor: totals.totalGrossMinor,
        taxLines: totals.taxLines.map((t) => ({
          rate: t.rate,
          netMinor: t.netMinor.toString(),
          taxMinor: t.taxMinor.toString(),
        })),
        paymentTermsDays: sf.audience === 'B2B' ? sf.paymentTermsDays : null,
        accountTokenHash: accountToken ? hashSecret(accountToken) : null,
      };
      const lines: OrderLineWrite[] = priced.lines.map((l, i) => ({
        sku: l.sku,
        name: l.variant.product.name === l.variant.name ? l.variant.name : `${l.variant.product.name} – ${l.variant.name}`,
        quantity: l.quantity,
        unitPriceMinor: l.unit.amountMinor,
        netMinor: totals.lines[i].netMinor,
        taxMinor: totals.lines[i].taxMinor,
        grossMinor: totals.lines[i].grossMinor,
        taxRate: totals.lines[i].taxRate,
      }));
      // Last: numbering locks the brand's counter until commit, so only this statement, the event and the commit follow.
      const written = await this.orders.insertNumbered(ctx, order, lines, sf.brandCode.toUpperCase());
      await this.outbox.add({
        type: 'order.placed',
        brandId: sf.brandId,
        aggregateId: id,
        data: orderEventData(toOrderView(placedRow(order, lines, written, sf.code)), accountToken ? { accountToken } : {}),
      });
      return id;
    });
    return this.read(ctx, orderId);
  }

  /** The order as its buyer sees it (a guest, who has no session, sees it right after placing it). */
  private async read(ctx: RequestContext, id: string): Promise<OrderType> {
    return toOrderView(await this.orders.justPlaced(ctx, id));
  }

  private checkBuyer(ctx: RequestContext, cart: CartRow): void {
    const sf = ctx.requireStorefront();
    if (sf.audience === 'B2B' && !ctx.customer) {
      throw new DomainError('UNAUTHENTICATED', 'Log in with an active buyer account of your company to order.');
    }
    if (ctx.customer && cart.customer_id !== ctx.customer.id) {
      // A logged-in customer orders their own cart: an anonymous one is merged first (mergeCart).
      throw new DomainError('BAD_USER_INPUT', 'Merge this cart into your own cart first (mergeCart).', {
        fieldErrors: [{ path: 'cartId', message: 'is not your cart; merge it first' }],
      });
    }
  }

  /** Every detail an order needs, with defaults from the account; all missing or wrong ones at once. */
  private checkDetails(cart: CartRow, priced: PricedCart) {
    const errors: FieldError[] = [];
    const c = priced.customer;
    const companyAddress: AddressJson | null = c?.company ? addressCopy(c.company.address, c.company.name) : null;
    const defaultShipping = c?.addresses.find((a) => a.defaultShipping);
    const shippingAddress =
      cart.shipping_address ?? (defaultShipping ? addressCopy(defaultShipping, c?.company?.name ?? null) : companyAddress);
    const billingAddress = cart.billing_address ?? companyAddress ?? shippingAddress;
    const email = cart.email ?? c?.email ?? null;
    const firstName = cart.first_name ?? c?.firstName ?? null;
    const lastName = cart.last_name ?? c?.lastName ?? null;
    if (!priced.lines.length) errors.push({ path: 'cartId', message: 'the cart is empty' });
    if (!email) errors.push({ path: 'email', message: 'is required' });
    if (!firstName) errors.push({ path: 'firstName', message: 'is required' });
    if (!lastName) errors.push({ path: 'lastName', message: 'is required' });
    if (!shippingAddress) errors.push({ path: 'shippingAddress', message: 'is required' });
    if (!cart.shipping_method_code) errors.push({ path: 'shippingMethodCode', message: 'is required' });
    else if (!priced.shippingMethod) errors.push({ path: 'shippingMethodCode', message: 'is no longer offered' });
    else if (shippingAddress && !priced.shippingMethod.countries.includes(shippingAddress.country)) {
      errors.push({ path: 'shippingMethodCode', message: `does not ship to ${shippingAddress.country}` });
    }
    if (errors.length) {
      throw new DomainError('BAD_USER_INPUT', `The order is not complete: ${errors.map((e) => e.path).join(', ')}.`, {
        fieldErrors: errors,
      });
    }
    return {
      email,
      firstName,
      lastName,
      phone: cart.phone ?? c?.phone ?? null,
      shippingAddress: shippingAddress!,
      billingAddress: billingAddress!,
    };
  }
}

/** The order just written, as a view row (no read-back inside the transaction: the counter lock is held). */
function placedRow(
  o: Omit<OrderWrite, 'number'>,
  lines: OrderLineWrite[],
  written: { number: string; placed_at: Date; payment_due_at: Date | null },
  storefrontCode: string,
): OrderViewRow {
  const m = (v: bigint) => v.toString();
  return {
    id: o.id,
    brand_id: o.brandId,
    storefront_code: storefrontCode,
    audience: o.audience,
    number: written.number,
    status: o.status,
    placed_at: written.placed_at,
    currency: o.currency,
    prices_include_tax: o.pricesIncludeTax,
    email: o.email,
    first_name: o.firstName,
    last_name: o.lastName,
    phone: o.phone,
    company_name: o.companyName,
    buyer_vat_number: o.buyerVatNumber,
    seller_vat_number: o.sellerVatNumber,
    shipping_address: o.shippingAddress,
    billing_address: o.billingAddress,
    shipping_method_code: o.shippingMethodCode,
    shipping_method_name: o.shippingMethodName,
    purchase_order_number: o.purchaseOrderNumber,
    reverse_charge: o.reverseCharge,
    subtotal_net_minor: m(o.subtotalNetMinor),
    subtotal_gross_minor: m(o.subtotalGrossMinor),
    shipping_net_minor: m(o.shippingNetMinor),
    shipping_tax_minor: m(o.shippingTaxMinor),
    shipping_gross_minor: m(o.shippingGrossMinor),
    tax_minor: m(o.taxMinor),
    total_gross_minor: m(o.totalGrossMinor),
    tax_lines: o.taxLines,
    payment_due_at: written.payment_due_at,
    paid_minor: '0',
    paid_at: null,
    cancelled_at: null,
    cancel_reason: null,
    customer_id: o.customerId,
    company_id: o.companyId,
    lines: lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      shipped_quantity: 0,
      unit_price_minor: m(l.unitPriceMinor),
      net_minor: m(l.netMinor),
      tax_minor: m(l.taxMinor),
      gross_minor: m(l.grossMinor),
      tax_rate: l.taxRate,
    })),
    payments: [],
    shipments: [],
  };
}
