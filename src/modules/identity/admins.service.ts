import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError } from '../../../libs/errors/src';
import { checkPassword } from '../../../libs/passwords/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { WarehousesService } from '../inventory/warehouses.service';
import { BrandsService } from '../tenants/brands.service';
import { AdminAuthService } from './admin-auth.service';
import type { AdminRole } from './admin-user.entity';
import type { ApiScope } from './api-key.entity';
import { hashPassword } from './password.util';
import { generateSecret, hashSecret } from './secret-token.util';

export interface AdminView {
  id: string;
  email: string;
  role: AdminRole;
  brandCodes: string[];
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  warehouseCodes: string[];
  brandCodes: string[] | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Admin users and API keys. Only a SUPERADMIN creates admins; a brand admin's keys are bound to their brands. */
@Injectable()
export class AdminsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly brands: BrandsService,
    private readonly warehouses: WarehousesService,
    private readonly auth: AdminAuthService,
  ) {}

  async createAdmin(
    ctx: RequestContext,
    input: { email: string; password: string; role: AdminRole; brandCodes?: string[] | null },
  ): Promise<AdminView> {
    const email = input.email.trim().toLowerCase();
    const codes = input.brandCodes ?? [];
    if (input.role === 'BRAND_ADMIN' && codes.length === 0) {
      throw badInput([{ path: 'brandCodes', message: 'a BRAND_ADMIN needs at least one brand' }]);
    }
    if (input.role === 'SUPERADMIN' && codes.length > 0) {
      throw badInput([{ path: 'brandCodes', message: 'a SUPERADMIN sees every brand; give no brandCodes' }]);
    }
    const policy = checkPassword(input.password, { email });
    if (!policy.ok) throw badInput([{ path: 'password', message: policy.message }]);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async () => {
      const brands = await this.brands.getByCodes(ctx, codes, 'brandCodes');
      const id = uuidv7();
      try {
        await this.db.query(`INSERT INTO admin_user (id, email, password_hash, role) VALUES ($1, $2, $3, $4)`, [
          id,
          email,
          passwordHash,
          input.role,
        ]);
      } catch (e) {
        if (isUniqueViolation(e))
          throw badInput([{ path: 'email', message: 'an admin with this e-mail address already exists' }]);
        throw e;
      }
      if (brands.length) {
        await this.db.query(`INSERT INTO admin_brand (admin_id, brand_id) SELECT $1, unnest($2::uuid[])`, [
          id,
          brands.map((b) => b.id),
        ]);
      }
      return { id, email, role: input.role, brandCodes: brands.map((b) => b.code).sort() };
    });
  }

  async listAdmins(ctx: RequestContext): Promise<AdminView[]> {
    const scope = ctx.brandScope;
    const rows = await this.db.query<AdminView>(
      `SELECT a.id, a.email, a.role,
              coalesce(array_agg(b.code ORDER BY b.code) FILTER (WHERE b.code IS NOT NULL), '{}') AS "brandCodes"
         FROM admin_user a LEFT JOIN admin_brand ab ON ab.admin_id = a.id LEFT JOIN brand b ON b.id = ab.brand_id
        GROUP BY a.id ORDER BY a.email`,
    );
    if (scope.all) return rows;
    // A brand admin sees the brand admins of their brands only (and never super admins).
    const visible = new Set((await this.brands.list(ctx)).map((b) => b.code));
    return rows.filter((a) => a.role === 'BRAND_ADMIN' && a.brandCodes.some((c) => visible.has(c)));
  }

  async createApiKey(
    ctx: RequestContext,
    input: { name: string; scopes: ApiScope[]; warehouseCodes?: string[] | null; brandCodes?: string[] | null },
  ): Promise<{ apiKey: ApiKeyView; secret: string }> {
    const scopes = [...new Set(input.scopes)];
    const warehouseCodes = input.warehouseCodes ?? [];
    if (scopes.includes('INVENTORY_WRITE') && warehouseCodes.length === 0) {
      throw badInput([{ path: 'warehouseCodes', message: 'INVENTORY_WRITE needs the warehouses the key may push to' }]);
    }
    if (!scopes.includes('INVENTORY_WRITE') && warehouseCodes.length > 0) {
      throw badInput([{ path: 'warehouseCodes', message: 'warehouses apply to the INVENTORY_WRITE scope only' }]);
    }
    const actor = ctx.actor;
    const allBrands = actor?.brandIds === null && input.brandCodes == null;
    if (!allBrands && (input.brandCodes ?? []).length === 0 && actor?.brandIds !== null) {
      throw badInput([{ path: 'brandCodes', message: 'name the brands this key may act for (your own)' }]);
    }
    return this.db.transaction(async () => {
      const brands = allBrands ? [] : await this.brands.getByCodes(ctx, input.brandCodes ?? [], 'brandCodes');
      const warehouses = await this.warehouses.getByCodes(warehouseCodes, 'warehouseCodes');
      const secret = generateSecret('shk');
      const id = uuidv7();
      const createdAt = new Date();
      await this.db.query(
        `INSERT INTO api_key (id, name, prefix, secret_hash, scopes, all_brands, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)`,
        [
          id,
          input.name.trim(),
          secret.slice(0, 12),
          hashSecret(secret),
          scopes,
          allBrands,
          actor?.kind === 'admin' ? actor.id : null,
          createdAt,
        ],
      );
      if (brands.length) {
        await this.db.query(`INSERT INTO api_key_brand (api_key_id, brand_id) SELECT $1, unnest($2::uuid[])`, [
          id,
          brands.map((b) => b.id),
        ]);
      }
      if (warehouses.length) {
        await this.db.query(`INSERT INTO api_key_warehouse (api_key_id, warehouse_id) SELECT $1, unnest($2::uuid[])`, [
          id,
          warehouses.map((w) => w.id),
        ]);
      }
      return {
        apiKey: {
          id,
          name: input.name.trim(),
          prefix: secret.slice(0, 12),
          scopes,
          warehouseCodes: warehouses.map((w) => w.code).sort(),
          brandCodes: allBrands ? null : brands.map((b) => b.code).sort(),
          createdAt,
          revokedAt: null,
        },
        secret,
      };
    });
  }

  async listApiKeys(ctx: RequestContext): Promise<ApiKeyView[]> {
    const rows = await this.db.query<ApiKeyView & { brandIds: string[]; allBrands: boolean }>(
      `SELECT k.id, k.name, k.prefix, k.scopes, k.all_brands AS "allBrands", k.created_at AS "createdAt", k.revoked_at AS "revokedAt",
              coalesce((SELECT array_agg(w.code ORDER BY w.code) FROM api_key_warehouse kw JOIN warehouse w ON w.id = kw.warehouse_id
                         WHERE kw.api_key_id = k.id), '{}') AS "warehouseCodes",
              coalesce((SELECT array_agg(b.code ORDER BY b.code) FROM api_key_brand kb JOIN brand b ON b.id = kb.brand_id
                         WHERE kb.api_key_id = k.id), '{}') AS "brandCodes",
              coalesce((SELECT array_agg(kb.brand_id) FROM api_key_brand kb WHERE kb.api_key_id = k.id), '{}') AS "brandIds"
         FROM api_key k ORDER BY k.created_at`,
    );
    return rows
      .filter((k) => (k.allBrands ? ctx.brandScope.all : k.brandIds.length > 0 && k.brandIds.every((id) => ctx.canSeeBrand(id))))
      .map(({ brandIds: _b, allBrands, ...k }) => ({ ...k, brandCodes: allBrands ? null : k.brandCodes }));
  }

  async revokeApiKey(ctx: RequestContext, id: string): Promise<boolean> {
    const visible = /^[0-9a-f-]{36}$/i.test(id) && (await this.listApiKeys(ctx)).some((k) => k.id === id && k.revokedAt === null);
    if (!visible) throw new DomainError('NOT_FOUND', 'API key was not found.');
    await this.db.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
    this.db.afterCommit(() => this.auth.invalidate());
    return true;
  }
}
