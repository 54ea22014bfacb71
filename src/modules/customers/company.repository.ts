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

/** One VIES answer as evidence. */
export interface VatCheckRecord {
  id: string;
  brandId: string;
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
  brand_id: string;
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
 * VAT numbers VIES could not answer. Storefront work is scoped to the caller's realm, back-office work to
 * the caller's brands; the re-check scheduler sees every brand (system work).
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

  /**
   * The brand's own VAT id, sent to VIES as requester. The brand id comes from the caller's storefront
   * (VatVerificationService.verifyOnline keeps its public signature for RegistrationService).
   */
  async brandVatNumber(brandId: string): Promise<string | null> {
    const [b] = await this.unscoped<{ vat_number: string | null }>(
      "a brand's own VAT id (requester for VIES), for the brand of the caller's storefront",
      `SELECT vat_number FROM brand WHERE id = $1`,
      [brandId],
    );
    return b?.vat_number ?? null;
  }

  /** Stores one VIES answer as evidence, for the brand of the company checked (registration, update or re-check job). */
  async recordCheck(c: VatCheckRecord): Promise<void> {
    await this.unscoped(
      'VAT evidence is written for the brand of the company being checked, by requests and by the re-check job',
      `INSERT INTO vat_check (id, brand_id, company_id, vat_number, outcome, consultation_number, registered_name, raw)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        c.id,
        c.brandId,
        c.companyId,
        c.vatNumber,
        c.outcome,
        c.consultationNumber,
        c.registeredName,
        JSON.stringify(c.raw ?? null),
      ],
    );
  }

  /** Schedules (or re-schedules) the background re-check of a company's VAT number. */
  async scheduleRecheck(companyId: string, attempt: number, delayMs: number, lastError: string | null): Promise<void> {
    await this.unscoped(
      RECHECK_QUEUE,
      `INSERT INTO vat_recheck (company_id, attempts, next_attempt_at, last_error) VALUES ($1, $2, now() + ($3 || ' milliseconds')::interval, $4)
       ON CONFLICT (company_id) DO UPDATE SET attempts = EXCLUDED.attempts, next_attempt_at = EXCLUDED.next_attempt_at,
                                              last_error = EXCLUDED.last_error, locked_until = NULL`,
      [companyId, attempt, String(delayMs), lastError],
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
         RETURNING r.company_id, r.attempts, c.vat_number, b.vat_number AS brand_vat, c.brand_id)
       SELECT * FROM claimed`,
      [limit],
    );
  }

  async finishRecheck(companyId: string): Promise<void> {
    await this.unscoped(RECHECK_QUEUE, `DELETE FROM vat_recheck WHERE company_id = $1`, [companyId]);
  }

  /**
   * A re-check found the number valid: the company is verified and the customers waiting for it move on per
   * their storefront's approval policy. Returns the customers moved.
   */
  async verifiedByRecheck(
    companyId: string,
    consultationNumber: string | null,
    registeredName: string | null,
  ): Promise<MovedCustomerRow[]> {
    await this.unscoped(
      RECHECK_QUEUE,
      `UPDATE company SET vat_status = 'VALID', vat_checked_at = now(), vat_consultation_number = $2, vat_registered_name = $3,
              updated_at = now() WHERE id = $1`,
      [companyId, consultationNumber, registeredName],
    );
    return this.unscoped(
      RECHECK_QUEUE,
      `WITH m AS (
         UPDATE customer c SET status = CASE s.approval_policy WHEN 'MANUAL' THEN 'PENDING_APPROVAL' ELSE 'ACTIVE' END,
                               updated_at = now()
           FROM storefront s
          WHERE c.company_id = $1 AND c.status = 'PENDING_VERIFICATION' AND s.id = c.registered_storefront_id
         RETURNING c.id, c.status, c.brand_id)
       SELECT * FROM m`,
      [companyId],
    );
  }

  /** A re-check found the number not registered (or VIES refused it): the waiting accounts are rejected. */
  async invalidatedByRecheck(companyId: string, reason: string): Promise<MovedCustomerRow[]> {
    await this.unscoped(
      RECHECK_QUEUE,
      `UPDATE company SET vat_status = 'INVALID', vat_checked_at = now(), updated_at = now() WHERE id = $1`,
      [companyId],
    );
    return this.unscoped(
      RECHECK_QUEUE,
      `WITH m AS (UPDATE customer SET status = 'REJECTED', rejection_reason = $2, updated_at = now()
                   WHERE company_id = $1 AND status = 'PENDING_VERIFICATION' RETURNING id, status, brand_id)
       SELECT * FROM m`,
      [companyId, reason],
    );
  }
}
