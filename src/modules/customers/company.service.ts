import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { OutboxService } from '../events/outbox.service';
import { hashPassword } from '../identity/password.util';
import { generateSecret, hashSecret } from '../../../libs/secrets/src';
import type { CustomerStatus } from './customer.entity';
import { InputNormalizer, parseCompanyVat } from './customer-input.normalizer';
import type { AcceptCompanyInvitationInput, UpdateCompanyInput } from './graphql/customer.inputs';
import { VatVerificationService } from './vat-verification.service';

const INVITE_TTL_DAYS = 7;

/** Company accounts: the company ADMIN keeps the company's data and invites colleagues, who join as BUYER. */
@Injectable()
export class CompanyService {
  constructor(
    private readonly db: DatabaseService,
    private readonly outbox: OutboxService,
    private readonly vat: VatVerificationService,
  ) {}

  private async myCompany(
    ctx: RequestContext,
    adminOnly: boolean,
  ): Promise<{ companyId: string; country: string; vatNumber: string }> {
    const me = ctx.requireCustomer();
    const [row] = await this.db.query<{
      company_id: string | null;
      company_role: string | null;
      country: string;
      vat_number: string;
    }>(
      `SELECT c.company_id, c.company_role, co.country, co.vat_number FROM customer c LEFT JOIN company co ON co.id = c.company_id WHERE c.id = $1`,
      [me.id],
    );
    if (!row?.company_id) throw new DomainError('NOT_FOUND', 'You have no company account.');
    if (adminOnly && row.company_role !== 'ADMIN')
      throw new DomainError('FORBIDDEN', "Only the company's administrator may do this.");
    return { companyId: row.company_id, country: row.country.trim(), vatNumber: row.vat_number };
  }

