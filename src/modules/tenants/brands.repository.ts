import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

export interface BrandRow {
  id: string;
  code: string;
  name: string;
  vatNumber: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const BRAND_COLUMNS = `b.id, b.code, b.name, b.vat_number AS "vatNumber", b.created_at AS "createdAt", b.updated_at AS "updatedAt"`;

/** The brand table (the tenants): a brand is visible to the callers whose brand scope holds its id. */
@Injectable()
export class BrandRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** The brands the caller may see, by code. */
  list(ctx: RequestContext): Promise<BrandRow[]> {
    const p = this.params(ctx);
    return this.run(p, `SELECT ${BRAND_COLUMNS} FROM brand b WHERE ${p.brand('b.id')} ORDER BY b.code`);
  }

  /** The visible brands with these codes (a code of an invisible brand finds nothing). */
  byCodes(ctx: RequestContext, codes: readonly string[]): Promise<BrandRow[]> {
    const p = this.params(ctx);
    return this.run(p, `SELECT ${BRAND_COLUMNS} FROM brand b WHERE b.code = ANY(${p.add([...codes])}) AND ${p.brand('b.id')}`);
  }

  /** The visible brands with these ids. */
  byIds(ctx: RequestContext, ids: readonly string[]): Promise<BrandRow[]> {
    const p = this.params(ctx);
    return this.run(p, `SELECT ${BRAND_COLUMNS} FROM brand b WHERE b.id = ANY(${p.add([...ids])}) AND ${p.brand('b.id')}`);
  }

  /** A new brand (creating tenants is a super admin's act: the resolver allows nobody else). */
  async insert(ctx: RequestContext, b: BrandRow): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO brand (id, code, name, vat_number, created_at, updated_at)
       VALUES (${p.add(b.id)}, ${p.add(b.code)}, ${p.add(b.name)}, ${p.add(b.vatNumber)}, ${p.add(b.createdAt)}, ${p.add(b.updatedAt)})`,
    );
  }
}
