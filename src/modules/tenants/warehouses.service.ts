import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { WarehouseRepository, type WarehouseRow } from './warehouses.repository';

/** Warehouses looked up by code that are kept in memory (stock pushes name their warehouse on every call). */
const KNOWN_MAX = 1000;

/**
 * Warehouses are shared by every brand (a storefront sells from some of them; stock levels live in inventory).
 * A warehouse is never changed or deleted once created, so one found by code stays true: `findByCode` keeps it
 * (an unknown code is looked up every time — it may be created meanwhile, on any instance).
 */
@Injectable()
export class WarehousesService {
  private readonly known = new Map<string, WarehouseRow>();

  constructor(private readonly repo: WarehouseRepository) {}

  list(ctx: RequestContext): Promise<WarehouseRow[]> {
    return this.repo.list(ctx);
  }

  /** Resolves codes to warehouses; any unknown code is BAD_USER_INPUT naming it. */
  async getByCodes(ctx: RequestContext, codes: readonly string[], path: string): Promise<WarehouseRow[]> {
    const unique = [...new Set(codes)];
    const rows = unique.length ? await this.repo.byCodes(ctx, unique) : [];
    const missing = unique.filter((c) => !rows.some((w) => w.code === c));
    if (missing.length) throw badInput(missing.map((c) => ({ path, message: `unknown warehouse "${c}"` })));
    return unique.map((c) => rows.find((w) => w.code === c)!);
  }

  async findByCode(ctx: RequestContext, code: string): Promise<WarehouseRow | null> {
    const known = this.known.get(code);
    if (known) return known;
    const [w] = await this.repo.byCodes(ctx, [code]);
    if (w && this.known.size < KNOWN_MAX) this.known.set(code, w);
    return w ?? null;
  }

  async create(ctx: RequestContext, input: { code: string; name: string }): Promise<WarehouseRow> {
    const w: WarehouseRow = { id: uuidv7(), code: input.code, name: input.name.trim(), createdAt: new Date() };
    try {
      await this.repo.insert(ctx, w);
    } catch (e) {
      if (isUniqueViolation(e))
        throw badInput([{ path: 'code', message: `a warehouse with code "${input.code}" already exists` }]);
      throw e;
    }
    return w;
  }
}
