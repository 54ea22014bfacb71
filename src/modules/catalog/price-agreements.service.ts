import { Injectable } from '@nestjs/common';
import { badInput, DomainError, type FieldError } from '../../../libs/errors/src';
import { formatAmount, parseAmount } from '../../../libs/pricing/src';
import { ReadCache } from '../../core/cache/read-cache.service';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { pgCode } from '../../core/database/pg-errors';
import type { StorefrontRow } from '../tenants/storefronts.repository';
import { StorefrontsService } from '../tenants/storefronts.service';
import { CatalogRepository } from './catalog.repository';
import type { CompanyPriceInput, CompanyPriceType, PriceTiersInput } from './graphql/admin/price-agreement-admin.types';
import { PriceAgreementRepository } from './price-agreement.repository';

/**
 * B2B price agreements: quantity breaks of a storefront's list prices, and companies' agreed prices. Batches are
 * atomic and refused whole with a field error per bad entry, like setPrices. Breaks are storefront data (cached
 * with the catalog, dropped on change); agreed prices are read per request for the buyer's own company only.
 */
@Injectable()
export class PriceAgreementsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly repo: PriceAgreementRepository,
    private readonly catalog: CatalogRepository,
    private readonly storefronts: StorefrontsService,
    private readonly cache: ReadCache,
  ) {}

  async setTiers(ctx: RequestContext, input: PriceTiersInput[]): Promise<number> {
    return this.db.transaction(async () => {
      const { sfs, variants, errors } = await this.resolve(ctx, input);
      const rows = input.map((e, i) => {
        const sf = sfs.get(e.storefrontCode)!;
        const seen = new Set<number>();
        const tiers = e.tiers.map((t, j) => {
          if (seen.has(t.minQuantity))
            errors.push({ path: `input.${i}.tiers.${j}.minQuantity`, message: `${t.minQuantity} appears twice` });
          seen.add(t.minQuantity);
          const a = parseAmount(t.amount, sf.currency.trim());
          if (!a.ok) errors.push({ path: `input.${i}.tiers.${j}.amount`, message: a.message });
          return { minQuantity: t.minQuantity, amountMinor: a.ok ? a.minor : 0n };
        });
        return { storefrontId: sf.id, variantId: variants.get(e.sku) ?? '', tiers };
      });
      if (errors.length) throw badInput(errors);
      await this.repo.replaceTiers(ctx, rows);
      this.db.afterCommit(() => this.cache.bump());
      return rows.length;
    });
  }

  async setCompanyPrices(ctx: RequestContext, input: CompanyPriceInput[]): Promise<number> {
    return this.db.transaction(async () => {
      const { sfs, variants, errors } = await this.resolve(ctx, input);
      const rows = input.map((e, i) => {
        const sf = sfs.get(e.storefrontCode)!;
        if (sf.audience !== 'B2B')
          errors.push({ path: `input.${i}.storefrontCode`, message: 'agreed prices are for B2B storefronts' });
        const a = e.amount === null ? null : parseAmount(e.amount, sf.currency.trim());
        if (a && !a.ok) errors.push({ path: `input.${i}.amount`, message: a.message });
        return {
          companyId: e.companyId,
          storefrontId: sf.id,
          variantId: variants.get(e.sku) ?? '',
          amountMinor: a?.ok ? a.minor : null,
        };
      });
      if (errors.length) throw badInput(errors);
      try {
        await this.repo.setCompanyPrices(ctx, rows);
        this.db.afterCommit(() => this.cache.bump()); // agreed prices are cached per company
      } catch (e) {
        // The (brand, company) foreign key: a company of another brand, or none, is not found.
        if (pgCode(e) === '23503') throw new DomainError('NOT_FOUND', "A company was not found in the storefront's brand.");
        throw e;
      }
      return rows.length;
    });
  }

  async companyPrices(ctx: RequestContext, companyId: string, storefrontCode: string | null): Promise<CompanyPriceType[]> {
    const sf = storefrontCode ? await this.storefronts.getByCode(ctx, storefrontCode) : null;
    const rows = /^[0-9a-f-]{36}$/i.test(companyId) ? await this.repo.companyPrices(ctx, companyId, sf?.id ?? null) : [];
    return rows.map((r) => ({
      companyId: r.company_id,
      storefrontCode: r.storefront_code,
      sku: r.sku,
      amount: formatAmount(r.amount_minor, r.currency.trim()),
      currency: r.currency.trim(),
      updatedAt: r.updated_at,
    }));
  }

  /** Storefronts (of the caller's brands) and variants of a batch; duplicates and unknown SKUs as field errors. */
  private async resolve(ctx: RequestContext, input: { storefrontCode: string; sku: string; companyId?: string }[]) {
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    input.forEach((e, i) => {
      const k = `${e.companyId ?? ''}\u0000${e.storefrontCode}\u0000${e.sku}`;
      if (seen.has(k)) errors.push({ path: `input.${i}`, message: `the same entry as input.${seen.get(k)}` });
      else seen.set(k, i);
    });
    const sfs = new Map<string, StorefrontRow>();
    for (const code of new Set(input.map((e) => e.storefrontCode))) {
      const i = input.findIndex((e) => e.storefrontCode === code);
      sfs.set(code, await this.storefronts.getByCode(ctx, code, `input.${i}.storefrontCode`));
    }
    const found = await this.catalog.variantIdsBySkus(ctx, [...new Set(input.map((e) => e.sku))]);
    const variants = new Map(found.map((v) => [v.sku, v.id]));
    input.forEach((e, i) => !variants.has(e.sku) && errors.push({ path: `input.${i}.sku`, message: `unknown SKU "${e.sku}"` }));
    return { sfs, variants, errors };
  }
}
