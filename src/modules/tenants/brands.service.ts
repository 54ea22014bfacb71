import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { BrandEntity } from './brand.entity';

/** Brands: the tenants. A brand admin sees only their own; another brand is NOT_FOUND. */
@Injectable()
export class BrandsService {
  constructor(private readonly db: DatabaseService) {}

  private get repo() {
    return this.db.manager.getRepository(BrandEntity);
  }

  async list(ctx: RequestContext): Promise<BrandEntity[]> {
    const scope = ctx.brandScope;
    const qb = this.repo.createQueryBuilder('b').orderBy('b.code');
    if (!scope.all) qb.where('b.id = ANY(:ids)', { ids: [...scope.ids] });
    return qb.getMany();
  }

  /** The brand with this code if the caller may see it; NOT_FOUND otherwise (never "forbidden"). */
  async getByCode(ctx: RequestContext, code: string, path = 'brandCode'): Promise<BrandEntity> {
    const brand = await this.repo.findOne({ where: { code } });
    if (!brand || !ctx.canSeeBrand(brand.id)) {
      throw new DomainError('NOT_FOUND', `Brand "${code}" was not found.`, { fieldErrors: [{ path, message: 'unknown brand' }] });
    }
    return brand;
  }

  async getByCodes(ctx: RequestContext, codes: string[], path: string): Promise<BrandEntity[]> {
    const unique = [...new Set(codes)];
    const rows = unique.length
      ? await this.repo.createQueryBuilder('b').where('b.code = ANY(:codes)', { codes: unique }).getMany()
      : [];
    const visible = rows.filter((b) => ctx.canSeeBrand(b.id));
    const missing = unique.filter((c) => !visible.some((b) => b.code === c));
    if (missing.length) {
      throw new DomainError('NOT_FOUND', `Unknown brand(s): ${missing.join(', ')}.`, {
        fieldErrors: missing.map((c) => ({ path, message: `unknown brand "${c}"` })),
      });
    }
    return visible;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, BrandEntity>> {
    const rows = ids.length
      ? await this.repo
          .createQueryBuilder('b')
          .where('b.id = ANY(:ids)', { ids: [...ids] })
          .getMany()
      : [];
    return new Map(rows.map((b) => [b.id, b]));
  }

  async create(_ctx: RequestContext, input: { code: string; name: string; vatNumber?: string | null }): Promise<BrandEntity> {
    const brand: BrandEntity = {
      id: uuidv7(),
      code: input.code,
      name: input.name.trim(),
      vatNumber: input.vatNumber ?? null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    try {
      await this.repo.insert(brand);
    } catch (e) {
      if (isUniqueViolation(e)) throw badInput([{ path: 'code', message: `a brand with code "${input.code}" already exists` }]);
      throw e;
    }
    return brand;
  }
}
