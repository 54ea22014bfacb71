import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '../../../libs/domain/src';
import { badInput } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { type Connection, pageLimit, toConnection, tupleCursor } from '../../core/graphql/pagination';
import { BrandsService } from '../tenants/brands.service';
import { StorefrontsService } from '../tenants/storefronts.service';
import type { OrderType } from './graphql/order.types';
import { type OrderFilter, type OrderKey, OrderRepository } from './order.repository';
import { toOrderView } from './order-view';

const orderCursor = tupleCursor<OrderKey>(
  'o',
  (v): v is OrderKey =>
    Array.isArray(v) &&
    v.length === 2 &&
    typeof v[0] === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/.test(v[0]) &&
    typeof v[1] === 'string' &&
    /^[0-9a-f-]{36}$/.test(v[1]),
);

export interface AdminOrderArgs {
  brandCode?: string | null;
  storefrontCode?: string | null;
  status?: OrderStatus | null;
  placedFrom?: Date | null;
  placedTo?: Date | null;
  search?: string | null;
  first: number;
  after?: string | null;
}

/** Order lists and single orders: a customer's own (storefront), a brand's (admin). Newest first. */
@Injectable()
export class OrdersReadService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly brands: BrandsService,
    private readonly storefronts: StorefrontsService,
  ) {}

  async byNumber(ctx: RequestContext, number: string): Promise<OrderType | null> {
    if (number.length > 80) return null;
    const row = await this.orders.viewByNumber(ctx, number);
    return row ? toOrderView(row) : null;
  }

  myOrders(ctx: RequestContext, first: number, after: string | null | undefined): Promise<Connection<OrderType>> {
    ctx.requireCustomer();
    return this.page(ctx, null, first, after);
  }

  async adminOrders(ctx: RequestContext, args: AdminOrderArgs): Promise<Connection<OrderType>> {
    const search = args.search?.trim() || null;
    if (search && search.length > 200) throw badInput([{ path: 'search', message: 'must be at most 200 characters' }]);
    if (args.placedFrom && args.placedTo && args.placedFrom > args.placedTo) {
      throw badInput([{ path: 'placedTo', message: 'must not be before placedFrom' }]);
    }
    const brand = args.brandCode ? await this.brands.getByCode(ctx, args.brandCode) : null;
    const sf = args.storefrontCode ? await this.storefronts.getByCode(ctx, args.storefrontCode) : null;
    const filter: OrderFilter = {
      brandId: brand?.id ?? null,
      storefrontId: sf?.id ?? null,
      status: args.status ?? null,
      placedFrom: args.placedFrom ?? null,
      placedTo: args.placedTo ?? null,
      search,
    };
    return this.page(ctx, filter, args.first, args.after);
  }

  private async page(ctx: RequestContext, filter: OrderFilter | null, first: number, after: string | null | undefined) {
    const limit = pageLimit(first);
    const key = orderCursor.decodeAfter(after);
    const { rows, total } = await this.orders.page(ctx, filter, key, limit);
    return toConnection(rows, first, {
      codec: orderCursor,
      keyOf: (r) => [r.placed_key, r.id] as OrderKey,
      nodeOf: toOrderView,
      totalCount: total,
    });
  }
}