  async update(ctx: RequestContext, input: UpdateCompanyInput): Promise<void> {
    const sf = ctx.requireStorefront();
    const { companyId, country, vatNumber: currentVat } = await this.myCompany(ctx, true);
    const n = new InputNormalizer();
    const name = input.name != null ? n.text('name', input.name, { required: true, max: 200 }) : null;
    const address = input.address ? n.address('address', input.address) : null;
    n.done();
    const vat = input.vatNumber != null ? parseCompanyVat(input.vatNumber, country, 'vatNumber') : null;
    const vatChanged = vat !== null && vat.normalized !== currentVat;
    const vies = vatChanged ? await this.vat.verifyOnline(vat, sf.brandId, 'vatNumber') : null;
    try {
      await this.db.transaction(async () => {
        if (name) await this.db.query(`UPDATE company SET name = $2, updated_at = now() WHERE id = $1`, [companyId, name]);
        if (address) {
          await this.db.query(
            `UPDATE company SET street = $2, house_number = $3, house_number_addition = $4, postal_code = $5, city = $6, address_country = $7,
                    address_full_name = $8, updated_at = now() WHERE id = $1`,
            [
              companyId,
              address.street,
              address.houseNumber,
              address.houseNumberAddition,
              address.postalCode,
              address.city,
              address.country,
              address.fullName,
            ],
          );
        }
        if (vatChanged && vies) {
          const valid = vies.kind === 'VALID' ? vies : null;
          await this.db.query(
            `UPDATE company SET vat_number = $2, vat_status = $3, vat_checked_at = $4, vat_consultation_number = $5, vat_registered_name = $6,
                    updated_at = now() WHERE id = $1`,
            [
              companyId,
              vat.normalized,
              valid ? 'VALID' : 'UNAVAILABLE_RETRYING',
              valid ? new Date() : null,
              valid?.consultationNumber ?? null,
              valid?.name ?? null,
            ],
          );
          await this.vat.recordCheck(sf.brandId, companyId, vat.normalized, vies);
          if (!valid) await this.vat.scheduleRecheck(companyId, 1, vies.kind === 'UNAVAILABLE' ? vies.reason : null);
        }
        await this.outbox.add({
          type: 'customer.updated',
          brandId: sf.brandId,
          aggregateId: ctx.requireCustomer().id,
          data: { customerId: ctx.requireCustomer().id, companyId, fields: ['company'] },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DomainError('COMPANY_ALREADY_REGISTERED', 'Another company in this shop has this VAT number.', {
          fieldErrors: [{ path: 'vatNumber', message: 'is already registered' }],
        });
      }
      throw e;
    }
  }

  /** Invites a colleague: the token reaches the e-mail software through the customer.invited event. */
  async invite(ctx: RequestContext, emailRaw: string): Promise<boolean> {
    const sf = ctx.requireStorefront();
    const me = ctx.requireCustomer();
    const { companyId } = await this.myCompany(ctx, true);
    const n = new InputNormalizer();
    const email = n.email('email', emailRaw);
    n.done();
    const [taken] = await this.db.query(`SELECT 1 FROM customer WHERE brand_id = $1 AND audience = $2 AND email = $3`, [
      sf.brandId,
      sf.audience,
      email,
    ]);
    if (taken) {
      throw new DomainError('EMAIL_ALREADY_REGISTERED', 'An account with this e-mail address already exists in this shop.', {
        fieldErrors: [{ path: 'email', message: 'is already registered' }],
      });
    }
    const token = generateSecret('cit');
    await this.db.transaction(async () => {
      const [t] = await this.db.query<{ expires_at: Date }>(
        `INSERT INTO customer_token (token_hash, brand_id, audience, company_id, customer_id, purpose, data, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'COMPANY_INVITE', $6::jsonb, now() + interval '${INVITE_TTL_DAYS} days') RETURNING expires_at`,
        [hashSecret(token), sf.brandId, sf.audience, companyId, me.id, JSON.stringify({ email })],
      );
      await this.outbox.add({
        type: 'customer.invited',
        brandId: sf.brandId,
        aggregateId: companyId,
        data: {
          companyId,
          invitedBy: me.id,
          email,
          token,
          expiresAt: new Date(t.expires_at).toISOString(),
          storefrontCode: sf.code,
        },
      });
    });
    return true;
  }

  /** Joins the inviting company as BUYER; active at once when the company is verified and its admin is active. */
  async accept(ctx: RequestContext, input: AcceptCompanyInvitationInput): Promise<string> {
    const sf = ctx.requireStorefront();
    const n = new InputNormalizer();
    const firstName = n.text('firstName', input.firstName, { required: true, max: 100 });
    const lastName = n.text('lastName', input.lastName, { required: true, max: 100 });
    const phone = n.phone('phone', input.phone, sf.country);
    n.done();
    const [t] = await this.db.query<{ company_id: string; data: { email: string }; admin_status: CustomerStatus }>(
      `SELECT t.company_id, t.data, a.status AS admin_status FROM customer_token t JOIN customer a ON a.id = t.customer_id
        WHERE t.token_hash = $1 AND t.purpose = 'COMPANY_INVITE' AND t.used_at IS NULL AND t.expires_at > now()
          AND t.brand_id = $2 AND t.audience = $3`,
      [hashSecret(input.token.slice(0, 200)), sf.brandId, sf.audience],
    );
    if (!t)
      throw new DomainError('BAD_USER_INPUT', 'The invitation is invalid or has expired.', {
        fieldErrors: [{ path: 'token', message: 'is invalid or expired' }],
      });
    const p = new InputNormalizer();
    p.password('password', input.password, t.data.email);
    p.done();
    const hash = await hashPassword(input.password);
    const id = uuidv7();
    const status: CustomerStatus = t.admin_status === 'ACTIVE' ? 'ACTIVE' : t.admin_status;
    try {
      await this.db.transaction(async () => {
        const [used] = await this.db.query(
          `WITH u AS (UPDATE customer_token SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL RETURNING 1) SELECT * FROM u`,
          [hashSecret(input.token)],
        );
        if (!used)
          throw new DomainError('BAD_USER_INPUT', 'The invitation was already used.', {
            fieldErrors: [{ path: 'token', message: 'was already used' }],
          });
        await this.db.query(
          `INSERT INTO customer (id, brand_id, audience, email, password_hash, first_name, last_name, phone, status, company_id, company_role, registered_storefront_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'BUYER', $11)`,
          [id, sf.brandId, sf.audience, t.data.email, hash, firstName, lastName, phone, status, t.company_id, sf.id],
        );
        await this.outbox.add({
          type: 'customer.registered',
          brandId: sf.brandId,
          aggregateId: id,
          data: {
            customerId: id,
            email: t.data.email,
            firstName,
            lastName,
            storefrontCode: sf.code,
            audience: sf.audience,
            status,
            companyId: t.company_id,
            invited: true,
          },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DomainError('EMAIL_ALREADY_REGISTERED', 'An account with this e-mail address already exists in this shop.');
      }
      throw e;
    }
    return id;
  }
}
