import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { hashSecret } from '../../../libs/secrets/src';
import { demoAttributes, demoCatalog, demoCategories, demoStock } from './demo-catalog';
import { CatalogAdminService } from '../../modules/catalog/catalog-admin.service';
import { CategoryAdminService } from '../../modules/catalog/category-admin.service';
import { AttributeAdminService } from '../../modules/catalog/attribute-admin.service';
import { StockPushService } from '../../modules/inventory/stock-push.service';
import { ShippingMethodsService } from '../../modules/orders/shipping-methods.service';
import { PriceAgreementsService } from '../../modules/catalog/price-agreements.service';
import { WarehousesService } from '../../modules/tenants/warehouses.service';
import { BrandsService } from '../../modules/tenants/brands.service';
import { type CreateStorefrontData, StorefrontsService } from '../../modules/tenants/storefronts.service';

/** The demo storefronts and their well-known demo tokens (demo data only: rotate them for real use). */
export const DEMO_STOREFRONTS: Array<CreateStorefrontData & { demoToken: string }> = [
  {
    code: 'handug-nl',
    name: 'Handug Bouwmarkt NL',
    brandCode: 'handug',
    audience: 'B2C',
    currency: 'EUR',
    country: 'NL',
    locale: 'nl-NL',
    warehouseCodes: ['ams', 'ant'],
    demoToken: 'sft_demo_handug_nl',
  },
  {
    code: 'abc-ppe-b2b',
    name: 'ABC PPE Business',
    brandCode: 'abc-ppe',
    audience: 'B2B',
    currency: 'EUR',
    country: 'NL',
    locale: 'nl-NL',
    warehouseCodes: ['ams', 'ant'],
    approvalPolicy: 'AUTOMATIC_WHEN_VERIFIED',
    demoToken: 'sft_demo_abc_ppe_b2b',
  },
  {
    code: 'abc-ppe-shop',
    name: 'ABC PPE Shop',
    brandCode: 'abc-ppe',
    audience: 'B2C',
    currency: 'EUR',
    country: 'BE',
    locale: 'nl-BE',
    warehouseCodes: ['ant'],
    demoToken: 'sft_demo_abc_ppe_shop',
  },
];

@Injectable()
export class DemoSeedService {
  private readonly log = new Logger('DemoSeed');

