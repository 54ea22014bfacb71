import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../../libs/errors/src';
import { normalizeEmail } from '../../../libs/identifiers/src';
import { checkPassword } from '../../../libs/passwords/src';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { CustomerIdentity, RequestContext, StorefrontInfo } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { type BucketPolicy, RateLimiter } from '../../core/rate-limit/rate-limiter';
import { OutboxService } from '../events/outbox.service';
import { JwtService } from '../identity/jwt.service';
import { assertPasswordLength, burnPasswordTime, hashPassword, verifyPassword } from '../identity/password.util';
import { LoginThrottle, toPolicy } from '../identity/login-throttle.service';
import { generateSecret, hashSecret } from '../../../libs/secrets/src';
import { accountKey } from '../identity/throttle-keys';
import type { CustomerStatus } from './customer.entity';

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
  private readonly sessionCache = new Map<string, { ok: boolean; at: number }>();
  private readonly resetPolicy: BucketPolicy;

  constructor(
    private readonly db: DatabaseService,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly limiter: RateLimiter,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.resetPolicy = toPolicy(config.passwordResetLimitAddress);
  }

  async login(ctx: RequestContext, emailRaw: string, password: string, ip: string, userAgent?: string): Promise<Session> {
    const sf = ctx.requireStorefront();
    assertPasswordLength('password', password);
    const email = normalizeEmail(emailRaw).slice(0, 254);
    const attempt = await this.throttle.admit({ account: ['customer', sf.brandId, sf.audience, email], ip });
    const [row] = await this.db.query<{ id: string; password_hash: string; status: CustomerStatus }>(
      `SELECT id, password_hash, status FROM customer
        WHERE brand_id = $1 AND audience = $2 AND email = $3 AND erased_at IS NULL`,
      [sf.brandId, sf.audience, email],
    );
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
    return this.db.transaction(() => this.openSession(sf, row.id, ip, userAgent));
  }

  /**
   * The current password, asked again inside a session (change password or e-mail, delete the account):
   * length-checked first, and throttled (LoginThrottle.reauthenticate) so a stolen session cannot guess it.
   */
  async requireCurrentPassword(customerId: string, password: string, path: string): Promise<{ email: string }> {
    assertPasswordLength(path, password);
    const [row] = await this.db.query<{ password_hash: string; email: string }>(
      `SELECT password_hash, email FROM customer WHERE id = $1 AND erased_at IS NULL`,
      [customerId],
    );
    const ok =
      row && (await this.throttle.reauthenticate(['customer-id', customerId], () => verifyPassword(row.password_hash, password)));
    if (!ok) {
      throw new DomainError('INVALID_CREDENTIALS', 'The password is wrong.', { fieldErrors: [{ path, message: 'is wrong' }] });
    }
    return { email: row.email };
  }

  private async openSession(sf: StorefrontInfo, customerId: string, ip: string, userAgent?: string): Promise<Session> {
    const sessionId = uuidv7();
    await this.db.query(
      `INSERT INTO customer_session (id, brand_id, customer_id, audience, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, now() + interval '${SESSION_TTL_DAYS} days', $5, $6)`,
      [sessionId, sf.brandId, customerId, sf.audience, ip.slice(0, 100), userAgent?.slice(0, 300) ?? null],
    );
    return this.issue(sf, customerId, sessionId);
  }

  private async issue(realm: { brandId: string; audience: string }, customerId: string, sessionId: string): Promise<Session> {
    const refreshToken = generateSecret('srt');
    await this.db.query(`INSERT INTO refresh_token (token_hash, session_id) VALUES ($1, $2)`, [
      hashSecret(refreshToken),
      sessionId,
    ]);
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
    const sf = ctx.requireStorefront();
    const invalid = () => new DomainError('INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or was already used.');
    if (refreshToken.length > 200) throw invalid();
    const result = await this.db.transaction(async () => {
      const [t] = await this.db.query<{
        session_id: string;
        used_at: Date | null;
        customer_id: string;
        brand_id: string;
        audience: string;
        revoked_at: Date | null;
        expired: boolean;
        status: string;
      }>(
        `SELECT rt.session_id, rt.used_at, s.customer_id, s.brand_id, s.audience, s.revoked_at, s.expires_at < now() AS expired, c.status
           FROM refresh_token rt JOIN customer_session s ON s.id = rt.session_id JOIN customer c ON c.id = s.customer_id
          WHERE rt.token_hash = $1 FOR UPDATE OF rt, s`,
        [hashSecret(refreshToken)],
      );
      if (!t || t.brand_id !== sf.brandId || t.audience !== sf.audience) return { error: invalid() };
      if (t.used_at) {
        await this.revokeSession(t.session_id, 'refresh token reused');
        return { error: invalid() };
      }
      if (t.revoked_at || t.expired || t.status !== 'ACTIVE') return { error: invalid() };
      await this.db.query(`UPDATE refresh_token SET used_at = now() WHERE token_hash = $1`, [hashSecret(refreshToken)]);
      await this.db.query(`UPDATE customer_session SET last_used_at = now() WHERE id = $1`, [t.session_id]);
      return { session: await this.issue(sf, t.customer_id, t.session_id) };
    });
    // The revocation of a reused family must stick even though the caller gets an error.
    if ('error' in result) throw result.error;
    return result.session;
  }

  async logout(ctx: RequestContext): Promise<boolean> {
    const c = ctx.requireCustomer();
    await this.revokeSession(c.sessionId, 'logout');
    return true;
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE customer_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
    this.sessionCache.delete(sessionId);
  }

  /** Revokes every session of a customer but `keep` (password change, reset, erasure). */
  async revokeAllSessions(customerId: string, reason: string, keep?: string): Promise<void> {
    await this.db.query(
      `UPDATE customer_session SET revoked_at = now(), revoked_reason = $3 WHERE customer_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2`,
      [customerId, keep ?? null, reason],
    );
    this.sessionCache.clear();
  }

  /** The customer of a bearer access token, if valid for this storefront's realm and its session is alive. */
  async resolveAccessToken(sf: StorefrontInfo, token: string): Promise<CustomerIdentity | null> {
    const payload = await this.jwt.verify('storefront-hub:customer', token);
    if (!payload || payload.typ !== 'customer' || typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
    if (payload.realm !== `${sf.brandId}:${sf.audience}`) return null;
    const sid = payload.sid;
    const hit = this.sessionCache.get(sid);
    let ok = hit && Date.now() - hit.at < SESSION_CACHE_MS ? hit.ok : undefined;
    if (ok === undefined) {
      const [row] = await this.db.query<{ ok: boolean }>(
        `SELECT (s.revoked_at IS NULL AND s.expires_at > now() AND c.status = 'ACTIVE' AND c.erased_at IS NULL) AS ok
           FROM customer_session s JOIN customer c ON c.id = s.customer_id WHERE s.id = $1 AND s.customer_id = $2`,
        [sid, payload.sub],
      );
      ok = row?.ok ?? false;
      this.sessionCache.set(sid, { ok, at: Date.now() });
      if (this.sessionCache.size > 50_000) this.sessionCache.delete(this.sessionCache.keys().next().value as string);
    }
    return ok ? { id: payload.sub, sessionId: sid } : null;
  }

  /**
   * Always true, answered PASSWORD_RESET_ANSWER_MS after the request arrived whatever happened (no enumeration
   * by content or timing). For a known account, and at most PASSWORD_RESET_LIMIT_ADDRESS times per address,
   * emits customer.password_reset_requested with a single-use token.
   */
  async requestPasswordReset(ctx: RequestContext, emailRaw: string): Promise<boolean> {
    const answerAt = Date.now() + this.config.passwordResetAnswerMs;
    try {
      await this.sendPasswordReset(ctx.requireStorefront(), normalizeEmail(emailRaw).slice(0, 254));
    } finally {
      const wait = answerAt - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    return true;
  }

  private async sendPasswordReset(sf: StorefrontInfo, email: string): Promise<void> {
    // Counted per address whether or not an account has it: the answer stays the same.
    const quota = await this.limiter.take(
      `pwreset:addr:${accountKey('customer', sf.brandId, sf.audience, email)}`,
      1,
      this.resetPolicy,
    );
    if (!quota.allowed) return;
    const [row] = await this.db.query<{ id: string }>(
      `SELECT id FROM customer WHERE brand_id = $1 AND audience = $2 AND email = $3 AND erased_at IS NULL`,
      [sf.brandId, sf.audience, email],
    );
    if (!row) return;
    const token = generateSecret('prt');
    await this.db.transaction(async () => {
      const [t] = await this.db.query<{ expires_at: Date }>(
        `INSERT INTO customer_token (token_hash, brand_id, audience, customer_id, purpose, expires_at)
         VALUES ($1, $2, $3, $4, 'PASSWORD_RESET', now() + interval '${RESET_TOKEN_TTL_MIN} minutes') RETURNING expires_at`,
        [hashSecret(token), sf.brandId, sf.audience, row.id],
      );
      await this.outbox.add({
        type: 'customer.password_reset_requested',
        brandId: sf.brandId,
        aggregateId: row.id,
        data: { customerId: row.id, email, token, expiresAt: new Date(t.expires_at).toISOString(), storefrontCode: sf.code },
      });
    });
  }

  /** Sets a new password with a single-use, expiring token; ends every other session and opens a new one. */
  async resetPassword(ctx: RequestContext, token: string, newPassword: string, ip: string): Promise<Session> {
    const sf = ctx.requireStorefront();
    assertPasswordLength('newPassword', newPassword);
    const invalid = () =>
      new DomainError('BAD_USER_INPUT', 'The reset link is invalid or has expired.', {
        fieldErrors: [{ path: 'token', message: 'is invalid or expired' }],
      });
    return this.db.transaction(async () => {
      const [t] = await this.db.query<{ customer_id: string; email: string; status: CustomerStatus }>(
        `SELECT t.customer_id, c.email, c.status FROM customer_token t JOIN customer c ON c.id = t.customer_id
          WHERE t.token_hash = $1 AND t.purpose = 'PASSWORD_RESET' AND t.used_at IS NULL AND t.expires_at > now()
            AND t.brand_id = $2 AND t.audience = $3 AND c.erased_at IS NULL FOR UPDATE OF t`,
        [hashSecret(token.slice(0, 200)), sf.brandId, sf.audience],
      );
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
      await this.db.query(`UPDATE customer_token SET used_at = now() WHERE token_hash = $1`, [hashSecret(token)]);
      await this.db.query(`UPDATE customer SET password_hash = $2, updated_at = now() WHERE id = $1`, [
        t.customer_id,
        await hashPassword(newPassword),
      ]);
      await this.revokeAllSessions(t.customer_id, 'password reset');
      return this.openSession(sf, t.customer_id, ip);
    });
  }
}
