import { Injectable, type OnModuleInit } from '@nestjs/common';
import { postal } from './address';
import { DomainError } from '../../../libs/errors/src';
import { hashSecret } from '../../../libs/secrets/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { CustomerAuthService, type Session } from '../customers/customer-auth.service';
import { CustomerDataHooks } from '../customers/customer-data-hooks';
import type { AddressData } from '../customers/customer-input.normalizer';
import { RegistrationService } from '../customers/registration.service';
import type { AddressJson } from './cart.repository';
import { OrderAccountRepository } from './order-account.repository';
import { OrderRepository } from './order.repository';
import { toOrderView } from './order-view';

const notFound = () =>
  new DomainError('NOT_FOUND', 'No order with this number and link, or the link was already used.', {
    fieldErrors: [{ path: 'token', message: 'is unknown or used' }],
  });

/**
 * Orders and the buyer's account: an account made from a guest order (registerFromOrder), guest orders joining an
 * existing account at its next login, and orders in the GDPR export and erasure (registered in CustomerDataHooks,
 * since customers must not import orders).
 */
@Injectable()
export class OrderAccountsService implements OnModuleInit {
  constructor(
    private readonly db: DatabaseService,
    private readonly repo: OrderAccountRepository,
    private readonly orders: OrderRepository,
    private readonly registration: RegistrationService,
    private readonly auth: CustomerAuthService,
    private readonly hooks: CustomerDataHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.registerPart({
      name: 'orders',
      export: (ctx, customerId) => this.exportOrders(ctx, customerId),
      erase: (ctx, customerId) => this.eraseOrders(ctx, customerId),
    });
    this.hooks.onLogin((ctx, customerId) => this.repo.claimLinked(ctx, customerId));
  }

  /**
   * A guest's order becomes an account: the token from `order.placed` (single use), the order's name, e-mail, phone
   * and addresses. When the e-mail already has an account, the order joins it at its next login and the answer is
   * EMAIL_ALREADY_REGISTERED (the token is spent either way).
   */
  async registerFromOrder(ctx: RequestContext, number: string, token: string, password: string, ip: string): Promise<Session> {
    const sf = ctx.requireStorefront();
    if (sf.audience === 'B2B') {
      throw new DomainError('BAD_USER_INPUT', 'B2B storefronts take no guest orders: register with your company instead.');
    }
    if (number.length > 80 || token.length > 200) throw notFound();
    const tokenHash = hashSecret(token);
    const seen = await this.repo.guestOrder(ctx, number, tokenHash, { lock: false });
    if (!seen) throw notFound();
    const passwordHash = await this.registration.checkedPasswordHash(password, seen.email);
    const result = await this.db.transaction(async (): Promise<{ error: DomainError } | { customerId: string }> => {
      const o = await this.repo.guestOrder(ctx, number, tokenHash, { lock: true });
      if (!o) return { error: notFound() };
      const existing = await this.registration.accountWithEmail(ctx, o.email);
      if (existing) {
        await this.repo.link(ctx, o.id, existing, 'at-login');
        return {
          error: new DomainError(
            'EMAIL_ALREADY_REGISTERED',
            'An account with this e-mail address already exists: log in, and the order will appear in your account.',
            { fieldErrors: [{ path: 'email', message: 'is already registered' }] },
          ),
        };
      }
      const customerId = await this.registration.createFromCheckedData(ctx, {
        email: o.email,
        passwordHash,
        firstName: o.first_name,
        lastName: o.last_name,
        phone: o.phone,
        addresses: savedAddresses(o.shipping_address, o.billing_address),
      });
      await this.repo.link(ctx, o.id, customerId, 'now');
      return { customerId };
    });
    // The link to an existing account must stick even though the caller gets an error.
    if ('error' in result) throw result.error;
    return this.auth.startSession(ctx, result.customerId, ip);
  }

  private async exportOrders(ctx: RequestContext, customerId: string): Promise<unknown[]> {
    const ids = await this.repo.orderIds(ctx, customerId);
    if (!ids.length) return [];
    const rows = await this.orders.exportViews(ctx, ids);
    return rows.map(toOrderView);
  }

  private async eraseOrders(ctx: RequestContext, customerId: string): Promise<void> {
    const ids = await this.repo.orderIds(ctx, customerId);
    await this.repo.eraseOrders(ctx, customerId);
    await this.repo.scrubOrderEvents(ctx, ids);
    await this.repo.deleteCarts(ctx, customerId);
  }
}

/** The order's shipping address (default shipping) and, when different, its billing address (default billing). */
function savedAddresses(shipping: AddressJson | null, billing: AddressJson | null): AddressData[] {
  const data = (a: AddressJson, defaultShipping: boolean, defaultBilling: boolean): AddressData => ({
    ...postal(a),
    defaultShipping,
    defaultBilling,
  });
  const same = (a: AddressJson, b: AddressJson) =>
    (['fullName', 'street', 'houseNumber', 'houseNumberAddition', 'postalCode', 'city', 'country'] as const).every(
      (k) => (a[k] ?? null) === (b[k] ?? null),
    );
  if (!shipping) return billing ? [data(billing, false, true)] : [];
  if (!billing || same(shipping, billing)) return [data(shipping, true, true)];
  return [data(shipping, true, false), data(billing, false, true)];
}
