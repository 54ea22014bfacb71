import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../../libs/errors/src';
import { normalizeEmail } from '../../../libs/identifiers/src';
import { checkPassword } from '../../../libs/passwords/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { CustomerIdentity, RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { type BucketPolicy, RateLimiter } from '../../core/rate-limit/rate-limiter';
import { OutboxService } from '../events/outbox.service';
import { JwtService } from '../identity/jwt.service';
import { assertPasswordLength, burnPasswordTime, hashPassword, verifyPassword } from '../identity/password.util';
import { LoginThrottle, toPolicy } from '../identity/login-throttle.service';
import { generateSecret, hashSecret } from '../../../libs/secrets/src';
import { accountKey } from '../identity/throttle-keys';
import { CustomerDataHooks } from './customer-data-hooks';
import { CustomerRepository } from './customer.repository';
import { SessionRepository } from './session.repository';
import { TtlCache } from '../../core/cache/ttl-cache';

export const ACCESS_TOKEN_TTL_S = 15 * 60;
const SESSION_TTL_DAYS = 30;
const RESET_TOKEN_TTL_MIN = 60;
const SESSION_CACHE_MS = 1000;

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  customerId: string;
}

const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 'E-mail address or password is wrong.');

/**
 * Customer sessions: login (no account enumeration, throttled per (account, IP), account and IP: LoginThrottle), access tokens (JWT,
 * 15 min) bound to the realm and to a session that can be revoked, opaque refresh tokens stored hashed and
 * rotated on every use — reusing a rotated one revokes the whole session family.
 */
@Injectable()
export class CustomerAuthService {
  /** Sessions checked lately, by session id: whose they are (a token must name the same customer) and the company. */
  private readonly sessionCache = new TtlCache<{ customerId: string; companyId: string | null } | null>(SESSION_CACHE_MS, 50_000);
  private readonly resetPolicy: BucketPolicy;

  constructor(
    private readonly db: DatabaseService,
    private readonly customers: CustomerRepository,
    private readonly sessions: SessionRepository,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly limiter: RateLimiter,
    private readonly outbox: OutboxService,
    private readonly hooks: CustomerDataHooks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.resetPolicy = toPolicy(config.passwordResetLimitAddress);
  }

  async login(ctx: RequestContext, emailRaw: string, password: string, ip: string, userAgent?: string): Promise<Session> {
    const sf = ctx.requireStorefront();
    assertPasswordLength('password', password);
    const email = normalizeEmail(emailRaw).slice(0, 254);
    const attempt = await this.throttle.admit({ account: ['customer', sf.brandId, sf.audience, email], ip });
    const row = await this.customers.forLogin(ctx, email);
    // An unknown address costs the same argon2 time as a wrong password.
    const ok = row ? await verifyPassword(row.password_hash, password) : (await burnPasswordTime(password), false);
    if (!row || !ok) {
      await this.throttle.failed(attempt);
      throw invalidCredentials();
    }
    await this.throttle.succeeded(attempt);
    if (row.status !== 'ACTIVE') {
      throw new DomainError('ACCOUNT_NOT_ACTIVE', `This account is not active yet (${row.status}).`, {
        extensions: { status: row.status },
      });
    }
    return this.db.transaction(async () => {
      // E.g. guest orders waiting for this account (registerFromOrder with a known e-mail) join it now.
      await this.hooks.loggedIn(ctx, row.id);
      return this.openSession(ctx, row.id, ip, userAgent);
    });
  }

  /** A session for an account just created in this request (registerFromOrder): like a login without the password. */
  startSession(ctx: RequestContext, customerId: string, ip: string, userAgent?: string): Promise<Session> {
    return this.db.transaction(() => this.openSession(ctx, customerId, ip, userAgent));
  }

  /**
   * The current password, asked again inside a session (change password or e-mail, delete the account):
   * length-checked first, and throttled (LoginThrottle.reauthenticate) so a stolen session cannot guess it.
   */
  async requireCurrentPassword(ctx: RequestContext, password: string, path: string): Promise<{ email: string }> {
    const customerId = ctx.requireCustomer().id;
    assertPasswordLength(path, password);
    const row = await this.customers.password(ctx, customerId);
    const ok =
      row && (await this.throttle.reauthenticate(['customer-id', customerId], () => verifyPassword(row.password_hash, password)));
    if (!ok) {
      throw new DomainError('INVALID_CREDENTIALS', 'The password is wrong.', { fieldErrors: [{ path, message: 'is wrong' }] });
    }
    return { email: row.email };
  }

  private async openSession(ctx: RequestContext, customerId: string, ip: string, userAgent?: string): Promise<Session> {
    const sessionId = uuidv7();
    await this.sessions.open(ctx, sessionId, customerId, SESSION_TTL_DAYS, ip.slice(0, 100), userAgent?.slice(0, 300) ?? null);
    return this.issue(ctx, customerId, sessionId);
  }

