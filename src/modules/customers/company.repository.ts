import { Injectable } from '@nestjs/common';
import type { CompanyRole, CustomerStatus } from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import type { NewCustomer } from './customer.repository';
import { Repository } from '../../core/database/repository';
import type { AddressData } from './customer-input.normalizer';

/** The signed-in customer's company link. */
export interface MembershipRow {
  company_id: string | null;
  company_role: CompanyRole | null;
  country: string;
  vat_number: string;
}

/** An open invitation with the state of the inviting admin's account. */
export interface InvitationRow {
  company_id: string;
  data: { email: string };
  admin_status: CustomerStatus;
}

/** One VIES answer as evidence (stored for the brand of its company). */
export interface VatCheckRecord {
  id: string;
  companyId: string;
  vatNumber: string;
  outcome: string;
  consultationNumber: string | null;
  registeredName: string | null;
  raw: unknown;
}

/** A claimed background re-check. */
export interface RecheckJobRow {
  company_id: string;
  attempts: number;
  vat_number: string;
  brand_vat: string | null;
}

/** A customer whose status a re-check changed. */
export interface MovedCustomerRow {
  id: string;
  status: CustomerStatus;
  brand_id: string;
}

/** The VAT verification state a company takes after a changed number was checked. */
export interface VatState {
  vatNumber: string;
  status: 'VALID' | 'UNAVAILABLE_RETRYING';
  checkedAt: Date | null;
  consultationNumber: string | null;
  registeredName: string | null;
}

const RECHECK_QUEUE = 'the VAT re-check queue is system work: rows are keyed by company, claimed by whichever instance is free';

/**
 * Companies, their VAT verification evidence, invitations of colleagues and the background re-check of
 * VAT numbers VIES could not answer. Storefront work is scoped to the caller's realm, back-office work and
 * VAT evidence to the caller's brands; claiming due re-checks sees every brand (system work, unscoped).
 */
