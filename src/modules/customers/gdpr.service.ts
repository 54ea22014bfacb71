import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { DomainError } from '../../../libs/errors/src';
import { CustomerAuthService } from './customer-auth.service';
import { CustomerDataHooks } from './customer-data-hooks';
import { GdprRepository } from './gdpr.repository';

/**
 * GDPR: the export of everything held about a customer, and erasure (art. 17): personal data removed from
 * every table, sessions revoked, the e-mail address free again, `customer.erased` emitted so downstream
 * systems erase too. Data of other modules (orders, carts) goes through CustomerDataHooks. The account row stays as an anonymous tombstone (id, brand, status) for integrity.
 */
@Injectable()
export class GdprService {
  constructor(
    private readonly db: DatabaseService,
    private readonly gdpr: GdprRepository,
    private readonly outbox: OutboxService,
    private readonly auth: CustomerAuthService,
    private readonly hooks: CustomerDataHooks,
  ) {}

  async export(ctx: RequestContext): Promise<Record<string, unknown>> {
    const id = ctx.requireCustomer().id;
    const profile = await this.gdpr.profile(ctx, id);
    return {
      format: 'storefront-hub.customer-export.v1',
      exportedAt: new Date().toISOString(),
      profile,
      addresses: await this.gdpr.addresses(ctx, id),
      company: await this.gdpr.company(ctx, id),
      verificationResults: await this.gdpr.verificationResults(ctx, id),
      consents: await this.gdpr.consents(ctx, id),
      consentHistory: await this.gdpr.consentHistory(ctx, id),
      sessions: await this.gdpr.sessions(ctx, id),
      orders: [],
      // Data other modules keep (orders): registered in CustomerDataHooks.
      ...(await this.hooks.exportAll(ctx, id)),
    };
  }

  async deleteMyAccount(ctx: RequestContext, password: string): Promise<boolean> {
    const me = ctx.requireCustomer();
    await this.auth.requireCurrentPassword(ctx, password, 'password');
    await this.erase(ctx, me.id, 'customer');
    return true;
  }

  /** Erases a customer: the caller's own account, or one of the admin's brands (the caller checked which). */
  async erase(ctx: RequestContext, customerId: string, by: 'customer' | 'admin'): Promise<void> {
    await this.db.transaction(async () => {
      const c = await this.gdpr.lockForErasure(ctx, customerId);
      if (!c) throw new DomainError('NOT_FOUND', 'Customer was not found.');
      // Other modules first (orders keep what tax law requires, carts go), while the account still has its e-mail.
      await this.hooks.eraseAll(ctx, customerId);
      await this.gdpr.erase(ctx, customerId);
      // A company left without members is personal data too (sole proprietors): it goes with its verification evidence.
      if (c.company_id && (await this.gdpr.companyMembers(ctx, c.company_id)) === 0) {
        await this.gdpr.eraseCompany(ctx, c.company_id);
      }
      // Earlier events about this customer carried personal data (e.g. the welcome mail's name and address): scrub them.
      await this.gdpr.scrubEvents(ctx, customerId);
      await this.outbox.add({ type: 'customer.erased', brandId: c.brand_id, aggregateId: customerId, data: { customerId, by } });
    });
    await this.auth.revokeAllSessions(ctx, customerId, 'erased');
  }
}
