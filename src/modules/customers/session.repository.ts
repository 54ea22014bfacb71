import { Injectable } from '@nestjs/common';
import type { CustomerStatus } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';
import { ownScope } from './customer.repository';

export interface RefreshTokenRow {
  session_id: string;
  used_at: Date | null;
  customer_id: string;
  revoked_at: Date | null;
  expired: boolean;
  status: CustomerStatus;
}

export interface ResetTokenRow {
  customer_id: string;
  email: string;
  status: CustomerStatus;
}

export interface EmailChangeTokenRow {
  customer_id: string;
  data: { newEmail: string };
}

/**
 * Customer sessions, their refresh tokens, and the single-use tokens sent by e-mail (password reset,
 * e-mail change), all in the caller's realm. Refresh tokens have no realm of their own: they are reached
 * through a session of the realm.
 */
@Injectable()
export class SessionRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** A new session in the storefront's realm, alive for `ttlDays`. */
  async open(
    ctx: RequestContext,
    id: string,
    customerId: string,
    ttlDays: number,
    ip: string,
    userAgent: string | null,
  ): Promise<void> {
    const sf = ctx.requireStorefront();
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO customer_session (id, brand_id, customer_id, audience, expires_at, ip, user_agent)
       VALUES (${p.add(id)}, ${p.add(sf.brandId)}, ${p.add(customerId)}, ${p.add(sf.audience)}, now() + interval '${ttlDays} days',
               ${p.add(ip)}, ${p.add(userAgent)})`,
    );
  }

  /** Stores a refresh token (hashed) of a session the caller just opened or locked in its realm. */
  async addRefreshToken(ctx: RequestContext, tokenHash: string, sessionId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(p, `INSERT INTO refresh_token (token_hash, session_id) VALUES (${p.add(tokenHash)}, ${p.add(sessionId)})`);
  }

  /** The refresh token with its session (of the caller's realm) and customer, both locked for rotation. */
  async lockRefreshToken(ctx: RequestContext, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<RefreshTokenRow>(
      p,
      `SELECT rt.session_id, rt.used_at, s.customer_id, s.revoked_at, s.expires_at < now() AS expired, c.status
         FROM refresh_token rt JOIN customer_session s ON s.id = rt.session_id JOIN customer c ON c.id = s.customer_id
        WHERE rt.token_hash = ${p.add(tokenHash)} AND ${p.realm('s.brand_id', 's.audience')} FOR UPDATE OF rt, s`,
    );
    return row;
  }

  /** Marks a refresh token (found through lockRefreshToken, i.e. in the caller's realm) used. */
  async useRefreshToken(ctx: RequestContext, tokenHash: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(p, `UPDATE refresh_token SET used_at = now() WHERE token_hash = ${p.add(tokenHash)}`);
  }

  async touch(ctx: RequestContext, sessionId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer_session SET last_used_at = now() WHERE id = ${p.add(sessionId)} AND ${p.realm('brand_id', 'audience')}`,
    );
  }

  async revoke(ctx: RequestContext, sessionId: string, reason: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer_session SET revoked_at = now(), revoked_reason = ${p.add(reason)}
        WHERE id = ${p.add(sessionId)} AND revoked_at IS NULL AND ${ownScope(p, 'brand_id', 'audience')}`,
    );
  }

  /** Revokes every live session of a customer but `keep`. */
  async revokeAll(ctx: RequestContext, customerId: string, reason: string, keep: string | null): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer_session SET revoked_at = now(), revoked_reason = ${p.add(reason)}
        WHERE customer_id = ${p.add(customerId)} AND revoked_at IS NULL AND id IS DISTINCT FROM ${p.add(keep)}
          AND ${ownScope(p, 'brand_id', 'audience')}`,
    );
  }

  /**
   * Whether the session of an access token is alive (not revoked or expired, customer active and not erased),
   * with the customer's company (a customer never changes company).
   */
  async alive(ctx: RequestContext, sessionId: string, customerId: string): Promise<{ companyId: string | null } | null> {
    const p = this.params(ctx);
    const [row] = await this.run<{ ok: boolean; company_id: string | null }>(
      p,
      `SELECT (s.revoked_at IS NULL AND s.expires_at > now() AND c.status = 'ACTIVE' AND c.erased_at IS NULL) AS ok, c.company_id
         FROM customer_session s JOIN customer c ON c.id = s.customer_id
        WHERE s.id = ${p.add(sessionId)} AND s.customer_id = ${p.add(customerId)} AND ${p.realm('s.brand_id', 's.audience')}`,
    );
    return row?.ok ? { companyId: row.company_id } : null;
  }

  /** A password-reset token (hashed) in the storefront's realm; returns when it expires. */
  async addResetToken(ctx: RequestContext, tokenHash: string, customerId: string, ttlMinutes: number): Promise<Date> {
    const sf = ctx.requireStorefront();
    const p = this.params(ctx);
    const [t] = await this.run<{ expires_at: Date }>(
      p,
      `INSERT INTO customer_token (token_hash, brand_id, audience, customer_id, purpose, expires_at)
       VALUES (${p.add(tokenHash)}, ${p.add(sf.brandId)}, ${p.add(sf.audience)}, ${p.add(customerId)}, 'PASSWORD_RESET',
               now() + interval '${ttlMinutes} minutes') RETURNING expires_at`,
    );
    return t.expires_at;
  }

  /** An unused, unexpired password-reset token of the realm with its (live) customer, locked. */
  async lockResetToken(ctx: RequestContext, tokenHash: string): Promise<ResetTokenRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<ResetTokenRow>(
      p,
      `SELECT t.customer_id, c.email, c.status FROM customer_token t JOIN customer c ON c.id = t.customer_id
        WHERE t.token_hash = ${p.add(tokenHash)} AND t.purpose = 'PASSWORD_RESET' AND t.used_at IS NULL AND t.expires_at > now()
          AND ${p.realm('t.brand_id', 't.audience')} AND c.erased_at IS NULL FOR UPDATE OF t`,
    );
    return row;
  }

  /** An e-mail change token (hashed) carrying the new address; returns when it expires. */
  async addEmailChangeToken(
    ctx: RequestContext,
    tokenHash: string,
    customerId: string,
    newEmail: string,
    ttlHours: number,
  ): Promise<Date> {
    const sf = ctx.requireStorefront();
    const p = this.params(ctx);
    const [t] = await this.run<{ expires_at: Date }>(
      p,
      `INSERT INTO customer_token (token_hash, brand_id, audience, customer_id, purpose, data, expires_at)
       VALUES (${p.add(tokenHash)}, ${p.add(sf.brandId)}, ${p.add(sf.audience)}, ${p.add(customerId)}, 'EMAIL_CHANGE',
               ${p.add(JSON.stringify({ newEmail }))}::jsonb, now() + interval '${ttlHours} hours') RETURNING expires_at`,
    );
    return t.expires_at;
  }

  /** An unused, unexpired e-mail change token of the realm, locked. */
  async lockEmailChangeToken(ctx: RequestContext, tokenHash: string): Promise<EmailChangeTokenRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<EmailChangeTokenRow>(
      p,
      `SELECT customer_id, data FROM customer_token WHERE token_hash = ${p.add(tokenHash)} AND purpose = 'EMAIL_CHANGE' AND used_at IS NULL
          AND expires_at > now() AND ${p.realm('brand_id', 'audience')} FOR UPDATE`,
    );
    return row;
  }

  /** Marks a single-use token used. */
  async useToken(ctx: RequestContext, tokenHash: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer_token SET used_at = now() WHERE token_hash = ${p.add(tokenHash)} AND ${p.realm('brand_id', 'audience')}`,
    );
  }

  /** Voids every pending e-mail change of a customer. */
  async voidEmailChanges(ctx: RequestContext, customerId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer_token SET used_at = now() WHERE customer_id = ${p.add(customerId)} AND purpose = 'EMAIL_CHANGE' AND used_at IS NULL
          AND ${p.realm('brand_id', 'audience')}`,
    );
  }
}
