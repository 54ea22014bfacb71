import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

export interface ShippingMethodRow {
  id: string;
  storefront_id: string;
  storefront_code: string;
  currency: string;
  code: string;
  name: string;
  price_minor: string;
  free_above_minor: string | null;
  countries: string[];
  active: boolean;
}

export interface ShippingMethodWrite {
  name: string;
  priceMinor: bigint;
  freeAboveMinor: bigint | null;
  countries: string[];
  active: boolean;
}

const COLUMNS = `m.id, m.storefront_id, s.code AS storefront_code, s.currency, m.code, m.name, m.price_minor::text AS price_minor,
  m.free_above_minor::text AS free_above_minor, m.countries, m.active`;

/** SQL of shipping methods: per storefront; admins see their brands' (p.brand), a storefront its own active ones. */
@Injectable()
export class ShippingMethodRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** The caller's storefront's active methods, by name. */
  activeOfStorefront(ctx: RequestContext): Promise<ShippingMethodRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT ${COLUMNS} FROM shipping_method m JOIN storefront s ON s.id = m.storefront_id
        WHERE m.storefront_id = ${p.add(ctx.requireStorefront().id)} AND ${p.brand('m.brand_id')} AND m.active
        ORDER BY m.price_minor, m.name, m.code`,
    );
  }

  /** One method of a storefront the caller may see (admins: their brands; storefronts: their own). */
  async byCode(ctx: RequestContext, storefrontId: string, code: string): Promise<ShippingMethodRow | null> {
    const p = this.params(ctx);
    const [row] = await this.run<ShippingMethodRow>(
      p,
      `SELECT ${COLUMNS} FROM shipping_method m JOIN storefront s ON s.id = m.storefront_id
        WHERE m.storefront_id = ${p.add(storefrontId)} AND m.code = ${p.add(code)} AND ${p.brand('m.brand_id')}`,
    );
    return row ?? null;
  }

  /** The methods of the caller's brands' storefronts, optionally of one storefront. */
  list(ctx: RequestContext, storefrontId: string | null): Promise<ShippingMethodRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT ${COLUMNS} FROM shipping_method m JOIN storefront s ON s.id = m.storefront_id
        WHERE ${p.brand('m.brand_id')} AND (${p.add(storefrontId)}::uuid IS NULL OR m.storefront_id = ${p.add(storefrontId)}::uuid)
        ORDER BY s.code, m.code`,
    );
  }

  /** Inserts a method on a storefront of the caller's brands; false when the code is taken. */
  async insert(ctx: RequestContext, id: string, storefrontId: string, code: string, m: ShippingMethodWrite): Promise<boolean> {
    const p = this.params(ctx);
    const rows = await this.run(
      p,
      `INSERT INTO shipping_method (id, brand_id, storefront_id, code, name, price_minor, free_above_minor, countries, active)
       SELECT ${p.add(id)}::uuid, s.brand_id, s.id, ${p.add(code)}::text, ${p.add(m.name)}::text, ${p.add(m.priceMinor.toString())}::bigint,
              ${p.add(m.freeAboveMinor?.toString() ?? null)}::bigint, ${p.add(m.countries)}::text[], ${p.add(m.active)}::boolean
         FROM storefront s WHERE s.id = ${p.add(storefrontId)} AND ${p.brand('s.brand_id')}
       ON CONFLICT (storefront_id, code) DO NOTHING RETURNING id`,
    );
    return rows.length > 0;
  }

  async update(ctx: RequestContext, id: string, m: ShippingMethodWrite): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE shipping_method SET name = ${p.add(m.name)}, price_minor = ${p.add(m.priceMinor.toString())}::bigint,
              free_above_minor = ${p.add(m.freeAboveMinor?.toString() ?? null)}::bigint, countries = ${p.add(m.countries)}::text[],
              active = ${p.add(m.active)}, updated_at = now()
        WHERE id = ${p.add(id)} AND ${p.brand('brand_id')}`,
    );
  }
}
