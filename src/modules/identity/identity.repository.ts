import { Injectable } from '@nestjs/common';
import type { AdminRole, ApiScope } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';

/** An admin as the login needs it (with the password hash, which never leaves identity). */
export interface AdminCredentialRow {
  id: string;
  email: string;
  role: AdminRole;
  password_hash: string;
}

/** An admin with the ids of the brands they act for (none listed for a super admin). */
export interface AdminActorRow {
  id: string;
  email: string;
  role: AdminRole;
  brand_ids: string[];
}

/** An unrevoked API key with its brand and warehouse bindings. */
export interface ApiKeyActorRow {
  id: string;
  name: string;
  scopes: ApiScope[];
  all_brands: boolean;
  brand_ids: string[];
  warehouse_ids: string[];
}

export interface AdminListRow {
  id: string;
  email: string;
  role: AdminRole;
  brandCodes: string[];
}

export interface ApiKeyListRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  allBrands: boolean;
  createdAt: Date;
  revokedAt: Date | null;
  warehouseCodes: string[];
  brandCodes: string[];
  brandIds: string[];
}

export interface NewApiKey {
  id: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: ApiScope[];
  allBrands: boolean;
  createdBy: string | null;
  createdAt: Date;
}

const AUTHENTICATION = 'authentication: resolves a credential before the request has a context';

/**
 * Admin users, API keys and the application's own secrets. Admins and keys are not brand rows: they are
 * bound to brands through admin_brand / api_key_brand, and the service filters what a caller may see.
 */