  private async issue(ctx: RequestContext, customerId: string, sessionId: string): Promise<Session> {
    const realm = ctx.requireStorefront();
    const refreshToken = generateSecret('srt');
    await this.sessions.addRefreshToken(ctx, hashSecret(refreshToken), sessionId);
    const accessToken = await this.jwt.sign(
      'storefront-hub:customer',
      customerId,
      { typ: 'customer', sid: sessionId, realm: `${realm.brandId}:${realm.audience}` },
      ACCESS_TOKEN_TTL_S,
    );
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_S, customerId };
  }

  /** Rotates the refresh token. A token used twice means it leaked: the whole session is revoked. */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<Session> {
    const invalid = () => new DomainError('INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or was already used.');
    if (refreshToken.length > 200) throw invalid();
    const result = await this.db.transaction(async () => {
      // A token of another realm is not found: invalid, like an unknown one.
      const t = await this.sessions.lockRefreshToken(ctx, hashSecret(refreshToken));
      if (!t) return { error: invalid() };
      if (t.used_at) {
        await this.revokeSession(ctx, t.session_id, 'refresh token reused');
        return { error: invalid() };
      }
      if (t.revoked_at || t.expired || t.status !== 'ACTIVE') return { error: invalid() };
      await this.sessions.useRefreshToken(ctx, hashSecret(refreshToken));
      await this.sessions.touch(ctx, t.session_id);
      return { session: await this.issue(ctx, t.customer_id, t.session_id) };
    });
    // The revocation of a reused family must stick even though the caller gets an error.
    if ('error' in result) throw result.error;
    return result.session;
  }

  async logout(ctx: RequestContext): Promise<boolean> {
    const c = ctx.requireCustomer();
    await this.revokeSession(ctx, c.sessionId, 'logout');
    return true;
  }

  async revokeSession(ctx: RequestContext, sessionId: string, reason: string): Promise<void> {
    await this.sessions.revoke(ctx, sessionId, reason);
    this.sessionCache.delete(sessionId);
  }

  /** Revokes every session of a customer but `keep` (password change, reset, erasure). */
  async revokeAllSessions(ctx: RequestContext, customerId: string, reason: string, keep?: string): Promise<void> {
    await this.sessions.revokeAll(ctx, customerId, reason, keep ?? null);
    this.sessionCache.clear();
  }

  /**
   * The customer of a bearer access token, if valid for the realm of `ctx` (the storefront caller, before its
   * customer is known) and its session is alive.
   */
  async resolveAccessToken(ctx: RequestContext, token: string): Promise<CustomerIdentity | null> {
    const sf = ctx.requireStorefront();
    const payload = await this.jwt.verify('storefront-hub:customer', token);
    if (!payload || payload.typ !== 'customer' || typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
    if (payload.realm !== `${sf.brandId}:${sf.audience}`) return null;
    const sid = payload.sid;
    let live = this.sessionCache.get(sid);
    if (live === undefined) {
      const alive = await this.sessions.alive(ctx, sid, payload.sub);
      live = alive && { customerId: payload.sub, companyId: alive.companyId };
      this.sessionCache.set(sid, live);
    }
    return live?.customerId === payload.sub ? { id: payload.sub, sessionId: sid, companyId: live.companyId } : null;
  }

  /**
   * Always true, answered PASSWORD_RESET_ANSWER_MS after the request arrived whatever happened (no enumeration
   * by content or timing). For a known account, and at most PASSWORD_RESET_LIMIT_ADDRESS times per address,
   * emits customer.password_reset_requested with a single-use token.
   */
  async requestPasswordReset(ctx: RequestContext, emailRaw: string): Promise<boolean> {
    const answerAt = Date.now() + this.config.passwordResetAnswerMs;
    try {
      await this.sendPasswordReset(ctx, normalizeEmail(emailRaw).slice(0, 254));
    } finally {
      const wait = answerAt - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    return true;
  }

  private async sendPasswordReset(ctx: RequestContext, email: string): Promise<void> {
    const sf = ctx.requireStorefront();
    // Counted per address whether or not an account has it: the answer stays the same.
    const quota = await this.limiter.take(
      `pwreset:addr:${accountKey('customer', sf.brandId, sf.audience, email)}`,
      1,
      this.resetPolicy,
    );
    if (!quota.allowed) return;
    const customerId = await this.customers.idByEmail(ctx, email);
    if (!customerId) return;
    const token = generateSecret('prt');
    await this.db.transaction(async () => {
      const expiresAt = await this.sessions.addResetToken(ctx, hashSecret(token), customerId, RESET_TOKEN_TTL_MIN);
      await this.outbox.add({
        type: 'customer.password_reset_requested',
        brandId: sf.brandId,
        aggregateId: customerId,
        data: { customerId, email, token, expiresAt: new Date(expiresAt).toISOString(), storefrontCode: sf.code },
      });
    });
  }

  /** Sets a new password with a single-use, expiring token; ends every other session and opens a new one. */
  async resetPassword(ctx: RequestContext, token: string, newPassword: string, ip: string): Promise<Session> {
    assertPasswordLength('newPassword', newPassword);
    const invalid = () =>
      new DomainError('BAD_USER_INPUT', 'The reset link is invalid or has expired.', {
        fieldErrors: [{ path: 'token', message: 'is invalid or expired' }],
      });
    return this.db.transaction(async () => {
      const t = await this.sessions.lockResetToken(ctx, hashSecret(token.slice(0, 200)));
      if (!t) throw invalid();
      if (t.status !== 'ACTIVE') {
        throw new DomainError('ACCOUNT_NOT_ACTIVE', `This account is not active yet (${t.status}).`, {
          extensions: { status: t.status },
        });
      }
      const policy = checkPassword(newPassword, { email: t.email });
      if (!policy.ok)
        throw new DomainError('BAD_USER_INPUT', `The new password ${policy.message}.`, {
          fieldErrors: [{ path: 'newPassword', message: policy.message }],
        });
      await this.sessions.useToken(ctx, hashSecret(token));
      await this.customers.setPassword(ctx, t.customer_id, await hashPassword(newPassword));
      await this.revokeAllSessions(ctx, t.customer_id, 'password reset');
      return this.openSession(ctx, t.customer_id, ip);
    });
  }
}
