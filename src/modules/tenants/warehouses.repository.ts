import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

export interface WarehouseRow {
  id: string;
  code: string;
  name: string;
  createdAt: Date;
}

const WAREHOUSE_COLUMNS = `w.id, w.code, w.name, w.created_at AS "createdAt"`;

/**
 * Warehouses are locations shared by every brand (storefronts sell from some of them): no statement here
 * has a brand predicate, by design. Who may create one is the resolver's business (super admins).
 */
@Injectable()
export class WarehouseRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  list(ctx: RequestContext): Promise<WarehouseRow[]> {
    return this.run(this.params(ctx), `SELECT ${WAREHOUSE_COLUMNS} FROM warehouse w ORDER BY w.code ASC`);
  }

  byCodes(ctx: RequestContext, codes: readonly string[]): Promise<WarehouseRow[]> {
    const p = this.params(ctx);
    return this.run(p, `SELECT ${WAREHOUSE_COLUMNS} FROM warehouse w WHERE w.code = ANY(${p.add([...codes])})`);
  }

  async insert(ctx: RequestContext, w: WarehouseRow): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO warehouse (id, code, name, created_at) VALUES (${p.add(w.id)}, ${p.add(w.code)}, ${p.add(w.name)}, ${p.add(w.createdAt)})`,
    );
  }
}
