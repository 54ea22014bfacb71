import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { WarehouseEntity } from './warehouse.entity';

/** Warehouses are shared by every brand (a storefront sells from some of them). */
@Injectable()
export class WarehousesService {
  constructor(private readonly db: DatabaseService) {}

  private get repo() {
    return this.db.manager.getRepository(WarehouseEntity);
  }

  list(_ctx: RequestContext): Promise<WarehouseEntity[]> {
    return this.repo.find({ order: { code: 'ASC' } });
  }

  /** Resolves codes to warehouses; any unknown code is BAD_USER_INPUT naming it. */
  async getByCodes(codes: readonly string[], path: string): Promise<WarehouseEntity[]> {
    const unique = [...new Set(codes)];
    const rows = unique.length
      ? await this.repo.createQueryBuilder('w').where('w.code = ANY(:codes)', { codes: unique }).getMany()
      : [];
    const missing = unique.filter((c) => !rows.some((w) => w.code === c));
    if (missing.length) throw badInput(missing.map((c) => ({ path, message: `unknown warehouse "${c}"` })));
    return unique.map((c) => rows.find((w) => w.code === c)!);
  }

  findByCode(code: string): Promise<WarehouseEntity | null> {
    return this.repo.findOne({ where: { code } });
  }

  async byIds(ids: readonly string[]): Promise<Map<string, WarehouseEntity>> {
    const rows = ids.length
      ? await this.repo
          .createQueryBuilder('w')
          .where('w.id = ANY(:ids)', { ids: [...ids] })
          .getMany()
      : [];
    return new Map(rows.map((w) => [w.id, w]));
  }

  async create(_ctx: RequestContext, input: { code: string; name: string }): Promise<WarehouseEntity> {
    const w: WarehouseEntity = { id: uuidv7(), code: input.code, name: input.name.trim(), createdAt: new Date() };
    try {
      await this.repo.insert(w);
    } catch (e) {
      if (isUniqueViolation(e))
        throw badInput([{ path: 'code', message: `a warehouse with code "${input.code}" already exists` }]);
      throw e;
    }
    return w;
  }
}
