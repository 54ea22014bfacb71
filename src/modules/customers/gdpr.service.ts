import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { DomainError } from '../../../libs/errors/src';
import { CustomerAuthService } from './customer-auth.service';

/**
 * GDPR: the export of everything held about a customer, and erasure (art. 17): personal data removed from
 * every table, sessions revoked, the e-mail address free again, `customer.erased` emitted so downstream
 * systems erase too. The account row stays as an anonymous tombstone (id, brand, status) for integrity.
 */
@Injectable()
export class GdprService {
  constructor(
    private readonly db: DatabaseService,
    private readonly outbox: OutboxService,
    private readonly auth: CustomerAuthService,
  ) {}

  async export(ctx: RequestContext): Promise<Record<string, unknown>> {
    const id = ctx.requireCustomer().id;
    const one = async (sql: string) => (await this.db.query<Record<string, unknown>>(sql, [id]))[0] ?? null;
    const many = (sql: string) => this.db.query<Record<string, unknown>>(sql, [id]);
    const profile = await one(
      `SELECT c.id, b.code AS "brandCode", c.audience, c.email, c.first_name AS "firstName", c.last_name AS "lastName", c.phone, c.status,
              c.rejection_reason AS "rejectionReason", c.company_role AS "companyRole", s.code AS "registeredAt", c.created_at AS "createdAt",
              c.updated_at AS "updatedAt"
         FROM customer c JOIN brand b ON b.id = c.brand_id JOIN storefront s ON s.id = c.registered_storefront_id WHERE c.id = $1`,
    );
    return {
      format: 'storefront-hub.customer-export.v1',
      exportedAt: new Date().toISOString(),
      profile,
      addresses: await many(
        `SELECT id, full_name AS "fullName", street, house_number AS "houseNumber", house_number_addition AS "houseNumberAddition",
                postal_code AS "postalCode", city, country, default_shipping AS "defaultShipping", default_billing AS "defaultBilling",
                created_at AS "createdAt", updated_at AS "updatedAt" FROM address WHERE customer_id = $1 ORDER BY created_at`,
      ),
      company: await one(
        `SELECT co.id, co.name, co.country, co.vat_number AS "vatNumber", co.kvk_number AS "kvkNumber", co.street, co.house_number AS "houseNumber",
                co.house_number_addition AS "houseNumberAddition", co.postal_code AS "postalCode", co.city, co.address_country AS "addressCountry",
                co.vat_status AS "vatStatus", co.vat_checked_at AS "vatCheckedAt", co.vat_consultation_number AS "vatConsultationNumber",
                co.vat_registered_name AS "vatRegisteredName"
           FROM customer c JOIN company co ON co.id = c.company_id WHERE c.id = $1`,
      ),
      verificationResults: await many(
        `SELECT v.vat_number AS "vatNumber", v.outcome, v.consultation_number AS "consultationNumber", v.registered_name AS "registeredName",
                v.checked_at AS "checkedAt"
           FROM customer c JOIN vat_check v ON v.company_id = c.company_id WHERE c.id = $1 ORDER BY v.checked_at`,
      ),
      consents: await many(
        `SELECT purpose, granted, text_version AS "textVersion", updated_at AS "updatedAt" FROM consent WHERE customer_id = $1 ORDER BY purpose`,
      ),
      consentHistory: await many(
        `SELECT h.purpose, h.granted, h.text_version AS "textVersion", s.code AS "storefrontCode", h.recorded_at AS "recordedAt"
           FROM consent_history h JOIN storefront s ON s.id = h.storefront_id WHERE h.customer_id = $1 ORDER BY h.recorded_at, h.id`,
      ),
      sessions: await many(
        `SELECT id, created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
                revoked_reason AS "revokedReason", ip, user_agent AS "userAgent" FROM customer_session WHERE customer_id = $1 ORDER BY created_at`,
      ),
      orders: [],
    };
  }

  async deleteMyAccount(ctx: RequestContext, password: string): Promise<boolean> {
    const me = ctx.requireCustomer();
    await this.auth.requireCurrentPassword(me.id, password, 'password');
    await this.erase(me.id, 'customer');
    return true;
  }

  /** Erases a customer (the caller checked ownership / brand). */
  async erase(customerId: string, by: 'customer' | 'admin'): Promise<void> {
    await this.db.transaction(async () => {
      const [c] = await this.db.query<{ brand_id: string; company_id: string | null }>(
        `SELECT brand_id, company_id FROM customer WHERE id = $1 AND erased_at IS NULL FOR UPDATE`,
        [customerId],
      );
      if (!c) throw new DomainError('NOT_FOUND', 'Customer was not found.');
      for (const sql of [
        `DELETE FROM address WHERE customer_id = $1`,
        `DELETE FROM consent WHERE customer_id = $1`,
        `DELETE FROM consent_history WHERE customer_id = $1`,
        `DELETE FROM customer_token WHERE customer_id = $1`,
        `DELETE FROM customer_session WHERE customer_id = $1`,
      ]) {
        await this.db.query(sql, [customerId]);
      }
      await this.db.query(
        `UPDATE customer SET email = NULL, password_hash = NULL, first_name = NULL, last_name = NULL, phone = NULL, rejection_reason = NULL,
                company_id = NULL, company_role = NULL, erased_at = now(), updated_at = now() WHERE id = $1`,
        [customerId],
      );
      // A company left without members is personal data too (sole proprietors): it goes with its verification evidence.
      if (c.company_id) {
        const [members] = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM customer WHERE company_id = $1`, [
          c.company_id,
        ]);
        if (Number(members.n) === 0) {
          await this.db.query(`DELETE FROM customer_token WHERE company_id = $1`, [c.company_id]);
          await this.db.query(`DELETE FROM company WHERE id = $1`, [c.company_id]);
        }
      }
      // Earlier events about this customer carried personal data (e.g. the welcome mail's name and address): scrub them.
      await this.db.query(
        `UPDATE outbox_event SET payload = jsonb_build_object('customerId', $1::text, 'erased', true) WHERE aggregate_id = $1 AND type LIKE 'customer.%'`,
        [customerId],
      );
      await this.outbox.add({ type: 'customer.erased', brandId: c.brand_id, aggregateId: customerId, data: { customerId, by } });
    });
    await this.auth.revokeAllSessions(customerId, 'erased');
  }
}
