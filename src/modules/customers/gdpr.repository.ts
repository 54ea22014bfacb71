import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';
import { ownScope } from './customer.repository';

/** One exported record: column aliases are the export's field names. */
export type ExportRow = Record<string, unknown>;

/**
 * GDPR: everything held about one customer (export), and its erasure. The customer is the caller's own
 * (storefront: realm) or one of the admin's brands; every statement carries that scope.
 */
@Injectable()
export class GdprRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  async profile(ctx: RequestContext, customerId: string): Promise<ExportRow | null> {
    const p = this.params(ctx);
    const [row] = await this.run<ExportRow>(
      p,
      `SELECT c.id, b.code AS "brandCode", c.audience, c.email, c.first_name AS "firstName", c.last_name AS "lastName", c.phone, c.status,
              c.rejection_reason AS "rejectionReason", c.company_role AS "companyRole", s.code AS "registeredAt", c.created_at AS "createdAt",
              c.updated_at AS "updatedAt"
         FROM customer c JOIN brand b ON b.id = c.brand_id JOIN storefront s ON s.id = c.registered_storefront_id
        WHERE c.id = ${p.add(customerId)} AND ${ownScope(p, 'c.brand_id', 'c.audience')}`,
    );
    return row ?? null;
  }

  addresses(ctx: RequestContext, customerId: string): Promise<ExportRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT id, full_name AS "fullName", street, house_number AS "houseNumber", house_number_addition AS "houseNumberAddition",
              postal_code AS "postalCode", city, country, default_shipping AS "defaultShipping", default_billing AS "defaultBilling",
              created_at AS "createdAt", updated_at AS "updatedAt"
         FROM address WHERE customer_id = ${p.add(customerId)} AND ${p.brand('brand_id')} ORDER BY created_at`,
    );
  }

  async company(ctx: RequestContext, customerId: string): Promise<ExportRow | null> {
    const p = this.params(ctx);
    const [row] = await this.run<ExportRow>(
      p,
      `SELECT co.id, co.name, co.country, co.vat_number AS "vatNumber", co.kvk_number AS "kvkNumber", co.street, co.house_number AS "houseNumber",
              co.house_number_addition AS "houseNumberAddition", co.postal_code AS "postalCode", co.city, co.address_country AS "addressCountry",
              co.vat_status AS "vatStatus", co.vat_checked_at AS "vatCheckedAt", co.vat_consultation_number AS "vatConsultationNumber",
              co.vat_registered_name AS "vatRegisteredName"
         FROM customer c JOIN company co ON co.id = c.company_id WHERE c.id = ${p.add(customerId)} AND ${ownScope(p, 'c.brand_id', 'c.audience')}`,
    );
    return row ?? null;
  }

  verificationResults(ctx: RequestContext, customerId: string): Promise<ExportRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT v.vat_number AS "vatNumber", v.outcome, v.consultation_number AS "consultationNumber", v.registered_name AS "registeredName",
              v.checked_at AS "checkedAt"
         FROM customer c JOIN vat_check v ON v.company_id = c.company_id
        WHERE c.id = ${p.add(customerId)} AND ${ownScope(p, 'c.brand_id', 'c.audience')} ORDER BY v.checked_at`,
    );
  }

  consents(ctx: RequestContext, customerId: string): Promise<ExportRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT purpose, granted, text_version AS "textVersion", updated_at AS "updatedAt"
         FROM consent WHERE customer_id = ${p.add(customerId)} AND ${p.brand('brand_id')} ORDER BY purpose`,
    );
  }

  consentHistory(ctx: RequestContext, customerId: string): Promise<ExportRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT h.purpose, h.granted, h.text_version AS "textVersion", s.code AS "storefrontCode", h.recorded_at AS "recordedAt"
         FROM consent_history h JOIN storefront s ON s.id = h.storefront_id
        WHERE h.customer_id = ${p.add(customerId)} AND ${p.brand('h.brand_id')} ORDER BY h.recorded_at, h.id`,
    );
  }

  sessions(ctx: RequestContext, customerId: string): Promise<ExportRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT id, created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
              revoked_reason AS "revokedReason", ip, user_agent AS "userAgent"
         FROM customer_session WHERE customer_id = ${p.add(customerId)} AND ${ownScope(p, 'brand_id', 'audience')} ORDER BY created_at`,
    );
  }

  /** Locks a live (not yet erased) customer for erasure. */
  async lockForErasure(
    ctx: RequestContext,
    customerId: string,
  ): Promise<{ brand_id: string; company_id: string | null } | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<{ brand_id: string; company_id: string | null }>(
      p,
      `SELECT brand_id, company_id FROM customer
        WHERE id = ${p.add(customerId)} AND erased_at IS NULL AND ${ownScope(p, 'brand_id', 'audience')} FOR UPDATE`,
    );
    return row;
  }

  /**
   * Erasure: deletes the customer's rows of every personal table (one statement each), then blanks the
   * personal columns of the account row, which stays as an anonymous tombstone.
   */
  async erase(ctx: RequestContext, customerId: string): Promise<void> {
    const tables: [table: string, audienceColumn: string | null][] = [
      ['address', null],
      ['consent', null],
      ['consent_history', null],
      ['customer_token', 'audience'],
      ['customer_session', 'audience'],
    ];
    for (const [table, audience] of tables) {
      const p = this.params(ctx);
      const scope = audience ? ownScope(p, 'brand_id', audience) : p.brand('brand_id');
      await this.run(p, `DELETE FROM ${table} WHERE customer_id = ${p.add(customerId)} AND ${scope}`);
    }
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer SET email = NULL, password_hash = NULL, first_name = NULL, last_name = NULL, phone = NULL, rejection_reason = NULL,
              company_id = NULL, company_role = NULL, erased_at = now(), updated_at = now()
        WHERE id = ${p.add(customerId)} AND ${ownScope(p, 'brand_id', 'audience')}`,
    );
  }

  /** Accounts (erased ones no longer count: erasure unlinks them) that belong to the company. */
  async companyMembers(ctx: RequestContext, companyId: string): Promise<number> {
    const p = this.params(ctx);
    const [members] = await this.run<{ n: string }>(
      p,
      `SELECT count(*) AS n FROM customer WHERE company_id = ${p.add(companyId)} AND ${p.brand('brand_id')}`,
    );
    return Number(members.n);
  }

  /** Deletes a company (its invitations first; its verification evidence goes by cascade). */
  async eraseCompany(ctx: RequestContext, companyId: string): Promise<void> {
    const t = this.params(ctx);
    await this.run(t, `DELETE FROM customer_token WHERE company_id = ${t.add(companyId)} AND ${t.brand('brand_id')}`);
    const p = this.params(ctx);
    await this.run(p, `DELETE FROM company WHERE id = ${p.add(companyId)} AND ${p.brand('brand_id')}`);
  }

  /** Earlier events about the customer carried personal data: their payloads become `{ customerId, erased: true }`. */
  async scrubEvents(ctx: RequestContext, customerId: string): Promise<void> {
    const p = this.params(ctx);
    const id = p.add(customerId);
    await this.run(
      p,
      `UPDATE outbox_event SET payload = jsonb_build_object('customerId', ${id}::text, 'erased', true)
        WHERE aggregate_id = ${id} AND type LIKE 'customer.%' AND ${p.brand('brand_id')}`,
    );
  }
}
