import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../../libs/errors/src';
import type { AppConfig } from '../../config/app-config';
import { ConfigError } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { Actor, AdminActor, ApiKeyActor } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import type { AdminRole } from './admin-user.entity';
import type { ApiScope } from './api-key.entity';
import { LoginThrottle } from './login-throttle.service';
import { assertPasswordLength, burnPasswordTime, hashPassword, verifyPassword } from './password.util';
import { JwtService } from './jwt.service';
import { hashSecret } from './secret-token.util';

const ACCESS_TOKEN_TTL_S = 30 * 60;
const ACTOR_CACHE_MS = 1000;

export interface AdminLoginResult {
  accessToken: string;
  expiresIn: number;
  admin: { id: string; email: string; role: AdminRole; brandCodes: string[] };
}

/** Admin logins (argon2id, throttled), admin access tokens (JWT) and API keys as bearer credentials. */
@Injectable()
export class AdminAuthService {
  private readonly log = new Logger('AdminAuth');
  private readonly actorCache = new Map<string, { actor: Actor | null; at: number }>();

  constructor(
    private readonly db: DatabaseService,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates the first super admin when there is none; in production only with ADMIN_PASSWORD (a generated one would have to be printed). */
  async ensureFirstAdmin(): Promise<{ email: string; password?: string; created: boolean }> {
    const email = (this.config.adminEmail ?? 'admin@example.com').toLowerCase();
    const [{ n }] = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM admin_user`);
    if (Number(n) > 0) return { email, created: false };
    if (this.config.production && !this.config.adminPassword) {
      throw new ConfigError(
        'ADMIN_PASSWORD',
        'a password of at least 10 characters for the first admin (no admin exists yet)',
        undefined,
      );
    }
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    await this.db.query(`INSERT INTO admin_user (id, email, password_hash, role) VALUES ($1, $2, $3, 'SUPERADMIN')`, [
      uuidv7(),
      email,
      await hashPassword(password),
    ]);
    return { email, password, created: true };
  }

  async login(emailRaw: string, password: string, ip: string): Promise<AdminLoginResult> {
    assertPasswordLength('password', password);
    const email = emailRaw.trim().toLowerCase().slice(0, 254);
    const attempt = await this.throttle.admit({ account: ['admin', email], ip });
    const [row] = await this.db.query<{ id: string; email: string; role: AdminRole; password_hash: string }>(
      `SELECT id, email, role, password_hash FROM admin_user WHERE email = $1`,
      [email],
    );
    const ok = row ? await verifyPassword(row.password_hash, password) : (await burnPasswordTime(password), false);
    if (!row || !ok) {
      await this.throttle.failed(attempt);
      throw new DomainError('INVALID_CREDENTIALS', 'E-mail address or password is wrong.');
    }
    await this.throttle.succeeded(attempt);
    await this.db.query(`UPDATE admin_user SET last_login_at = now() WHERE id = $1`, [row.id]);
    const accessToken = await this.jwt.sign('storefront-hub:admin', row.id, { typ: 'admin', role: row.role }, ACCESS_TOKEN_TTL_S);
    const actor = (await this.loadAdmin(row.id))!;
    return {
      accessToken,
      expiresIn: ACCESS_TOKEN_TTL_S,
      admin: { id: row.id, email: row.email, role: row.role, brandCodes: await this.brandCodes(actor) },
    };
  }

  async brandCodes(actor: AdminActor): Promise<string[]> {
    const rows =
      actor.brandIds === null
        ? []
        : await this.db.query<{ code: string }>(`SELECT code FROM brand WHERE id = ANY($1::uuid[]) ORDER BY code`, [
            actor.brandIds,
          ]);
    return rows.map((r) => r.code);
  }

  /** Resolves `authorization: Bearer …` (admin JWT or API key) to an actor; UNAUTHENTICATED otherwise. */
  async resolveBearer(header: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
    if (!match) throw new DomainError('UNAUTHENTICATED', 'An admin access token or API key is required.');
    const token = match[1];
    if (token.startsWith('shk_')) {
      const actor = await this.cached(`k:${hashSecret(token)}`, () => this.loadApiKey(hashSecret(token)));
      if (!actor) throw new DomainError('UNAUTHENTICATED', 'The API key is unknown or revoked.');
      return actor;
    }
    const payload = await this.jwt.verify('storefront-hub:admin', token);
    const sub = payload?.typ === 'admin' ? payload.sub : undefined;
    const actor = sub ? await this.cached(`a:${sub}`, () => this.loadAdmin(sub)) : null;
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'The access token is invalid or expired.');
    return actor;
  }

  /** Drops cached actors so a revocation or a change of brands takes effect at once on this instance. */
  invalidate(): void {
    this.actorCache.clear();
  }

  private async cached(key: string, load: () => Promise<Actor | null>): Promise<Actor | null> {
    const hit = this.actorCache.get(key);
    if (hit && Date.now() - hit.at < ACTOR_CACHE_MS) return hit.actor;
    const actor = await load();
    this.actorCache.set(key, { actor, at: Date.now() });
    if (this.actorCache.size > 10_000) this.actorCache.delete(this.actorCache.keys().next().value as string);
    return actor;
  }

  private async loadAdmin(id: string): Promise<AdminActor | null> {
    const [row] = await this.db.query<{ id: string; email: string; role: AdminRole; brand_ids: string[] }>(
      `SELECT a.id, a.email, a.role,
              coalesce(array_agg(ab.brand_id) FILTER (WHERE ab.brand_id IS NOT NULL), '{}') AS brand_ids
         FROM admin_user a LEFT JOIN admin_brand ab ON ab.admin_id = a.id
        WHERE a.id = $1 GROUP BY a.id`,
      [id],
    );
    if (!row) return null;
    return {
      kind: 'admin',
      id: row.id,
      email: row.email,
      role: row.role,
      brandIds: row.role === 'SUPERADMIN' ? null : row.brand_ids,
    };
  }

  private async loadApiKey(secretHash: string): Promise<ApiKeyActor | null> {
    const [row] = await this.db.query<{
      id: string;
      name: string;
      scopes: ApiScope[];
      all_brands: boolean;
      brand_ids: string[];
      warehouse_ids: string[];
    }>(
      `SELECT k.id, k.name, k.scopes, k.all_brands,
              coalesce((SELECT array_agg(brand_id) FROM api_key_brand WHERE api_key_id = k.id), '{}') AS brand_ids,
              coalesce((SELECT array_agg(warehouse_id) FROM api_key_warehouse WHERE api_key_id = k.id), '{}') AS warehouse_ids
         FROM api_key k WHERE k.secret_hash = $1 AND k.revoked_at IS NULL`,
      [secretHash],
    );
    if (!row) return null;
    return {
      kind: 'apiKey',
      id: row.id,
      name: row.name,
      scopes: row.scopes,
      warehouseIds: row.warehouse_ids,
      brandIds: row.all_brands ? null : row.brand_ids,
    };
  }
}
