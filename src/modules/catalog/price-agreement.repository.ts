import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

export interface TierWrite {
  storefrontId: string;
  variantId: string;
  tiers: { minQuantity: number; amountMinor: bigint }[];
}

export interface CompanyPriceWrite {
  companyId: string;
  storefrontId: string;
  variantId: string;
  /** null removes the agreed price. */
  amountMinor: bigint | null;
}

export interface CompanyPriceRow {
  company_id: string;
  storefront_code: string;
  currency: string;
  sku: string;
  amount_minor: string;
  updated_at: Date;
}

/**
 * SQL of price agreements: quantity breaks per storefront and SKU, agreed prices per company, storefront and SKU.
 * Writes take the brand from the storefront row within the caller's brands; a company of another brand fails the
 * composite foreign key (brand, company) and is reported as not found. The buyer's read is keyed by the company
 * of the session (RequestContext), never by an argument.
 */
@Injectable()
export class PriceAgreementRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** Replaces the breaks of these (storefront, variant) pairs (an empty list removes them). Two statements. */
  async replaceTiers(ctx: RequestContext, rows: TierWrite[]): Promise<void> {
    const d = this.params(ctx);
    await this.run(
      d,
      `DELETE FROM price_tier t USING unnest(${d.add(rows.map((r) => r.storefrontId))}::uuid[], ${d.add(rows.map((r) => r.variantId))}::uuid[]) AS k(sf, v)
        WHERE t.storefront_id = k.sf AND t.variant_id = k.v AND ${d.brand('t.brand_id')}`,
    );
    const flat = rows.flatMap((r) => r.tiers.map((t) => ({ ...r, ...t })));
    if (!flat.length) return;
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO price_tier (brand_id, storefront_id, variant_id, min_quantity, amount_minor)
       SELECT s.brand_id, s.id, t.v, t.q, t.a
         FROM unnest(${p.add(flat.map((f) => f.storefrontId))}::uuid[], ${p.add(flat.map((f) => f.variantId))}::uuid[],
                     ${p.add(flat.map((f) => f.minQuantity))}::int[], ${p.add(flat.map((f) => f.amountMinor.toString()))}::bigint[]) AS t(sf, v, q, a)
         JOIN storefront s ON s.id = t.sf
        WHERE ${p.brand('s.brand_id')}`,
    );
  }

  /** Sets or removes agreed prices (one statement each). */
  async setCompanyPrices(ctx: RequestContext, rows: CompanyPriceWrite[]): Promise<void> {
    const set = rows.filter((r) => r.amountMinor !== null);
    const del = rows.filter((r) => r.amountMinor === null);
    if (del.length) {
      const d = this.params(ctx);
      await this.run(
        d,
        `DELETE FROM company_price cp USING unnest(${d.add(del.map((r) => r.companyId))}::uuid[], ${d.add(del.map((r) => r.storefrontId))}::uuid[],
                                                    ${d.add(del.map((r) => r.variantId))}::uuid[]) AS k(c, sf, v)
          WHERE cp.company_id = k.c AND cp.storefront_id = k.sf AND cp.variant_id = k.v AND ${d.brand('cp.brand_id')}`,
      );
    }
    if (!set.length) return;
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO company_price (brand_id, company_id, storefront_id, variant_id, amount_minor)
       SELECT s.brand_id, t.c, s.id, t.v, t.a
         FROM unnest(${p.add(set.map((r) => r.companyId))}::uuid[], ${p.add(set.map((r) => r.storefrontId))}::uuid[],
                     ${p.add(set.map((r) => r.variantId))}::uuid[], ${p.add(set.map((r) => r.amountMinor!.toString()))}::bigint[]) AS t(c, sf, v, a)
         JOIN storefront s ON s.id = t.sf
        WHERE ${p.brand('s.brand_id')}
       ON CONFLICT (company_id, storefront_id, variant_id) DO UPDATE SET amount_minor = EXCLUDED.amount_minor, updated_at = now()`,
    );
  }

  /** A company's agreed prices (of the caller's brands), optionally on one storefront. */
  companyPrices(ctx: RequestContext, companyId: string, storefrontId: string | null): Promise<CompanyPriceRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT cp.company_id, s.code AS storefront_code, s.currency, v.sku, cp.amount_minor::text AS amount_minor, cp.updated_at
         FROM company_price cp JOIN storefront s ON s.id = cp.storefront_id JOIN variant v ON v.id = cp.variant_id
        WHERE cp.company_id = ${p.add(companyId)} AND ${p.brand('cp.brand_id')}
          AND (${p.add(storefrontId)}::uuid IS NULL OR cp.storefront_id = ${p.add(storefrontId)}::uuid)
        ORDER BY s.code, v.sku`,
    );
  }

  /** The logged-in buyer's company's agreed prices for these variants on the caller's storefront. */
  buyerPrices(ctx: RequestContext, variantIds: readonly string[]): Promise<{ variant_id: string; amount_minor: string }[]> {
    const companyId = ctx.customer?.companyId;
    if (!companyId || !variantIds.length) return Promise.resolve([]);
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT variant_id, amount_minor::text AS amount_minor FROM company_price
        WHERE company_id = ${p.add(companyId)} AND storefront_id = ${p.add(ctx.requireStorefront().id)}
          AND variant_id = ANY(${p.add([...variantIds])}::uuid[]) AND ${p.brand('brand_id')}`,
    );
  }
}
