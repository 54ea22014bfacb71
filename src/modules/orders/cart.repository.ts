import { Injectable } from '@nestjs/common';
import type { Audience, CartStatus } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository, type SqlParams } from '../../core/database/repository';

/** An address as carts and orders keep it (a copy, JSON). */
export interface AddressJson {
  fullName: string | null;
  companyName: string | null;
  street: string;
  houseNumber: string;
  houseNumberAddition: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export interface CartRow {
  id: string;
  brand_id: string;
  storefront_id: string;
  audience: Audience;
  customer_id: string | null;
  status: CartStatus;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  shipping_address: AddressJson | null;
  billing_address: AddressJson | null;
  shipping_method_code: string | null;
  purchase_order_number: string | null;
  order_id: string | null;
  order_number: string | null;
  updated_at: Date;
}

export interface CartLineRow {
  sku: string;
  quantity: number;
}

export interface CartDetailsWrite {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  shippingAddress?: AddressJson | null;
  billingAddress?: AddressJson | null;
  shippingMethodCode?: string | null;
  purchaseOrderNumber?: string | null;
}

const DETAIL_COLUMNS: { readonly [K in keyof Required<CartDetailsWrite>]: string } = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  shippingAddress: 'shipping_address',
  billingAddress: 'billing_address',
  shippingMethodCode: 'shipping_method_code',
  purchaseOrderNumber: 'purchase_order_number',
};

const CART_COLUMNS = `c.id, c.brand_id, c.storefront_id, c.audience, c.customer_id, c.status, c.email, c.first_name, c.last_name,
  c.phone, c.shipping_address, c.billing_address, c.shipping_method_code, c.purchase_order_number, c.order_id, c.updated_at,
  (SELECT o.number FROM sales_order o WHERE o.id = c.order_id) AS order_number`;

/**
 * SQL of carts. A storefront caller reaches only carts of its own storefront, and of those only anonymous ones
 * or the logged-in customer's own (`visible`): another storefront's, another customer's or an unknown id look the same.
 */
@Injectable()
export class CartRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** This storefront's carts the caller may use: anonymous ones, and the logged-in customer's own. */
  private visible(p: SqlParams, ctx: RequestContext): string {
    const sf = ctx.requireStorefront();
    return `c.storefront_id = ${p.add(sf.id)} AND ${p.brand('c.brand_id')}
      AND (c.customer_id IS NULL OR c.customer_id = ${p.add(ctx.customer?.id ?? null)}::uuid)`;
  }

  async insert(ctx: RequestContext, id: string): Promise<void> {
    const sf = ctx.requireStorefront();
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO cart (id, brand_id, storefront_id, audience, customer_id)
       VALUES (${p.add(id)}, ${p.add(sf.brandId)}, ${p.add(sf.id)}, ${p.add(sf.audience)}, ${p.add(ctx.customer?.id ?? null)}::uuid)`,
    );
  }

  /** The logged-in customer's active cart on this storefront. */
  async activeOfCustomer(ctx: RequestContext): Promise<CartRow | null> {
    const p = this.params(ctx);
    const [row] = await this.run<CartRow>(
      p,
      `SELECT ${CART_COLUMNS} FROM cart c
        WHERE ${this.visible(p, ctx)} AND c.customer_id = ${p.add(ctx.requireCustomer().id)} AND c.status = 'ACTIVE'`,
    );
    return row ?? null;
  }

  /** A cart the caller may use (any status but MERGED); `lock` takes its row lock for the transaction. */
  async get(ctx: RequestContext, id: string, opts: { lock: boolean }): Promise<CartRow | null> {
    const p = this.params(ctx);
    const [row] = await this.run<CartRow>(
      p,
      `SELECT ${CART_COLUMNS} FROM cart c
        WHERE c.id = ${p.add(id)} AND c.status <> 'MERGED' AND ${this.visible(p, ctx)}${opts.lock ? ' FOR UPDATE OF c' : ''}`,
    );
    return row ?? null;
  }

  /** Lines in the order they were added. */
  lines(ctx: RequestContext, cartId: string): Promise<CartLineRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT l.sku, l.quantity FROM cart_line l JOIN cart c ON c.id = l.cart_id
        WHERE l.cart_id = ${p.add(cartId)} AND ${p.brand('c.brand_id')} ORDER BY l.added_at, l.sku`,
    );
  }

  /** Sets a line's quantity (0 deletes it); the cart was checked and locked by the caller. */
  async setLine(ctx: RequestContext, cartId: string, sku: string, quantity: number): Promise<void> {
    const p = this.params(ctx);
    const cart = p.add(cartId);
    const s = p.add(sku);
    if (quantity === 0) {
      await this.run(p, `DELETE FROM cart_line WHERE cart_id = ${cart} AND sku = ${s}`);
    } else {
      await this.run(
        p,
        `INSERT INTO cart_line (cart_id, sku, quantity) VALUES (${cart}, ${s}, ${p.add(quantity)})
         ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity`,
      );
    }
    await this.touch(ctx, cartId);
  }

  async touch(ctx: RequestContext, cartId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(p, `UPDATE cart SET updated_at = now() WHERE id = ${p.add(cartId)} AND ${p.brand('brand_id')}`);
  }

  async setDetails(ctx: RequestContext, cartId: string, patch: CartDetailsWrite): Promise<void> {
    const p = this.params(ctx);
    const set = (Object.keys(DETAIL_COLUMNS) as Array<keyof CartDetailsWrite>)
      .filter((k) => patch[k] !== undefined)
      .map((k) => {
        const v = patch[k];
        return `${DETAIL_COLUMNS[k]} = ${p.add(v !== null && typeof v === 'object' ? JSON.stringify(v) : v)}`;
      });
    await this.run(
      p,
      `UPDATE cart SET ${[...set, 'updated_at = now()'].join(', ')} WHERE id = ${p.add(cartId)} AND ${p.brand('brand_id')}`,
    );
  }

  async setStatus(ctx: RequestContext, cartId: string, status: CartStatus, orderId: string | null): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE cart SET status = ${p.add(status)}, order_id = ${p.add(orderId)}::uuid, updated_at = now()
        WHERE id = ${p.add(cartId)} AND ${p.brand('brand_id')}`,
    );
  }
}
