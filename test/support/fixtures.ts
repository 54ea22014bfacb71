import type { TestApp } from './app';
import { type ApiClient, adminClient, adminLogin, storefrontClient } from './clients';

let seq = 0;
/** A unique, valid code (`^[a-z0-9][a-z0-9-]{1,62}$`). */
export function uniqueCode(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid.toString(36)}-${seq}`;
}

export interface StorefrontFixture {
  code: string;
  token: string;
  brandCode: string;
  audience: 'B2B' | 'B2C';
  client: ApiClient;
}

/** Immich-style builders over the public Admin API, as the root admin. */
export class Fixtures {
  private constructor(
    readonly app: TestApp,
    readonly root: ApiClient,
  ) {}

  static async create(app: TestApp): Promise<Fixtures> {
    return new Fixtures(app, await adminLogin(app));
  }

  async brand(code = uniqueCode('brand'), vatNumber?: string): Promise<string> {
    await this.root.ok(`mutation($i: CreateBrandInput!) { createBrand(input: $i) { id } }`, {
      i: { code, name: `Brand ${code}`, vatNumber },
    });
    return code;
  }

  async warehouse(code = uniqueCode('wh')): Promise<string> {
    await this.root.ok(`mutation($i: CreateWarehouseInput!) { createWarehouse(input: $i) { id } }`, {
      i: { code, name: `Warehouse ${code}` },
    });
    return code;
  }

  async storefront(input: {
    brandCode: string;
    audience: 'B2B' | 'B2C';
    warehouseCodes: string[];
    code?: string;
    country?: string;
    currency?: string;
    locale?: string;
    stockDisplay?: 'EXACT' | 'STATUS';
    lowStockThreshold?: number;
    pricesIncludeTax?: boolean;
    approvalPolicy?: 'AUTOMATIC_WHEN_VERIFIED' | 'MANUAL';
  }): Promise<StorefrontFixture> {
    const code = input.code ?? uniqueCode('sf');
    const data = await this.root.ok<{ createStorefront: { token: string } }>(
      `mutation($i: CreateStorefrontInput!) { createStorefront(input: $i) { token } }`,
      {
        i: {
          code,
          name: `Storefront ${code}`,
          brandCode: input.brandCode,
          audience: input.audience,
          currency: input.currency ?? 'EUR',
          country: input.country ?? 'NL',
          locale: input.locale ?? 'nl-NL',
          warehouseCodes: input.warehouseCodes,
          stockDisplay: input.stockDisplay,
          lowStockThreshold: input.lowStockThreshold,
          pricesIncludeTax: input.pricesIncludeTax,
          approvalPolicy: input.approvalPolicy,
        },
      },
    );
    const token = data.createStorefront.token;
    return { code, token, brandCode: input.brandCode, audience: input.audience, client: storefrontClient(this.app, token) };
  }

  /** A BRAND_ADMIN of these brands, logged in. */
  async brandAdmin(brandCodes: string[]): Promise<ApiClient> {
    const email = `${uniqueCode('admin')}@e2e.test`;
    const password = 'brand-admin-password-1';
    await this.root.ok(`mutation($i: CreateAdminInput!) { createAdmin(input: $i) { id } }`, {
      i: { email, password, role: 'BRAND_ADMIN', brandCodes },
    });
    return adminLogin(this.app, email, password);
  }

  /** An API key (as the root admin unless `by` is given); returns a client using it. */
  async apiKey(
    scopes: string[],
    opts: { warehouseCodes?: string[]; brandCodes?: string[]; by?: ApiClient } = {},
  ): Promise<{ id: string; client: ApiClient }> {
    const data = await (opts.by ?? this.root).ok<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } secret } }`,
      { i: { name: 'e2e key', scopes, warehouseCodes: opts.warehouseCodes, brandCodes: opts.brandCodes } },
    );
    return { id: data.createApiKey.apiKey.id, client: adminClient(this.app, data.createApiKey.secret) };
  }
}