@Injectable()
export class IdentityRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  // ---- system work and authentication (no request context yet) ----

  async countAdmins(): Promise<number> {
    const [{ n }] = await this.unscoped<{ n: string }>(
      'startup: is there a first admin yet',
      `SELECT count(*) AS n FROM admin_user`,
    );
    return Number(n);
  }

  async insertFirstAdmin(id: string, email: string, passwordHash: string): Promise<void> {
    await this.unscoped(
      'startup: creates the first super admin',
      `INSERT INTO admin_user (id, email, password_hash, role) VALUES ($1, $2, $3, 'SUPERADMIN')`,
      [id, email, passwordHash],
    );
  }

  async adminCredentials(email: string): Promise<AdminCredentialRow | null> {
    const [row] = await this.unscoped<AdminCredentialRow>(
      AUTHENTICATION,
      `SELECT id, email, role, password_hash FROM admin_user WHERE email = $1`,
      [email],
    );
    return row ?? null;
  }

  async touchLogin(adminId: string): Promise<void> {
    await this.unscoped(AUTHENTICATION, `UPDATE admin_user SET last_login_at = now() WHERE id = $1`, [adminId]);
  }

  /** The codes of the brands an admin who just logged in acts for. */
  async brandCodes(brandIds: readonly string[]): Promise<string[]> {
    const rows = await this.unscoped<{ code: string }>(
      AUTHENTICATION,
      `SELECT code FROM brand WHERE id = ANY($1::uuid[]) ORDER BY code`,
      [brandIds],
    );
    return rows.map((r) => r.code);
  }

  async adminActor(id: string): Promise<AdminActorRow | null> {
    const [row] = await this.unscoped<AdminActorRow>(
      AUTHENTICATION,
      `SELECT a.id, a.email, a.role,
              coalesce(array_agg(ab.brand_id) FILTER (WHERE ab.brand_id IS NOT NULL), '{}') AS brand_ids
         FROM admin_user a LEFT JOIN admin_brand ab ON ab.admin_id = a.id
        WHERE a.id = $1 GROUP BY a.id`,
      [id],
    );
    return row ?? null;
  }

  async apiKeyActor(secretHash: string): Promise<ApiKeyActorRow | null> {
    const [row] = await this.unscoped<ApiKeyActorRow>(
      AUTHENTICATION,
      `SELECT k.id, k.name, k.scopes, k.all_brands,
              coalesce((SELECT array_agg(brand_id) FROM api_key_brand WHERE api_key_id = k.id), '{}') AS brand_ids,
              coalesce((SELECT array_agg(warehouse_id) FROM api_key_warehouse WHERE api_key_id = k.id), '{}') AS warehouse_ids
         FROM api_key k WHERE k.secret_hash = $1 AND k.revoked_at IS NULL`,
      [secretHash],
    );
    return row ?? null;
  }

  /** The signing key stored on first start (the first of concurrent starters wins). */
  async jwtSecret(candidate: string): Promise<string> {
    const reason = 'startup: the JWT signing key kept in the database when JWT_SECRET is not set';
    await this.unscoped(reason, `INSERT INTO app_secret (name, value) VALUES ('jwt', $1) ON CONFLICT (name) DO NOTHING`, [
      candidate,
    ]);
    const [row] = await this.unscoped<{ value: string }>(reason, `SELECT value FROM app_secret WHERE name = 'jwt'`);
    return row.value;
  }

  // ---- administration (a caller with admin permission; admins and keys are filtered by the service) ----

  async insertAdmin(ctx: RequestContext, a: { id: string; email: string; passwordHash: string; role: AdminRole }): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO admin_user (id, email, password_hash, role) VALUES (${p.add(a.id)}, ${p.add(a.email)}, ${p.add(a.passwordHash)}, ${p.add(a.role)})`,
    );
  }

  /** Binds an admin to brands (of the caller's). */
  async addAdminBrands(ctx: RequestContext, adminId: string, brandIds: readonly string[]): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO admin_brand (admin_id, brand_id)
       SELECT ${p.add(adminId)}::uuid, b.id FROM brand b WHERE b.id = ANY(${p.add([...brandIds])}::uuid[]) AND ${p.brand('b.id')}`,
    );
  }

  /** Every admin with their brand codes (admin users are global; the service shows a brand admin only theirs). */
  listAdmins(ctx: RequestContext): Promise<AdminListRow[]> {
    return this.run(
      this.params(ctx),
      `SELECT a.id, a.email, a.role,
              coalesce(array_agg(b.code ORDER BY b.code) FILTER (WHERE b.code IS NOT NULL), '{}') AS "brandCodes"
         FROM admin_user a LEFT JOIN admin_brand ab ON ab.admin_id = a.id LEFT JOIN brand b ON b.id = ab.brand_id
        GROUP BY a.id ORDER BY a.email`,
    );
  }

  async insertApiKey(ctx: RequestContext, k: NewApiKey): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO api_key (id, name, prefix, secret_hash, scopes, all_brands, created_by, created_at)
       VALUES (${p.add(k.id)}, ${p.add(k.name)}, ${p.add(k.prefix)}, ${p.add(k.secretHash)}, ${p.add(k.scopes)}::text[], ${p.add(k.allBrands)},
               ${p.add(k.createdBy)}, ${p.add(k.createdAt)})`,
    );
  }

  /** Binds a key to brands (of the caller's). */
  async addApiKeyBrands(ctx: RequestContext, keyId: string, brandIds: readonly string[]): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO api_key_brand (api_key_id, brand_id)
       SELECT ${p.add(keyId)}::uuid, b.id FROM brand b WHERE b.id = ANY(${p.add([...brandIds])}::uuid[]) AND ${p.brand('b.id')}`,
    );
  }

  /** Binds a key to warehouses (shared by every brand: no brand predicate). */
  async addApiKeyWarehouses(ctx: RequestContext, keyId: string, warehouseIds: readonly string[]): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO api_key_warehouse (api_key_id, warehouse_id) SELECT ${p.add(keyId)}, unnest(${p.add([...warehouseIds])}::uuid[])`,
    );
  }

  /** Every API key with its bindings (the service keeps those whose brands the caller may all see). */
  listApiKeys(ctx: RequestContext): Promise<ApiKeyListRow[]> {
    return this.run(
      this.params(ctx),
      `SELECT k.id, k.name, k.prefix, k.scopes, k.all_brands AS "allBrands", k.created_at AS "createdAt", k.revoked_at AS "revokedAt",
              coalesce((SELECT array_agg(w.code ORDER BY w.code) FROM api_key_warehouse kw JOIN warehouse w ON w.id = kw.warehouse_id
                         WHERE kw.api_key_id = k.id), '{}') AS "warehouseCodes",
              coalesce((SELECT array_agg(b.code ORDER BY b.code) FROM api_key_brand kb JOIN brand b ON b.id = kb.brand_id
                         WHERE kb.api_key_id = k.id), '{}') AS "brandCodes",
              coalesce((SELECT array_agg(kb.brand_id) FROM api_key_brand kb WHERE kb.api_key_id = k.id), '{}') AS "brandIds"
         FROM api_key k ORDER BY k.created_at`,
    );
  }

  /** Revokes a key the service has found visible to the caller. */
  async revokeApiKey(ctx: RequestContext, id: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(p, `UPDATE api_key SET revoked_at = now() WHERE id = ${p.add(id)} AND revoked_at IS NULL`);
  }
}
