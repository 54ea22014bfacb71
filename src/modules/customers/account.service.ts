import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError } from '../../../libs/errors/src';
import { checkPassword } from '../../../libs/passwords/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { OutboxService } from '../events/outbox.service';
import { assertPasswordLength, hashPassword } from '../identity/password.util';
import { generateSecret, hashSecret } from '../../../libs/secrets/src';
import { CustomerAuthService } from './customer-auth.service';
import { type AddressData, InputNormalizer } from './customer-input.normalizer';
import type { AddressInput, UpdateProfileInput } from './graphql/customer.inputs';

const EMAIL_CHANGE_TTL_HOURS = 24;
const MAX_ADDRESSES = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The address columns in table order: full_name … default_billing. */
const addressValues = (a: AddressData) => [
  a.fullName,
  a.street,
  a.houseNumber,
  a.houseNumberAddition,
  a.postalCode,
  a.city,
  a.country,
  a.defaultShipping,
  a.defaultBilling,
];

/**
 * "My account": the customer changes their own data (ownership from the session, never from arguments;
 * another customer's address id is NOT_FOUND). Every change emits customer.updated in its transaction.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly db: DatabaseService,
    private readonly outbox: OutboxService,
    private readonly auth: CustomerAuthService,
  ) {}

  private updated(ctx: RequestContext, customerId: string, fields: string[]): Promise<string> {
    return this.outbox.add({
      type: 'customer.updated',
      brandId: ctx.requireStorefront().brandId,
      aggregateId: customerId,
      data: { customerId, fields },
    });
  }

  async updateProfile(ctx: RequestContext, input: UpdateProfileInput): Promise<void> {
    const me = ctx.requireCustomer();
    const sf = ctx.requireStorefront();
    const n = new InputNormalizer();
    const patch: Record<string, string | null> = {};
    if (input.firstName != null) patch.first_name = n.text('firstName', input.firstName, { required: true, max: 100 });
    if (input.lastName != null) patch.last_name = n.text('lastName', input.lastName, { required: true, max: 100 });
    if (input.phone != null) patch.phone = input.phone.trim() === '' ? null : n.phone('phone', input.phone, sf.country);
    n.done();
    const cols = Object.keys(patch);
    if (!cols.length) return;
    await this.db.transaction(async () => {
      await this.db.query(
        `UPDATE customer SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [me.id, ...cols.map((c) => patch[c])],
      );
      await this.updated(
        ctx,
        me.id,
        cols.map((c) => c.replace(/_(\w)/g, (_m, l: string) => l.toUpperCase())),
      );
    });
  }

  private normalizeAddress(input: AddressInput): AddressData {
    const n = new InputNormalizer();
    const a = n.address('', input);
    n.done();
    return a;
  }

  /** Exactly one default shipping and one default billing address: setting one clears the other's flag. */
  private async clearDefaults(customerId: string, a: AddressData, except: string): Promise<void> {
    if (a.defaultShipping)
      await this.db.query(`UPDATE address SET default_shipping = false WHERE customer_id = $1 AND id <> $2`, [
        customerId,
        except,
      ]);
    if (a.defaultBilling)
      await this.db.query(`UPDATE address SET default_billing = false WHERE customer_id = $1 AND id <> $2`, [customerId, except]);
  }

  async addAddress(ctx: RequestContext, input: AddressInput): Promise<string> {
    const me = ctx.requireCustomer();
    const a = this.normalizeAddress(input);
    const id = uuidv7();
    await this.db.transaction(async () => {
      const [{ n }] = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM address WHERE customer_id = $1`, [me.id]);
      if (Number(n) >= MAX_ADDRESSES) throw badInput([{ path: 'input', message: `at most ${MAX_ADDRESSES} addresses` }]);
      // The first address becomes the default for both unless told otherwise.
      if (Number(n) === 0) {
        a.defaultShipping = input.defaultShipping ?? true;
        a.defaultBilling = input.defaultBilling ?? true;
      }
      await this.clearDefaults(me.id, a, id);
      await this.db.query(
        `INSERT INTO address (id, brand_id, customer_id, full_name, street, house_number, house_number_addition, postal_code, city, country,
                              default_shipping, default_billing)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, ctx.requireStorefront().brandId, me.id, ...addressValues(a)],
      );
      await this.updated(ctx, me.id, ['addresses']);
    });
    return id;
  }

  async updateAddress(ctx: RequestContext, id: string, input: AddressInput): Promise<string> {
    const me = ctx.requireCustomer();
    const a = this.normalizeAddress(input);
    await this.db.transaction(async () => {
      await this.requireOwnAddress(me.id, id);
      await this.clearDefaults(me.id, a, id);
      await this.db.query(
        `UPDATE address SET full_name = $3, street = $4, house_number = $5, house_number_addition = $6, postal_code = $7, city = $8,
                country = $9, default_shipping = $10, default_billing = $11, updated_at = now()
          WHERE id = $1 AND customer_id = $2`,
        [id, me.id, ...addressValues(a)],
      );
      await this.updated(ctx, me.id, ['addresses']);
    });
    return id;
  }

  async removeAddress(ctx: RequestContext, id: string): Promise<boolean> {
    const me = ctx.requireCustomer();
    await this.db.transaction(async () => {
      await this.requireOwnAddress(me.id, id);
      await this.db.query(`DELETE FROM address WHERE id = $1 AND customer_id = $2`, [id, me.id]);
      await this.updated(ctx, me.id, ['addresses']);
    });
    return true;
  }

  private async requireOwnAddress(customerId: string, id: string): Promise<void> {
    const [row] = UUID.test(id)
      ? await this.db.query(`SELECT 1 FROM address WHERE id = $1 AND customer_id = $2 FOR UPDATE`, [id, customerId])
      : [];
    if (!row) throw new DomainError('NOT_FOUND', 'Address was not found.');
  }

  /** Ends every other session of the customer. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<boolean> {
    const me = ctx.requireCustomer();
    assertPasswordLength('newPassword', newPassword);
    const { email } = await this.auth.requireCurrentPassword(me.id, currentPassword, 'currentPassword');
    const policy = checkPassword(newPassword, { email });
    if (!policy.ok) throw badInput([{ path: 'newPassword', message: policy.message }]);
    const hash = await hashPassword(newPassword);
    await this.db.transaction(async () => {
      await this.db.query(`UPDATE customer SET password_hash = $2, updated_at = now() WHERE id = $1`, [me.id, hash]);
      await this.auth.revokeAllSessions(me.id, 'password changed', me.sessionId);
      await this.updated(ctx, me.id, ['password']);
    });
    return true;
  }

  /** Sends a single-use, expiring confirmation token to the new address (via customer.email_change_requested). */
  async requestEmailChange(ctx: RequestContext, newEmailRaw: string, password: string): Promise<boolean> {
    const me = ctx.requireCustomer();
    const sf = ctx.requireStorefront();
    const n = new InputNormalizer();
    const newEmail = n.email('newEmail', newEmailRaw);
    n.done();
    await this.auth.requireCurrentPassword(me.id, password, 'password');
    await this.assertEmailFree(sf.brandId, sf.audience, newEmail, me.id);
    const token = generateSecret('ect');
    await this.db.transaction(async () => {
      const [t] = await this.db.query<{ expires_at: Date }>(
        `INSERT INTO customer_token (token_hash, brand_id, audience, customer_id, purpose, data, expires_at)
         VALUES ($1, $2, $3, $4, 'EMAIL_CHANGE', $5::jsonb, now() + interval '${EMAIL_CHANGE_TTL_HOURS} hours') RETURNING expires_at`,
        [hashSecret(token), sf.brandId, sf.audience, me.id, JSON.stringify({ newEmail })],
      );
      await this.outbox.add({
        type: 'customer.email_change_requested',
        brandId: sf.brandId,
        aggregateId: me.id,
        data: { customerId: me.id, newEmail, token, expiresAt: new Date(t.expires_at).toISOString(), storefrontCode: sf.code },
      });
    });
    return true;
  }

  private async assertEmailFree(brandId: string, audience: string, email: string, self: string): Promise<void> {
    const [taken] = await this.db.query(
      `SELECT 1 FROM customer WHERE brand_id = $1 AND audience = $2 AND email = $3 AND id <> $4`,
      [brandId, audience, email, self],
    );
    if (taken) {
      throw new DomainError('EMAIL_ALREADY_REGISTERED', 'Another account uses this e-mail address.', {
        fieldErrors: [{ path: 'newEmail', message: 'is already registered' }],
      });
    }
  }

  /** Confirms with the token from the e-mail; the old address worked until now. Needs no session (the link may open anywhere). */
  async confirmEmailChange(ctx: RequestContext, token: string): Promise<string> {
    const sf = ctx.requireStorefront();
    return this.db.transaction(async () => {
      const [t] = await this.db.query<{ customer_id: string; data: { newEmail: string } }>(
        `SELECT customer_id, data FROM customer_token WHERE token_hash = $1 AND purpose = 'EMAIL_CHANGE' AND used_at IS NULL
            AND expires_at > now() AND brand_id = $2 AND audience = $3 FOR UPDATE`,
        [hashSecret(token.slice(0, 200)), sf.brandId, sf.audience],
      );
      if (!t) throw badInput([{ path: 'token', message: 'is invalid or expired' }]);
      await this.assertEmailFree(sf.brandId, sf.audience, t.data.newEmail, t.customer_id);
      await this.db.query(`UPDATE customer_token SET used_at = now() WHERE token_hash = $1`, [hashSecret(token)]);
      // Other pending e-mail changes of this customer are void now.
      await this.db.query(
        `UPDATE customer_token SET used_at = now() WHERE customer_id = $1 AND purpose = 'EMAIL_CHANGE' AND used_at IS NULL`,
        [t.customer_id],
      );
      try {
        await this.db.query(`UPDATE customer SET email = $2, updated_at = now() WHERE id = $1 AND erased_at IS NULL`, [
          t.customer_id,
          t.data.newEmail,
        ]);
      } catch (e) {
        if (isUniqueViolation(e)) throw new DomainError('EMAIL_ALREADY_REGISTERED', 'Another account uses this e-mail address.');
        throw e;
      }
      await this.outbox.add({
        type: 'customer.updated',
        brandId: sf.brandId,
        aggregateId: t.customer_id,
        data: { customerId: t.customer_id, fields: ['email'] },
      });
      return t.customer_id;
    });
  }
}
