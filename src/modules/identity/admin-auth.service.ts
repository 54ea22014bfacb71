import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { AdminRole } from '../../../libs/domain/src';
import { DomainError } from '../../../libs/errors/src';
import { hashSecret } from '../../../libs/secrets/src';
import type { AppConfig } from '../../config/app-config';
import { ConfigError } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { Actor, AdminActor, ApiKeyActor } from '../../core/context/request-context';
import { IdentityRepository } from './identity.repository';
import { LoginThrottle } from './login-throttle.service';
import { assertPasswordLength, burnPasswordTime, hashPassword, verifyPassword } from './password.util';
import { JwtService } from './jwt.service';
import { TtlCache } from '../../core/cache/ttl-cache';

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
  private readonly actorCache = new TtlCache<Actor | null>(ACTOR_CACHE_MS, 10_000);

  constructor(
    private readonly repo: IdentityRepository,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates the first super admin when there is none; in production only with ADMIN_PASSWORD (a generated one would have to be printed). */
  async ensureFirstAdmin(): Promise<{ email: string; password?: string; created: boolean }> {
    const email = (this.config.adminEmail ?? 'admin@example.com').toLowerCase();
    if ((await this.repo.countAdmins()) > 0) return { email, created: false };
    if (this.config.production && !this.config.adminPassword) {
      throw new ConfigError(
        'ADMIN_PASSWORD',
        'a password of at least 10 characters for the first admin (no admin exists yet)',
        undefined,
      );
    }
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    await this.repo.insertFirstAdmin(uuidv7(), email, await hashPassword(password));
    return { email, password, created: true };
  }

  async login(emailRaw: string, password: string, ip: string): Promise<AdminLoginResult> {
    assertPasswordLength('password', password);
    const email = emailRaw.trim().toLowerCase().slice(0, 254);
    const attempt = await this.throttle.admit({ account: ['admin', email], ip });
    const row = await this.repo.adminCredentials(email);
    const ok = row ? await verifyPassword(row.password_hash, password) : (await burnPasswordTime(password), false);
    if (!row || !ok) {
      await this.throttle.failed(attempt);
      throw new DomainError('INVALID_CREDENTIALS', 'E-mail address or password is wrong.');
    }
    await this.throttle.succeeded(attempt);
    await this.repo.touchLogin(row.id);
    const accessToken = await this.jwt.sign('storefront-hub:admin', row.id, { typ: 'admin', role: row.role }, ACCESS_TOKEN_TTL_S);
    const actor = (await this.loadAdmin(row.id))!;
    return {
      accessToken,
      expiresIn: ACCESS_TOKEN_TTL_S,
      admin: { id: row.id, email: row.email, role: row.role, brandCodes: await this.brandCodes(actor) },
    };
  }

  async brandCodes(actor: AdminActor): Promise<string[]> {
    return actor.brandIds === null ? [] : this.repo.brandCodes(actor.brandIds);
  }

  /** Resolves `authorization: Bearer …` (admin JWT or API key) to an actor; UNAUTHENTICATED otherwise. */
  async resolveBearer(header: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
    if (!match) throw new DomainError('UNAUTHENTICATED', 'An admin access token or API key is required.');
    const token = match[1];
    if (token.startsWith('shk_')) {
      const hash = hashSecret(token);
      const actor = await this.cached(`k:${hash}`, () => this.loadApiKey(hash));
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
    if (hit !== undefined) return hit;
    const actor = await load();
    this.actorCache.set(key, actor);
    return actor;
  }

  private async loadAdmin(id: string): Promise<AdminActor | null> {
    const row = await this.repo.adminActor(id);
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
    const row = await this.repo.apiKeyActor(secretHash);
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
