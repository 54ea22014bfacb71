import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { ReadCache } from '../../core/cache/read-cache.service';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { TenantRepositories, type TenantScopedRepository } from '../../core/database/tenant-scoped.repository';
import { generateSecret, hashSecret } from '../identity/secret-token.util';
import { WarehousesService } from '../inventory/warehouses.service';
import { BrandsService } from './brands.service';
import type { ApprovalPolicy, Audience, StockDisplay } from './storefront.entity';
import { StorefrontEntity } from './storefront.entity';
import { StorefrontTokenService } from './storefront-token.service';

export interface CreateStorefrontData {
  code: string;
  name: string;
  brandCode: string;
  audience: Audience;
  currency: string;
  country: string;
  locale: string;
  pricesIncludeTax?: boolean | null;
  stockDisplay?: StockDisplay | null;
  lowStockThreshold?: number | null;
  approvalPolicy?: ApprovalPolicy | null;
  warehouseCodes: string[];
}

export interface UpdateStorefrontData {
  name?: string | null;
  pricesIncludeTax?: boolean | null;
  stockDisplay?: StockDisplay | null;
  lowStockThreshold?: number | null;
  approvalPolicy?: ApprovalPolicy | null;
  warehouseCodes?: string[] | null;
}

@Injectable()
export class StorefrontsService {
  private readonly storefronts: TenantScopedRepository<StorefrontEntity>;

  constructor(
    private readonly db: DatabaseService,
    repos: TenantRepositories,
    private readonly brands: BrandsService,
    private readonly warehouses: WarehousesService,
    private readonly tokens: StorefrontTokenService,
    private readonly cache: ReadCache,
  ) {
    this.storefronts = repos.for(StorefrontEntity);
  }

  list(ctx: RequestContext): Promise<StorefrontEntity[]> {
    return this.storefronts.find(ctx, {}, { code: 'ASC' });
  }

  /** The storefront with this code if it belongs to one of the caller's brands; NOT_FOUND otherwise. */
  async getByCode(ctx: RequestContext, code: string, path = 'storefrontCode'): Promise<StorefrontEntity> {
    const s = await this.storefronts.findOne(ctx, { code });
    if (!s) {
      throw new DomainError('NOT_FOUND', `Storefront "${code}" was not found.`, {
        fieldErrors: [{ path, message: 'unknown storefront' }],
      });
    }
    return s;
  }

  async warehouseCodes(storefrontIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = storefrontIds.length
      ? await this.db.query<{ storefront_id: string; codes: string[] }>(
          `SELECT sw.storefront_id, array_agg(w.code ORDER BY w.code) AS codes
             FROM storefront_warehouse sw JOIN warehouse w ON w.id = sw.warehouse_id
            WHERE sw.storefront_id = ANY($1::uuid[]) GROUP BY sw.storefront_id`,
          [storefrontIds],
        )
      : [];
    return new Map(rows.map((r) => [r.storefront_id, r.codes]));
  }

  async create(ctx: RequestContext, input: CreateStorefrontData): Promise<{ storefront: StorefrontEntity; token: string }> {
    if (input.audience === 'B2C' && input.approvalPolicy) {
      throw badInput([{ path: 'approvalPolicy', message: 'applies to B2B storefronts only' }]);
    }
    return this.db.transaction(async () => {
      const brand = await this.brands.getByCode(ctx, input.brandCode);
      const warehouses = await this.warehouses.getByCodes(input.warehouseCodes, 'warehouseCodes');
      const token = generateSecret('sft');
      const b2b = input.audience === 'B2B';
      const now = new Date();
      const storefront: StorefrontEntity = {
        id: uuidv7(),
        brandId: brand.id,
        code: input.code,
        name: input.name.trim(),
        audience: input.audience,
        currency: input.currency,
        country: input.country,
        locale: input.locale,
        pricesIncludeTax: input.pricesIncludeTax ?? !b2b,
        stockDisplay: input.stockDisplay ?? (b2b ? 'EXACT' : 'STATUS'),
        lowStockThreshold: input.lowStockThreshold ?? 5,
        approvalPolicy: input.approvalPolicy ?? 'AUTOMATIC_WHEN_VERIFIED',
        tokenHash: hashSecret(token),
        tokenRotatedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await this.storefronts.insert(ctx, storefront);
      } catch (e) {
        if (isUniqueViolation(e))
          throw badInput([{ path: 'code', message: `a storefront with code "${input.code}" already exists` }]);
        throw e;
      }
      await this.setWarehouses(
        storefront.id,
        warehouses.map((w) => w.id),
      );
      return { storefront, token };
    });
  }

  async update(ctx: RequestContext, code: string, input: UpdateStorefrontData): Promise<StorefrontEntity> {
    return this.db.transaction(async () => {
      const s = await this.getByCode(ctx, code, 'code');
      if (s.audience === 'B2C' && input.approvalPolicy) {
        throw badInput([{ path: 'approvalPolicy', message: 'applies to B2B storefronts only' }]);
      }
      const patch: Partial<StorefrontEntity> = { updatedAt: new Date() };
      if (input.name != null) patch.name = input.name.trim();
      if (input.pricesIncludeTax != null) patch.pricesIncludeTax = input.pricesIncludeTax;
      if (input.stockDisplay != null) patch.stockDisplay = input.stockDisplay;
      if (input.lowStockThreshold != null) patch.lowStockThreshold = input.lowStockThreshold;
      if (input.approvalPolicy != null) patch.approvalPolicy = input.approvalPolicy;
      if (input.warehouseCodes != null) {
        const warehouses = await this.warehouses.getByCodes(input.warehouseCodes, 'warehouseCodes');
        await this.setWarehouses(
          s.id,
          warehouses.map((w) => w.id),
        );
      }
      await this.storefronts.update(ctx, { id: s.id }, patch);
      this.db.afterCommit(() => {
        this.tokens.invalidate();
        this.cache.bump(); // warehouses, display and threshold change what the storefront shows
      });
      return { ...s, ...patch };
    });
  }

  /** A new token; the old one stops working at once (this instance) and within a second (every other). */
  async rotateToken(ctx: RequestContext, code: string): Promise<{ storefront: StorefrontEntity; token: string }> {
    return this.db.transaction(async () => {
      const s = await this.getByCode(ctx, code, 'code');
      const token = generateSecret('sft');
      const tokenRotatedAt = new Date();
      await this.storefronts.update(
        ctx,
        { id: s.id },
        { tokenHash: hashSecret(token), tokenRotatedAt, updatedAt: tokenRotatedAt },
      );
      this.db.afterCommit(() => {
        this.tokens.invalidate();
        this.cache.bump(); // cached answers are keyed by token
      });
      return { storefront: { ...s, tokenRotatedAt }, token };
    });
  }

  private async setWarehouses(storefrontId: string, warehouseIds: string[]): Promise<void> {
    await this.db.query(`DELETE FROM storefront_warehouse WHERE storefront_id = $1`, [storefrontId]);
    if (warehouseIds.length) {
      await this.db.query(`INSERT INTO storefront_warehouse (storefront_id, warehouse_id) SELECT $1, unnest($2::uuid[])`, [
        storefrontId,
        warehouseIds,
      ]);
    }
  }
}
