import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { badInput, DomainError } from '../../../libs/errors/src';
import { formatAmount } from '../../../libs/pricing/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { CatalogReadService } from '../catalog/catalog-read.service';
import { InputNormalizer } from '../customers/customer-input.normalizer';
import { CustomerViewService } from '../customers/customer-view.service';
import type { CustomerType } from '../customers/graphql/customer.types';
import { addressCopy } from './address';
import { type AddressJson, type CartDetailsWrite, CartRepository, type CartRow } from './cart.repository';
import { CartPricer, money, totalsView } from './cart-pricer';
import type { CartDetailsInput, CartType } from './graphql/order.types';
import { toView as shippingView } from './shipping-methods.service';
import { ShippingMethodsService } from './shipping-methods.service';

export const MAX_CART_LINES = 100;
export const MAX_LINE_QUANTITY = 9999;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const cartNotFound = () =>
  new DomainError('NOT_FOUND', 'Cart was not found.', { fieldErrors: [{ path: 'cartId', message: 'unknown cart' }] });

/**
 * Carts per storefront: anonymous (the unguessable id is the key) or a logged-in customer's (one active cart
 * per customer and storefront). Lines keep SKU and quantity only; prices and availability are always read now.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly db: DatabaseService,
    private readonly carts: CartRepository,
    private readonly pricer: CartPricer,
    private readonly catalog: CatalogReadService,
    private readonly customers: CustomerViewService,
    private readonly shipping: ShippingMethodsService,
  ) {}

  /** A logged-in customer gets their active cart (created once); a visitor a new anonymous one. */
  async create(ctx: RequestContext): Promise<CartType> {
    if (ctx.customer) {
      const mine = await this.carts.activeOfCustomer(ctx);
      if (mine) return this.view(ctx, mine);
    }
    const id = randomUUID();
    try {
      await this.carts.insert(ctx, id);
    } catch (e) {
      // Two createCart calls of one customer at once: the other one's cart is the cart.
      if (ctx.customer && isUniqueViolation(e)) return this.view(ctx, (await this.carts.activeOfCustomer(ctx))!);
      throw e;
    }
    return this.view(ctx, (await this.carts.get(ctx, id, { lock: false }))!);
  }

  /** null when unknown, of another storefront or of another customer (never an error: ids are not secrets to probe). */
  async get(ctx: RequestContext, id: string): Promise<CartType | null> {
    if (!UUID.test(id)) return null;
    const cart = await this.carts.get(ctx, id, { lock: false });
    return cart ? this.view(ctx, cart) : null;
  }

  async add(ctx: RequestContext, cartId: string, sku: string, quantity: number): Promise<CartType> {
    checkQuantity(quantity, 1);
    await this.requireSold(ctx, sku);
    return this.change(ctx, cartId, async (cart) => {
      const lines = await this.carts.lines(ctx, cart.id);
      const current = lines.find((l) => l.sku === sku);
      if (!current && lines.length >= MAX_CART_LINES) {
        throw badInput([{ path: 'sku', message: `a cart holds at most ${MAX_CART_LINES} lines` }]);
      }
      const total = (current?.quantity ?? 0) + quantity;
      if (total > MAX_LINE_QUANTITY) {
        throw badInput([
          { path: 'quantity', message: `at most ${MAX_LINE_QUANTITY} per line (the cart has ${current?.quantity ?? 0})` },
        ]);
      }
      await this.carts.setLine(ctx, cart.id, sku, total);
    });
  }

  /** Sets a line's quantity; 0 removes it. A SKU not in the cart is NOT_FOUND. */
  async updateLine(ctx: RequestContext, cartId: string, sku: string, quantity: number): Promise<CartType> {
    checkQuantity(quantity, 0);
    return this.change(ctx, cartId, async (cart) => {
      const lines = await this.carts.lines(ctx, cart.id);
      if (!lines.some((l) => l.sku === sku)) {
        throw new DomainError('NOT_FOUND', `SKU ${sku.slice(0, 100)} is not in this cart.`, {
          fieldErrors: [{ path: 'sku', message: 'not in the cart' }],
        });
      }
      if (quantity > 0) await this.requireSold(ctx, sku);
      await this.carts.setLine(ctx, cart.id, sku, quantity);
    });
  }

  async setDetails(ctx: RequestContext, cartId: string, input: CartDetailsInput): Promise<CartType> {
    const sf = ctx.requireStorefront();
    const customer = ctx.customer ? await this.customers.one(ctx, ctx.customer.id) : null;
    const n = new InputNormalizer();
    const patch: CartDetailsWrite = {};
    if (input.email !== undefined) patch.email = input.email === null ? null : n.email('input.email', input.email);
    if (input.firstName !== undefined)
      patch.firstName = n.text('input.firstName', input.firstName, { required: false, max: 100 });
    if (input.lastName !== undefined) patch.lastName = n.text('input.lastName', input.lastName, { required: false, max: 100 });
    if (input.phone !== undefined) patch.phone = n.phone('input.phone', input.phone, sf.country);
    for (const kind of ['shipping', 'billing'] as const) {
      const given = input[`${kind}Address`];
      const id = input[`${kind}AddressId`];
      if (given && id) n.fail(`input.${kind}AddressId`, `give ${kind}Address or ${kind}AddressId, not both`);
      else if (given)
        patch[`${kind}Address`] = addressCopy(n.address(`input.${kind}Address`, given), customer?.company?.name ?? null);
      else if (id) patch[`${kind}Address`] = savedAddress(n, `input.${kind}AddressId`, id, customer);
      else if (given === null || id === null) patch[`${kind}Address`] = null;
    }
    if (input.purchaseOrderNumber !== undefined) {
      if (sf.audience !== 'B2B' && input.purchaseOrderNumber !== null)
        n.fail('input.purchaseOrderNumber', 'is for B2B storefronts only');
      else
        patch.purchaseOrderNumber = n.text('input.purchaseOrderNumber', input.purchaseOrderNumber, { required: false, max: 50 });
    }
    if (input.shippingMethodCode !== undefined) {
      if (input.shippingMethodCode === null) patch.shippingMethodCode = null;
      else {
        const m = await this.shipping.byCode(ctx, input.shippingMethodCode);
        if (!m?.active) n.fail('input.shippingMethodCode', 'is not a shipping method of this storefront');
        else patch.shippingMethodCode = m.code;
      }
    }
    n.done();
    return this.change(ctx, cartId, async (cart) => {
      const to = patch.shippingAddress !== undefined ? patch.shippingAddress : cart.shipping_address;
      const code = patch.shippingMethodCode !== undefined ? patch.shippingMethodCode : cart.shipping_method_code;
      if (to && code) {
        const m = await this.shipping.byCode(ctx, code);
        if (m && !m.countries.includes(to.country)) {
          throw badInput([{ path: 'input.shippingMethodCode', message: `does not ship to ${to.country}` }]);
        }
      }
      await this.carts.setDetails(ctx, cart.id, patch);
    });
  }

  /** Moves an anonymous cart's lines into the logged-in customer's active cart (quantities add up, capped). */
  async merge(ctx: RequestContext, cartId: string): Promise<CartType> {
    const target = await this.db.transaction(async () => {
      const source = UUID.test(cartId) ? await this.carts.get(ctx, cartId, { lock: true }) : null;
      if (!source || source.status !== 'ACTIVE') throw cartNotFound();
      if (source.customer_id) return source; // already mine
      let mine = await this.carts.activeOfCustomer(ctx);
      if (!mine) {
        await this.carts.insert(ctx, randomUUID());
        mine = (await this.carts.activeOfCustomer(ctx))!;
      }
      const [from, into] = await Promise.all([this.carts.lines(ctx, source.id), this.carts.lines(ctx, mine.id)]);
      const merged = new Map(into.map((l) => [l.sku, l.quantity]));
      for (const l of from) merged.set(l.sku, Math.min(MAX_LINE_QUANTITY, (merged.get(l.sku) ?? 0) + l.quantity));
      if (merged.size > MAX_CART_LINES) {
        throw badInput([
          { path: 'cartId', message: `the merged cart would have ${merged.size} lines (at most ${MAX_CART_LINES})` },
        ]);
      }
      for (const l of from) await this.carts.setLine(ctx, mine.id, l.sku, merged.get(l.sku)!);
      await this.carts.setDetails(ctx, mine.id, {
        email: mine.email ?? source.email ?? undefined,
        shippingAddress: mine.shipping_address ?? source.shipping_address ?? undefined,
        billingAddress: mine.billing_address ?? source.billing_address ?? undefined,
        shippingMethodCode: mine.shipping_method_code ?? source.shipping_method_code ?? undefined,
      });
      await this.carts.setStatus(ctx, source.id, 'MERGED', null);
      return mine;
    });
    return this.view(ctx, (await this.carts.get(ctx, target.id, { lock: false }))!);
  }

  /** Runs a change on an ACTIVE cart the caller may use, locked, and answers the cart after it. */
  private async change(ctx: RequestContext, cartId: string, work: (cart: CartRow) => Promise<void>): Promise<CartType> {
    await this.db.transaction(async () => {
      const cart = UUID.test(cartId) ? await this.carts.get(ctx, cartId, { lock: true }) : null;
      if (!cart) throw cartNotFound();
      if (cart.status !== 'ACTIVE') {
        throw new DomainError('BAD_USER_INPUT', `This cart was ordered (${cart.order_number}); start a new cart.`, {
          fieldErrors: [{ path: 'cartId', message: 'was already ordered' }],
          extensions: { orderNumber: cart.order_number },
        });
      }
      await work(cart);
    });
    return this.view(ctx, (await this.carts.get(ctx, cartId, { lock: false }))!);
  }

  private async requireSold(ctx: RequestContext, sku: string): Promise<void> {
    const found = sku.length <= 100 ? await this.catalog.sellable(ctx, [sku], { fresh: false }) : new Map();
    if (!found.has(sku)) {
      throw new DomainError('NOT_FOUND', `SKU ${sku.slice(0, 100)} is not sold on this storefront.`, {
        fieldErrors: [{ path: 'sku', message: 'not sold here' }],
      });
    }
  }

  async view(ctx: RequestContext, cart: CartRow): Promise<CartType> {
    const sf = ctx.requireStorefront();
    const priced = await this.pricer.price(ctx, cart, await this.carts.lines(ctx, cart.id), { fresh: false });
    const totals = priced.totals;
    return {
      id: cart.id,
      status: cart.status,
      currency: sf.currency,
      lines: priced.lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        name: l.variant.name,
        product: { slug: l.variant.product.slug, name: l.variant.product.name },
        unitPrice: { ...l.variant.price, amount: formatAmount(l.unit.amountMinor, sf.currency) },
        lineTotal: money(l.unit.amountMinor * BigInt(l.quantity), sf.currency),
        availability: l.variant.availability,
      })),
      totals: totalsView(totals, sf.currency),
      reverseCharge: priced.reverseCharge.applies,
      email: cart.email ?? priced.customer?.email ?? null,
      firstName: cart.first_name ?? priced.customer?.firstName ?? null,
      lastName: cart.last_name ?? priced.customer?.lastName ?? null,
      phone: cart.phone ?? priced.customer?.phone ?? null,
      shippingAddress: cart.shipping_address,
      billingAddress: cart.billing_address,
      shippingMethod: priced.shippingMethod ? shippingView(priced.shippingMethod) : null,
      purchaseOrderNumber: cart.purchase_order_number,
      orderNumber: cart.order_number,
    };
  }
}

function checkQuantity(quantity: number, min: number): void {
  if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_LINE_QUANTITY) {
    throw badInput([{ path: 'quantity', message: `must be a whole number from ${min} to ${MAX_LINE_QUANTITY}` }]);
  }
}

/** One of the customer's saved addresses, or (B2B) their company's address (its id is the company id). */
function savedAddress(n: InputNormalizer, path: string, id: string, customer: CustomerType | null): AddressJson | undefined {
  const company = customer?.company ?? null;
  const a = customer?.addresses.find((x) => x.id === id) ?? (company && company.address.id === id ? company.address : undefined);
  if (!a) {
    n.fail(path, 'is not one of your addresses');
    return undefined;
  }
  return addressCopy(a, company?.name ?? null);
}