  constructor(
    private readonly db: DatabaseService,
    private readonly brands: BrandsService,
    private readonly warehouses: WarehousesService,
    private readonly storefronts: StorefrontsService,
    private readonly catalog: CatalogAdminService,
    private readonly categories: CategoryAdminService,
    private readonly attributes: AttributeAdminService,
    private readonly stock: StockPushService,
    private readonly shipping: ShippingMethodsService,
    private readonly agreements: PriceAgreementsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seeds when SEED_DEMO is on and the database has no brand yet. Returns whether it did. */
  async seedIfEmpty(): Promise<boolean> {
    if (!this.config.seedDemo) return false;
    const [{ n }] = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM brand`);
    if (Number(n) > 0) return false;
    const ctx = RequestContext.system('demo-seed');
    await this.db.transaction(async () => {
      await this.brands.create(ctx, { code: 'handug', name: 'Handug', vatNumber: 'NL000099998B57' });
      await this.brands.create(ctx, { code: 'abc-ppe', name: 'ABC Personal Protective Equipment', vatNumber: 'NL000099998B57' });
      await this.warehouses.create(ctx, { code: 'ams', name: 'Amsterdam DC' });
      await this.warehouses.create(ctx, { code: 'ant', name: 'Antwerpen DC' });
      for (const { demoToken, ...input } of DEMO_STOREFRONTS) {
        const { storefront } = await this.storefronts.create(ctx, input);
        await this.db.query(`UPDATE storefront SET token_hash = $1 WHERE id = $2`, [hashSecret(demoToken), storefront.id]);
      }
      await this.seedCatalog(ctx);
      for (const sf of DEMO_STOREFRONTS) {
        const b2c = sf.audience === 'B2C';
        for (const m of [
          {
            code: 'standard',
            name: 'Standard delivery (1–2 days)',
            price: b2c ? '4.95' : '7.50',
            freeAbove: b2c ? '50.00' : '250.00',
          },
          { code: 'express', name: 'Express (next day before 12:00)', price: b2c ? '9.95' : '14.50', freeAbove: null },
        ]) {
          await this.shipping.create(ctx, { storefrontCode: sf.code, ...m, countries: ['NL', 'BE', 'DE', 'LU'] });
        }
      }
    });
    const products = demoCatalog();
    const skus = products.flatMap((p) => p.variants.map((v) => v.sku));
    for (const wh of ['ams', 'ant']) await this.stock.push(ctx, wh, demoStock(skus, wh));
    this.log.log(`demo data seeded: ${products.length} products, ${skus.length} SKUs`);
    return true;
  }

  private async seedCatalog(ctx: RequestContext): Promise<void> {
    const products = demoCatalog();
    await this.attributes.upsertAttributes(ctx, demoAttributes());
    await this.catalog.upsertProducts(
      ctx,
      products.map(({ brand: _b, netCents: _n, category: _c, ...p }) => p),
    );
    for (const brand of ['handug', 'abc-ppe'] as const) {
      await this.categories.upsertCategories(ctx, brand, demoCategories(brand));
      await this.categories.setProductCategories(
        ctx,
        brand,
        products.filter((p) => p.brand === brand).map((p) => ({ productSlug: p.slug, categorySlugs: [p.category] })),
      );
    }
    const prices: { storefrontCode: string; sku: string; amount: string }[] = [];
    for (const sf of DEMO_STOREFRONTS) {
      const mine = products.filter((p) => p.brand === sf.brandCode);
      await this.catalog.setPublished(
        ctx,
        sf.code,
        mine.map((p) => p.slug),
        true,
      );
      const gross = sf.audience === 'B2C'; // B2C shows prices incl. 21 % VAT, B2B net
      for (const p of mine) {
        p.variants.forEach((v, i) => {
          const cents = gross ? Math.round(p.netCents[i] * 1.21) : p.netCents[i];
          prices.push({ storefrontCode: sf.code, sku: v.sku, amount: (cents / 100).toFixed(2) });
        });
      }
    }
    for (let i = 0; i < prices.length; i += 1000) await this.catalog.setPrices(ctx, prices.slice(i, i + 1000));
    // Quantity breaks on the B2B shop: 5 % off from 10 units, 10 % off from 50 (every SKU of abc-ppe).
    const b2b = DEMO_STOREFRONTS.find((s) => s.audience === 'B2B')!;
    const tiers = products
      .filter((p) => p.brand === b2b.brandCode)
      .flatMap((p) =>
        p.variants.map((v, i) => ({
          storefrontCode: b2b.code,
          sku: v.sku,
          tiers: [
            { minQuantity: 10, amount: (Math.round(p.netCents[i] * 0.95) / 100).toFixed(2) },
            { minQuantity: 50, amount: (Math.round(p.netCents[i] * 0.9) / 100).toFixed(2) },
          ],
        })),
      );
    for (let i = 0; i < tiers.length; i += 1000) await this.agreements.setTiers(ctx, tiers.slice(i, i + 1000));
  }

  /** The demo tokens that still work (not rotated), for the start banner. */
  async activeDemoTokens(): Promise<Array<{ code: string; audience: string; token: string }>> {
    const rows = await this.db.query<{ code: string; audience: string; token_hash: string }>(
      `SELECT code, audience, token_hash FROM storefront WHERE code = ANY($1) ORDER BY code`,
      [DEMO_STOREFRONTS.map((s) => s.code)],
    );
    return rows.flatMap((r) => {
      const demo = DEMO_STOREFRONTS.find((s) => s.code === r.code && hashSecret(s.demoToken) === r.token_hash);
      return demo ? [{ code: r.code, audience: r.audience, token: demo.demoToken }] : [];
    });
  }
}
