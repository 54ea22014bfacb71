import { Injectable } from '@nestjs/common';
import type { ApprovalPolicy, Audience, StockDisplay } from '../../../libs/domain/src';
import type { RequestContext, StorefrontInfo } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

/** A storefront as admins see it (the token's hash never leaves this repository). */
export interface StorefrontRow {
  id: string;
  brandId: string;
  code: string;
  name: string;
  audience: Audience;
  currency: string;
  country: string;
  locale: string;
  pricesIncludeTax: boolean;
  stockDisplay: StockDisplay;
  lowStockThreshold: number;
  approvalPolicy: ApprovalPolicy;
  paymentTermsDays: number;
  /** Segment thresholds of the customers registered here (docs/INSIGHTS.md). */
  segmentNewDays: number;
  segmentAtRiskMinDays: number;
  segmentLapsedDays: number;
  tokenRotatedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns an update may change. */
export type StorefrontPatch = Partial<
  Pick<
    StorefrontRow,
    | 'name'
    | 'pricesIncludeTax'
    | 'stockDisplay'
    | 'lowStockThreshold'
    | 'approvalPolicy'
    | 'paymentTermsDays'
    | 'segmentNewDays'
    | 'segmentAtRiskMinDays'
    | 'segmentLapsedDays'
    | 'updatedAt'
  >
>;

const PATCH_COLUMNS: { readonly [K in keyof Required<StorefrontPatch>]: string } = {
  name: 'name',
  pricesIncludeTax: 'prices_include_tax',
  stockDisplay: 'stock_display',
  lowStockThreshold: 'low_stock_threshold',
  approvalPolicy: 'approval_policy',
  paymentTermsDays: 'payment_terms_days',
  segmentNewDays: 'segment_new_days',
  segmentAtRiskMinDays: 'segment_at_risk_min_days',
  segmentLapsedDays: 'segment_lapsed_days',
  updatedAt: 'updated_at',
};

const STOREFRONT_COLUMNS = `s.id, s.brand_id AS "brandId", s.code, s.name, s.audience, s.currency, s.country, s.locale,
  s.prices_include_tax AS "pricesIncludeTax", s.stock_display AS "stockDisplay", s.low_stock_threshold AS "lowStockThreshold",
  s.approval_policy AS "approvalPolicy", s.payment_terms_days AS "paymentTermsDays", s.segment_new_days AS "segmentNewDays",
  s.segment_at_risk_min_days AS "segmentAtRiskMinDays", s.segment_lapsed_days AS "segmentLapsedDays", s.token_rotated_at AS "tokenRotatedAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

const STOREFRONT_INFO_SQL = `
  SELECT s.id, s.code, s.name, s.brand_id AS "brandId", b.code AS "brandCode", b.name AS "brandName",
         s.audience, s.currency, s.country, s.locale, s.prices_include_tax AS "pricesIncludeTax",
         s.stock_display AS "stockDisplay", s.low_stock_threshold AS "lowStockThreshold",
         s.approval_policy AS "approvalPolicy", s.payment_terms_days AS "paymentTermsDays",
         coalesce((SELECT array_agg(warehouse_id ORDER BY position, warehouse_id) FROM storefront_warehouse sw
                    WHERE sw.storefront_id = s.id), '{}') AS "warehouseIds"
    FROM storefront s JOIN brand b ON b.id = s.brand_id`;

/** Storefronts and the warehouses they sell from, limited to the caller's brands. */
@Injectable()
export class StorefrontRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** The caller's storefronts, by code. */
  list(ctx: RequestContext): Promise<StorefrontRow[]> {
    const p = this.params(ctx);
    return this.run(p, `SELECT ${STOREFRONT_COLUMNS} FROM storefront s WHERE ${p.brand('s.brand_id')} ORDER BY s.code ASC`);
  }

  async byCode(ctx: RequestContext, code: string): Promise<StorefrontRow | null> {
    const p = this.params(ctx);
    const [row] = await this.run<StorefrontRow>(
      p,
      `SELECT ${STOREFRONT_COLUMNS} FROM storefront s WHERE s.code = ${p.add(code)} AND ${p.brand('s.brand_id')} LIMIT 1`,
    );
    return row ?? null;
  }

  /** The storefront a token hash belongs to: authentication, before any request context exists. */
  async infoByTokenHash(tokenHash: string): Promise<StorefrontInfo | null> {
    const [row] = await this.unscoped<StorefrontInfo>(
      'authentication: resolves a storefront token before the request has a context',
      `${STOREFRONT_INFO_SQL} WHERE s.token_hash = $1`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Inserts the storefront if its brand is one of the caller's; false (nothing written) otherwise. */
  async insert(ctx: RequestContext, s: StorefrontRow, tokenHash: string): Promise<boolean> {
    const p = this.params(ctx);
    const brandId = `${p.add(s.brandId)}::uuid`;
    const rows = await this.run(
      p,
      `INSERT INTO storefront (id, brand_id, code, name, audience, currency, country, locale, prices_include_tax, stock_display,
                               low_stock_threshold, approval_policy, payment_terms_days, segment_new_days, segment_at_risk_min_days,
                               segment_lapsed_days, token_hash, token_rotated_at, created_at, updated_at)
       SELECT ${p.add(s.id)}::uuid, ${brandId}, ${p.add(s.code)}::text, ${p.add(s.name)}::text, ${p.add(s.audience)}::text,
              ${p.add(s.currency)}::char(3), ${p.add(s.country)}::char(2), ${p.add(s.locale)}::text, ${p.add(s.pricesIncludeTax)}::boolean,
              ${p.add(s.stockDisplay)}::text, ${p.add(s.lowStockThreshold)}::integer, ${p.add(s.approvalPolicy)}::text, ${p.add(s.paymentTermsDays)}::integer,
              ${p.add(s.segmentNewDays)}::integer, ${p.add(s.segmentAtRiskMinDays)}::integer, ${p.add(s.segmentLapsedDays)}::integer,
              ${p.add(tokenHash)}::text, ${p.add(s.tokenRotatedAt)}::timestamptz, ${p.add(s.createdAt)}::timestamptz,
              ${p.add(s.updatedAt)}::timestamptz
        WHERE ${p.brand(brandId)}
       RETURNING id`,
    );
    return rows.length > 0;
  }

  async update(ctx: RequestContext, id: string, patch: StorefrontPatch): Promise<void> {
    const p = this.params(ctx);
    const set = (Object.keys(PATCH_COLUMNS) as Array<keyof StorefrontPatch>)
      .filter((k) => patch[k] !== undefined)
      .map((k) => `${PATCH_COLUMNS[k]} = ${p.add(patch[k])}`);
    if (set.length === 0) return;
    await this.run(p, `UPDATE storefront SET ${set.join(', ')} WHERE id = ${p.add(id)} AND ${p.brand('brand_id')}`);
  }

  async setToken(ctx: RequestContext, id: string, tokenHash: string, rotatedAt: Date): Promise<void> {
    const p = this.params(ctx);
    const at = p.add(rotatedAt);
    await this.run(
      p,
      `UPDATE storefront SET token_hash = ${p.add(tokenHash)}, token_rotated_at = ${at}, updated_at = ${at}
        WHERE id = ${p.add(id)} AND ${p.brand('brand_id')}`,
    );
  }

  /** The warehouse codes of each of these storefronts (of the caller's brands). */
  async warehouseCodes(
    ctx: RequestContext,
    storefrontIds: readonly string[],
  ): Promise<Array<{ storefrontId: string; codes: string[] }>> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT sw.storefront_id AS "storefrontId", array_agg(w.code ORDER BY sw.position, w.code) AS codes
         FROM storefront_warehouse sw JOIN warehouse w ON w.id = sw.warehouse_id JOIN storefront s ON s.id = sw.storefront_id
        WHERE sw.storefront_id = ANY(${p.add([...storefrontIds])}::uuid[]) AND ${p.brand('s.brand_id')}
        GROUP BY sw.storefront_id`,
    );
  }

  /** Replaces the warehouses a storefront of the caller's brands sells from (two statements; call inside a transaction). */
  async setWarehouses(ctx: RequestContext, storefrontId: string, warehouseIds: readonly string[]): Promise<void> {
    const del = this.params(ctx);
    await this.run(
      del,
      `DELETE FROM storefront_warehouse sw USING storefront s
        WHERE s.id = sw.storefront_id AND sw.storefront_id = ${del.add(storefrontId)} AND ${del.brand('s.brand_id')}`,
    );
    if (warehouseIds.length === 0) return;
    const ins = this.params(ctx);
    await this.run(
      ins,
      `INSERT INTO storefront_warehouse (storefront_id, warehouse_id, position)
       SELECT s.id, w.id, w.n FROM storefront s, unnest(${ins.add([...warehouseIds])}::uuid[]) WITH ORDINALITY AS w(id, n)
        WHERE s.id = ${ins.add(storefrontId)} AND ${ins.brand('s.brand_id')}`,
    );
  }
}
