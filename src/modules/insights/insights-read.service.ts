import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CUSTOMER_SEGMENTS, type CustomerSegment } from '../../../libs/domain/src';
import { badInput } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { CatalogReadService } from '../catalog/catalog-read.service';
import type { ProductType, ProductVariantType } from '../catalog/graphql/storefront/catalog.types';
import { CustomerDataHooks } from '../customers/customer-data-hooks';
import { BrandsService } from '../tenants/brands.service';
import { InsightsRepository } from './insights.repository';

/** A buy-again item as the Storefront API shows it. */
export interface FrequentlyOrderedItem {
  sku: string;
  timesOrdered: number;
  totalQuantity: number;
  lastQuantity: number;
  lastOrderedAt: Date;
  variant: ProductVariantType | null;
}

/**
 * Reads of the insights: "also bought" for a page of products, the buyer's most ordered items, segment counts; and
 * the customer's segment in the GDPR export and erasure (registered in CustomerDataHooks).
 */
@Injectable()
export class InsightsReadService implements OnModuleInit {
  constructor(
    private readonly repo: InsightsRepository,
    private readonly catalog: CatalogReadService,
    private readonly cache: ReadCache,
    private readonly brands: BrandsService,
    private readonly hooks: CustomerDataHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.registerPart({
      name: 'segment',
      export: async (ctx, customerId) => {
        const s = await this.repo.segmentOf(ctx, customerId);
        return s && { current: s.segment, since: s.since, history: s.history };
      },
      erase: (ctx, customerId) => this.repo.eraseCustomer(ctx, customerId),
    });
  }

  /**
   * For each product (a page of them, one statement), the `first` (1..20) products most often ordered with it that
   * this storefront shows. Cached like catalog reads: a new order shows after READ_CACHE_TTL_MS at most.
   */
  async alsoBought(ctx: RequestContext, productIds: readonly string[], first: number): Promise<Map<string, ProductType[]>> {
    if (!Number.isInteger(first) || first < 1 || first > 20) throw badInput([{ path: 'first', message: 'must be 1..20' }]);
    const sf = ctx.requireStorefront();
    const ids = [...new Set(productIds)].sort();
    // One cache entry per page of products: the ranking with its products presented (a hit is one lookup).
    return this.cache.get(JSON.stringify(['alsoBought', sf.id, sf.locale, first, ids]), async () => {
      const rows = await this.repo.alsoBought(ctx, ids, first);
      const products = await this.catalog.productsByIds(ctx, [...new Set(rows.map((r) => r.other_id))]);
      const out = new Map<string, ProductType[]>();
      for (const r of rows) {
        const p = products.get(r.other_id);
        if (!p) continue; // no longer shown since the ranking was read
        const list = out.get(r.product_id);
        if (list) list.push(p);
        else out.set(r.product_id, [p]);
      }
      return out;
    });
  }

  /**
   * The logged-in buyer's most ordered variants: their company's (B2B) or their own (B2C) counted orders; the variant
   * as this storefront sells it to them now (null when no longer sold here).
   */
  async myFrequentlyOrdered(ctx: RequestContext, first: number): Promise<FrequentlyOrderedItem[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput([{ path: 'first', message: 'must be 1..100' }]);
    const me = ctx.requireCustomer();
    const owner = ctx.requireStorefront().audience === 'B2B' ? me.companyId : me.id;
    if (!owner) return [];
    const rows = await this.repo.buyerItems(ctx, owner, first);
    if (!rows.length) return [];
    const variants = await this.catalog.variantsBySkus(
      ctx,
      rows.map((r) => r.sku),
    );
    return rows.map((r, i) => ({
      sku: r.sku,
      timesOrdered: r.times_ordered,
      totalQuantity: Number(r.total_quantity),
      lastQuantity: r.last_quantity,
      lastOrderedAt: r.last_ordered_at,
      variant: variants[i],
    }));
  }

  /** Live customers per segment (every segment listed, also at 0) in the caller's brands or the one named. */
  async segmentCounts(ctx: RequestContext, brandCode: string | null): Promise<{ segment: CustomerSegment; count: number }[]> {
    const brandId = brandCode ? (await this.brands.getByCode(ctx, brandCode)).id : null;
    const counts = new Map((await this.repo.segmentCounts(ctx, brandId)).map((r) => [r.segment, r.count]));
    return CUSTOMER_SEGMENTS.map((segment) => ({ segment, count: counts.get(segment) ?? 0 }));
  }
}
