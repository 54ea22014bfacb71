import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { ApprovalPolicy, Audience, StockDisplay } from '../../../libs/domain/src';
import { badInput, DomainError } from '../../../libs/errors/src';
import { DEFAULT_SEGMENT_THRESHOLDS, type SegmentThresholds, segmentThresholdErrors } from '../../../libs/insights/src';
import { generateSecret, hashSecret } from '../../../libs/secrets/src';
import { ReadCache } from '../../core/cache/read-cache.service';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { BrandsService } from './brands.service';
import { StorefrontRepository, type StorefrontPatch, type StorefrontRow } from './storefronts.repository';
import { StorefrontTokenService } from './storefront-token.service';
import { WarehousesService } from './warehouses.service';

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
  paymentTermsDays?: number | null;
  segmentNewDays?: number | null;
  segmentAtRiskMinDays?: number | null;
  segmentLapsedDays?: number | null;
  warehouseCodes: string[];
}

export interface UpdateStorefrontData {
  name?: string | null;
  pricesIncludeTax?: boolean | null;
  stockDisplay?: StockDisplay | null;
  lowStockThreshold?: number | null;
  approvalPolicy?: ApprovalPolicy | null;
  paymentTermsDays?: number | null;
  segmentNewDays?: number | null;
  segmentAtRiskMinDays?: number | null;
  segmentLapsedDays?: number | null;
  warehouseCodes?: string[] | null;
}

@Injectable()
export class StorefrontsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly storefronts: StorefrontRepository,
    private readonly brands: BrandsService,
    private readonly warehouses: WarehousesService,
    private readonly tokens: StorefrontTokenService,
    private readonly cache: ReadCache,
  ) {}

  list(ctx: RequestContext): Promise<StorefrontRow[]> {
    return this.storefronts.list(ctx);
  }

  /** The storefront with this code if it belongs to one of the caller's brands; NOT_FOUND otherwise. */
  async getByCode(ctx: RequestContext, code: string, path = 'storefrontCode'): Promise<StorefrontRow> {
    const s = await this.storefronts.byCode(ctx, code);
    if (!s) {
      throw new DomainError('NOT_FOUND', `Storefront "${code}" was not found.`, {
        fieldErrors: [{ path, message: 'unknown storefront' }],
      });
    }
    return s;
  }

  async warehouseCodes(ctx: RequestContext, storefrontIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = storefrontIds.length ? await this.storefronts.warehouseCodes(ctx, storefrontIds) : [];
    return new Map(rows.map((r) => [r.storefrontId, r.codes]));
  }

  async create(ctx: RequestContext, input: CreateStorefrontData): Promise<{ storefront: StorefrontRow; token: string }> {
    if (input.audience === 'B2C' && input.approvalPolicy) {
      throw badInput([{ path: 'approvalPolicy', message: 'applies to B2B storefronts only' }]);
    }
    return this.db.transaction(async () => {
      const brand = await this.brands.getByCode(ctx, input.brandCode);
      const warehouses = await this.warehouses.getByCodes(ctx, input.warehouseCodes, 'warehouseCodes');
      const token = generateSecret('sft');
      const b2b = input.audience === 'B2B';
      const now = new Date();
      const storefront: StorefrontRow = {
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
        paymentTermsDays: input.paymentTermsDays ?? 30,
        ...checkedThresholds(input, DEFAULT_SEGMENT_THRESHOLDS),
        tokenRotatedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      let inserted: boolean;
      try {
        inserted = await this.storefronts.insert(ctx, storefront, hashSecret(token));
      } catch (e) {
        if (isUniqueViolation(e))
          throw badInput([{ path: 'code', message: `a storefront with code "${input.code}" already exists` }]);
        throw e;
      }
      if (!inserted) throw new DomainError('NOT_FOUND', 'Brand was not found.');
      await this.storefronts.setWarehouses(
        ctx,
        storefront.id,
        warehouses.map((w) => w.id),
      );
      return { storefront, token };
    });
  }

  async update(ctx: RequestContext, code: string, input: UpdateStorefrontData): Promise<StorefrontRow> {
    return this.db.transaction(async () => {
      const s = await this.getByCode(ctx, code, 'code');
      if (s.audience === 'B2C' && input.approvalPolicy) {
        throw badInput([{ path: 'approvalPolicy', message: 'applies to B2B storefronts only' }]);
      }
      const patch: StorefrontPatch = { updatedAt: new Date() };
      if (input.name != null) patch.name = input.name.trim();
      if (input.pricesIncludeTax != null) patch.pricesIncludeTax = input.pricesIncludeTax;
      if (input.stockDisplay != null) patch.stockDisplay = input.stockDisplay;
      if (input.lowStockThreshold != null) patch.lowStockThreshold = input.lowStockThreshold;
      if (input.approvalPolicy != null) patch.approvalPolicy = input.approvalPolicy;
      if (input.paymentTermsDays != null) patch.paymentTermsDays = input.paymentTermsDays;
      Object.assign(
        patch,
        checkedThresholds(input, {
          newDays: s.segmentNewDays,
          atRiskMinDays: s.segmentAtRiskMinDays,
          lapsedDays: s.segmentLapsedDays,
        }),
      );
      if (input.warehouseCodes != null) {
        const warehouses = await this.warehouses.getByCodes(ctx, input.warehouseCodes, 'warehouseCodes');
        await this.storefronts.setWarehouses(
          ctx,
          s.id,
          warehouses.map((w) => w.id),
        );
      }
      await this.storefronts.update(ctx, s.id, patch);
      this.db.afterCommit(() => {
        this.tokens.invalidate();
        this.cache.bump(); // warehouses, display and threshold change what the storefront shows
      });
      return { ...s, ...patch };
    });
  }

  /** A new token; the old one stops working at once (this instance) and within a second (every other). */
  async rotateToken(ctx: RequestContext, code: string): Promise<{ storefront: StorefrontRow; token: string }> {
    return this.db.transaction(async () => {
      const s = await this.getByCode(ctx, code, 'code');
      const token = generateSecret('sft');
      const tokenRotatedAt = new Date();
      await this.storefronts.setToken(ctx, s.id, hashSecret(token), tokenRotatedAt);
      this.db.afterCommit(() => {
        this.tokens.invalidate();
        this.cache.bump(); // cached answers are keyed by token
      });
      return { storefront: { ...s, tokenRotatedAt }, token };
    });
  }
}

/** The segment thresholds after a change (absent ones kept); BAD_USER_INPUT when they do not fit together. */
function checkedThresholds(
  input: { segmentNewDays?: number | null; segmentAtRiskMinDays?: number | null; segmentLapsedDays?: number | null },
  current: SegmentThresholds,
): Pick<StorefrontRow, 'segmentNewDays' | 'segmentAtRiskMinDays' | 'segmentLapsedDays'> {
  const t: SegmentThresholds = {
    newDays: input.segmentNewDays ?? current.newDays,
    atRiskMinDays: input.segmentAtRiskMinDays ?? current.atRiskMinDays,
    lapsedDays: input.segmentLapsedDays ?? current.lapsedDays,
  };
  const errors = segmentThresholdErrors(t, {
    newDays: 'segmentNewDays',
    atRiskMinDays: 'segmentAtRiskMinDays',
    lapsedDays: 'segmentLapsedDays',
  });
  if (errors.length) throw badInput(errors);
  return { segmentNewDays: t.newDays, segmentAtRiskMinDays: t.atRiskMinDays, segmentLapsedDays: t.lapsedDays };
}