@Injectable()
export class CompanyRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** The signed-in customer's company (of the caller's realm) and role in it. */
  async membership(ctx: RequestContext): Promise<MembershipRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<MembershipRow>(
      p,
      `SELECT c.company_id, c.company_role, co.country, co.vat_number FROM customer c LEFT JOIN company co ON co.id = c.company_id
        WHERE c.id = ${p.add(ctx.requireCustomer().id)} AND ${p.realm('c.brand_id', 'c.audience')}`,
    );
    return row;
  }

  async rename(ctx: RequestContext, companyId: string, name: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE company SET name = ${p.add(name)}, updated_at = now() WHERE id = ${p.add(companyId)} AND ${p.realm('brand_id', 'audience')}`,
    );
  }

  async moveAddress(ctx: RequestContext, companyId: string, a: AddressData): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE company SET street = ${p.add(a.street)}, house_number = ${p.add(a.houseNumber)}, house_number_addition = ${p.add(a.houseNumberAddition)},
              postal_code = ${p.add(a.postalCode)}, city = ${p.add(a.city)}, address_country = ${p.add(a.country)},
              address_full_name = ${p.add(a.fullName)}, updated_at = now()
        WHERE id = ${p.add(companyId)} AND ${p.realm('brand_id', 'audience')}`,
    );
  }

  /** A new VAT number with the state of its check (unique per realm: a duplicate is a unique violation). */
  async changeVat(ctx: RequestContext, companyId: string, v: VatState): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE company SET vat_number = ${p.add(v.vatNumber)}, vat_status = ${p.add(v.status)}, vat_checked_at = ${p.add(v.checkedAt)},
              vat_consultation_number = ${p.add(v.consultationNumber)}, vat_registered_name = ${p.add(v.registeredName)}, updated_at = now()
        WHERE id = ${p.add(companyId)} AND ${p.realm('brand_id', 'audience')}`,
    );
  }

  /** The back office asks for a new verification (of a company of the caller's brands). */
  async markRetrying(ctx: RequestContext, companyId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE company SET vat_status = 'UNAVAILABLE_RETRYING', updated_at = now() WHERE id = ${p.add(companyId)} AND ${p.brand('brand_id')}`,
    );
  }

  /** Queues a re-check for the next pass of the worker (a company of the caller's brands). */
  async recheckNow(ctx: RequestContext, companyId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO vat_recheck (company_id, attempts, next_attempt_at)
       SELECT id, 0, now() FROM company WHERE id = ${p.add(companyId)} AND ${p.brand('brand_id')}
       ON CONFLICT (company_id) DO UPDATE SET next_attempt_at = now(), locked_until = NULL`,
    );
  }

  /** Whether an account with this e-mail exists in the caller's realm. */
  async emailTaken(ctx: RequestContext, email: string): Promise<boolean> {
    const p = this.params(ctx);
    const rows = await this.run(p, `SELECT 1 FROM customer WHERE ${p.realm('brand_id', 'audience')} AND email = ${p.add(email)}`);
    return rows.length > 0;
  }

  /** Stores an invitation (by the signed-in customer, in the caller's realm); returns when it expires. */
  async invite(ctx: RequestContext, i: { tokenHash: string; companyId: string; email: string; ttlDays: number }): Promise<Date> {
    const sf = ctx.requireStorefront();
    const p = this.params(ctx);
    const [t] = await this.run<{ expires_at: Date }>(
      p,
      `INSERT INTO customer_token (token_hash, brand_id, audience, company_id, customer_id, purpose, data, expires_at)
       VALUES (${p.add(i.tokenHash)}, ${p.add(sf.brandId)}, ${p.add(sf.audience)}, ${p.add(i.companyId)}, ${p.add(ctx.requireCustomer().id)},
               'COMPANY_INVITE', ${p.add(JSON.stringify({ email: i.email }))}::jsonb, now() + ${p.add(i.ttlDays)}::int * interval '1 day')
       RETURNING expires_at`,
    );
    return t.expires_at;
  }

  /** An open, unexpired invitation of the caller's realm. */
  async openInvitation(ctx: RequestContext, tokenHash: string): Promise<InvitationRow | undefined> {
    const p = this.params(ctx);
    const [t] = await this.run<InvitationRow>(
      p,
      `SELECT t.company_id, t.data, a.status AS admin_status FROM customer_token t JOIN customer a ON a.id = t.customer_id
        WHERE t.token_hash = ${p.add(tokenHash)} AND t.purpose = 'COMPANY_INVITE' AND t.used_at IS NULL AND t.expires_at > now()
          AND ${p.realm('t.brand_id', 't.audience')}`,
    );
    return t;
  }

  /** Marks an invitation used; false when it already was (a concurrent accept). */
  async useInvitation(ctx: RequestContext, tokenHash: string): Promise<boolean> {
    const p = this.params(ctx);
    const rows = await this.run(
      p,
      `WITH u AS (UPDATE customer_token SET used_at = now()
                   WHERE token_hash = ${p.add(tokenHash)} AND used_at IS NULL AND ${p.realm('brand_id', 'audience')} RETURNING 1)
       SELECT * FROM u`,
    );
    return rows.length > 0;
  }

  /** The invited colleague's account, a BUYER of the company, registered on the caller's storefront. */
  async addBuyer(ctx: RequestContext, c: NewCustomer & { companyId: string }): Promise<void> {
    const sf = ctx.requireStorefront();
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO customer (id, brand_id, audience, email, password_hash, first_name, last_name, phone, status, company_id, company_role, registered_storefront_id)
       VALUES (${p.add(c.id)}, ${p.add(sf.brandId)}, ${p.add(sf.audience)}, ${p.add(c.email)}, ${p.add(c.passwordHash)}, ${p.add(c.firstName)},
               ${p.add(c.lastName)}, ${p.add(c.phone)}, ${p.add(c.status)}, ${p.add(c.companyId)}, 'BUYER', ${p.add(sf.id)})`,
    );
  }

  /** The caller's storefront's brand's own VAT id, sent to VIES as requester. */
  async brandVatNumber(ctx: RequestContext): Promise<string | null> {
    const p = this.params(ctx);
    const [b] = await this.run<{ vat_number: string | null }>(
      p,
      `SELECT vat_number FROM brand WHERE id = ${p.add(ctx.requireStorefront().brandId)} AND ${p.brand('id')}`,
    );
    return b?.vat_number ?? null;
  }

  /** Stores one VIES answer as evidence, for the brand of the company checked (a company of the caller's brands). */
  async recordCheck(ctx: RequestContext, c: VatCheckRecord): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO vat_check (id, brand_id, company_id, vat_number, outcome, consultation_number, registered_name, raw)
       SELECT ${p.add(c.id)}::uuid, co.brand_id, co.id, ${p.add(c.vatNumber)}::text, ${p.add(c.outcome)}::text,
              ${p.add(c.consultationNumber)}::text, ${p.add(c.registeredName)}::text, ${p.add(JSON.stringify(c.raw ?? null))}::jsonb
         FROM company co WHERE co.id = ${p.add(c.companyId)} AND ${p.brand('co.brand_id')}`,
    );
  }

  /** Schedules (or re-schedules) the background re-check of a company's VAT number (a company of the caller's brands). */
  async scheduleRecheck(
    ctx: RequestContext,
    companyId: string,
    attempt: number,
    delayMs: number,
    lastError: string | null,
  ): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `INSERT INTO vat_recheck (company_id, attempts, next_attempt_at, last_error)
       SELECT id, ${p.add(attempt)}::int, now() + (${p.add(String(delayMs))} || ' milliseconds')::interval, ${p.add(lastError)}::text
         FROM company WHERE id = ${p.add(companyId)} AND ${p.brand('brand_id')}
       ON CONFLICT (company_id) DO UPDATE SET attempts = EXCLUDED.attempts, next_attempt_at = EXCLUDED.next_attempt_at,
                                              last_error = EXCLUDED.last_error, locked_until = NULL`,
    );
  }

  /** Claims due re-checks of every brand (SKIP LOCKED: one instance each; locked for two minutes). */
  claimDueRechecks(limit: number): Promise<RecheckJobRow[]> {
    return this.unscoped(
      RECHECK_QUEUE,
      `WITH due AS (
         SELECT company_id FROM vat_recheck
          WHERE next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE vat_recheck r SET locked_until = now() + interval '2 minutes'
           FROM due, company c JOIN brand b ON b.id = c.brand_id
          WHERE r.company_id = due.company_id AND c.id = r.company_id
         RETURNING r.company_id, r.attempts, c.vat_number, b.vat_number AS brand_vat)
       SELECT * FROM claimed`,
      [limit],
    );
  }

  /** A re-check is done (a company of the caller's brands). */
  async finishRecheck(ctx: RequestContext, companyId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `DELETE FROM vat_recheck r USING company c
        WHERE r.company_id = ${p.add(companyId)} AND c.id = r.company_id AND ${p.brand('c.brand_id')}`,
    );
  }

  /**
   * A re-check found the number valid: the company (of the caller's brands) is verified and the customers
   * waiting for it move on per their storefront's approval policy. Returns the customers moved.
   */
  async verifiedByRecheck(
    ctx: RequestContext,
    companyId: string,
    consultationNumber: string | null,
    registeredName: string | null,
  ): Promise<MovedCustomerRow[]> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE company SET vat_status = 'VALID', vat_checked_at = now(), vat_consultation_number = ${p.add(consultationNumber)},
              vat_registered_name = ${p.add(registeredName)}, updated_at = now()
        WHERE id = ${p.add(companyId)} AND ${p.brand('brand_id')}`,
    );
    const q = this.params(ctx);
    return this.run(
      q,
      `WITH m AS (
         UPDATE customer c SET status = CASE s.approval_policy WHEN 'MANUAL' THEN 'PENDING_APPROVAL' ELSE 'ACTIVE' END,
                               updated_at = now()
           FROM storefront s
          WHERE c.company_id = ${q.add(companyId)} AND c.status = 'PENDING_VERIFICATION' AND s.id = c.registered_storefront_id
            AND ${q.brand('c.brand_id')}
         RETURNING c.id, c.status, c.brand_id)
       SELECT * FROM m`,
    );
  }

  /** A re-check found the number not registered (or VIES refused it): the waiting accounts are rejected. */
  async invalidatedByRecheck(ctx: RequestContext, companyId: string, reason: string): Promise<MovedCustomerRow[]> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE company SET vat_status = 'INVALID', vat_checked_at = now(), updated_at = now()
        WHERE id = ${p.add(companyId)} AND ${p.brand('brand_id')}`,
    );
    const q = this.params(ctx);
    return this.run(
      q,
      `WITH m AS (UPDATE customer SET status = 'REJECTED', rejection_reason = ${q.add(reason)}, updated_at = now()
                   WHERE company_id = ${q.add(companyId)} AND status = 'PENDING_VERIFICATION' AND ${q.brand('brand_id')}
                   RETURNING id, status, brand_id)
       SELECT * FROM m`,
    );
  }
}
