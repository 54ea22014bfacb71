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
import { CustomerRepository, type ProfilePatch } from './customer.repository';
import { type AddressData, InputNormalizer } from './customer-input.normalizer';
import type { AddressInput, UpdateProfileInput } from './graphql/customer.inputs';
import { SessionRepository } from './session.repository';

const EMAIL_CHANGE_TTL_HOURS = 24;
const MAX_ADDRESSES = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "My account": the customer changes their own data (ownership from the session, never from arguments;
 * another customer's address id is NOT_FOUND). Every change emits customer.updated in its transaction.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly db: DatabaseService,
    private readonly customers: CustomerRepository,
    private readonly sessions: SessionRepository,
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
    const patch: ProfilePatch = {};
    if (input.firstName != null) patch.first_name = n.text('firstName', input.firstName, { required: true, max: 100 });
    if (input.lastName != null) patch.last_name = n.text('lastName', input.lastName, { required: true, max: 100 });
    if (input.phone != null) patch.phone = input.phone.trim() === '' ? null : n.phone('phone', input.phone, sf.country);
    n.done();
    const cols = Object.keys(patch);
    if (!cols.length) return;
    await this.db.transaction(async () => {
      await this.customers.updateProfile(ctx, me.id, patch);
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
  private async clearDefaults(ctx: RequestContext, customerId: string, a: AddressData, except: string): Promise<void> {
    if (a.defaultShipping) await this.customers.clearDefault(ctx, 'default_shipping', customerId, except);
    if (a.defaultBilling) await this.customers.clearDefault(ctx, 'default_billing', customerId, except);
  }

  async addAddress(ctx: RequestContext, input: AddressInput): Promise<string> {
    const me = ctx.requireCustomer();
    const a = this.normalizeAddress(input);
    const id = uuidv7();
    await this.db.transaction(async () => {
      const n = await this.customers.countAddresses(ctx, me.id);
      if (n >= MAX_ADDRESSES) throw badInput([{ path: 'input', message: `at most ${MAX_ADDRESSES} addresses` }]);
      // The first address becomes the default for both unless told otherwise.
      if (n === 0) {
        a.defaultShipping = input.defaultShipping ?? true;
        a.defaultBilling = input.defaultBilling ?? true;
      }
      await this.clearDefaults(ctx, me.id, a, id);
      await this.customers.insertAddress(ctx, id, me.id, a);
      await this.updated(ctx, me.id, ['addresses']);
    });
    return id;
  }

  async updateAddress(ctx: RequestContext, id: string, input: AddressInput): Promise<string> {
    const me = ctx.requireCustomer();
    const a = this.normalizeAddress(input);
    await this.db.transaction(async () => {
      await this.requireOwnAddress(ctx, me.id, id);
      await this.clearDefaults(ctx, me.id, a, id);
      await this.customers.updateAddress(ctx, id, me.id, a);
      await this.updated(ctx, me.id, ['addresses']);
    });
    return id;
  }

  async removeAddress(ctx: RequestContext, id: string): Promise<boolean> {
    const me = ctx.requireCustomer();
    await this.db.transaction(async () => {
      await this.requireOwnAddress(ctx, me.id, id);
      await this.customers.deleteAddress(ctx, id, me.id);
      await this.updated(ctx, me.id, ['addresses']);
    });
    return true;
  }

  private async requireOwnAddress(ctx: RequestContext, customerId: string, id: string): Promise<void> {
    const own = UUID.test(id) && (await this.customers.lockOwnAddress(ctx, id, customerId));
    if (!own) throw new DomainError('NOT_FOUND', 'Address was not found.');
  }

  /** Ends every other session of the customer. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<boolean> {
    const me = ctx.requireCustomer();
    assertPasswordLength('newPassword', newPassword);
    const { email } = await this.auth.requireCurrentPassword(ctx, currentPassword, 'currentPassword');
    const policy = checkPassword(newPassword, { email });
    if (!policy.ok) throw badInput([{ path: 'newPassword', message: policy.message }]);
    const hash = await hashPassword(newPassword);
    await this.db.transaction(async () => {
      await this.customers.setPassword(ctx, me.id, hash);
      await this.auth.revokeAllSessions(ctx, me.id, 'password changed', me.sessionId);
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
    await this.auth.requireCurrentPassword(ctx, password, 'password');
    await this.assertEmailFree(ctx, newEmail, me.id);
    const token = generateSecret('ect');
    await this.db.transaction(async () => {
      const expiresAt = await this.sessions.addEmailChangeToken(ctx, hashSecret(token), me.id, newEmail, EMAIL_CHANGE_TTL_HOURS);
      await this.outbox.add({
        type: 'customer.email_change_requested',
        brandId: sf.brandId,
        aggregateId: me.id,
        data: { customerId: me.id, newEmail, token, expiresAt: new Date(expiresAt).toISOString(), storefrontCode: sf.code },
      });
    });
    return true;
  }

  private async assertEmailFree(ctx: RequestContext, email: string, self: string): Promise<void> {
    if (await this.customers.emailTakenByOther(ctx, email, self)) {
      throw new DomainError('EMAIL_ALREADY_REGISTERED', 'Another account uses this e-mail address.', {
        fieldErrors: [{ path: 'newEmail', message: 'is already registered' }],
      });
    }
  }

  /** Confirms with the token from the e-mail; the old address worked until now. Needs no session (the link may open anywhere). */
  async confirmEmailChange(ctx: RequestContext, token: string): Promise<string> {
    const sf = ctx.requireStorefront();
    return this.db.transaction(async () => {
      const t = await this.sessions.lockEmailChangeToken(ctx, hashSecret(token.slice(0, 200)));
      if (!t) throw badInput([{ path: 'token', message: 'is invalid or expired' }]);
      await this.assertEmailFree(ctx, t.data.newEmail, t.customer_id);
      await this.sessions.useToken(ctx, hashSecret(token));
      // Other pending e-mail changes of this customer are void now.
      await this.sessions.voidEmailChanges(ctx, t.customer_id);
      try {
        await this.customers.setEmail(ctx, t.customer_id, t.data.newEmail);
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
