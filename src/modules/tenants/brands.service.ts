import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { BrandRepository, type BrandRow } from './brands.repository';

/** Brands: the tenants. A brand admin sees only their own; another brand is NOT_FOUND. */
@Injectable()
export class BrandsService {
  constructor(private readonly repo: BrandRepository) {}

  list(ctx: RequestContext): Promise<BrandRow[]> {
    return this.repo.list(ctx);
  }

  /** The brand with this code if the caller may see it; NOT_FOUND otherwise (never "forbidden"). */
  async getByCode(ctx: RequestContext, code: string, path = 'brandCode'): Promise<BrandRow> {
    const [brand] = await this.repo.byCodes(ctx, [code]);
    if (!brand) {
      throw new DomainError('NOT_FOUND', `Brand "${code}" was not found.`, { fieldErrors: [{ path, message: 'unknown brand' }] });
    }
    return brand;
  }

  async getByCodes(ctx: RequestContext, codes: string[], path: string): Promise<BrandRow[]> {
    const unique = [...new Set(codes)];
    const visible = unique.length ? await this.repo.byCodes(ctx, unique) : [];
    const missing = unique.filter((c) => !visible.some((b) => b.code === c));
    if (missing.length) {
      throw new DomainError('NOT_FOUND', `Unknown brand(s): ${missing.join(', ')}.`, {
        fieldErrors: missing.map((c) => ({ path, message: `unknown brand "${c}"` })),
      });
    }
    return visible;
  }

  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, BrandRow>> {
    const rows = ids.length ? await this.repo.byIds(ctx, ids) : [];
    return new Map(rows.map((b) => [b.id, b]));
  }

  async create(ctx: RequestContext, input: { code: string; name: string; vatNumber?: string | null }): Promise<BrandRow> {
    const brand: BrandRow = {
      id: uuidv7(),
      code: input.code,
      name: input.name.trim(),
      vatNumber: input.vatNumber ?? null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    try {
      await this.repo.insert(ctx, brand);
    } catch (e) {
      if (isUniqueViolation(e)) throw badInput([{ path: 'code', message: `a brand with code "${input.code}" already exists` }]);
      throw e;
    }
    return brand;
  }
}
