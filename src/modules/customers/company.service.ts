import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { OutboxService } from '../events/outbox.service';
import { hashPassword } from '../identity/password.util';
import { generateSecret, hashSecret } from '../../../libs/secrets/src';
import type { CustomerStatus } from '../../../libs/domain/src';
import { CompanyRepository } from './company.repository';
import { InputNormalizer, parseCompanyVat } from './customer-input.normalizer';
import type { AcceptCompanyInvitationInput, UpdateCompanyInput } from './graphql/customer.inputs';
import { VatVerificationService } from './vat-verification.service';

const INVITE_TTL_DAYS = 7;

/** Company accounts: the company ADMIN keeps the company's data and invites colleagues, who join as BUYER. */
@Injectable()
export class CompanyService {
  constructor(
    private readonly db: DatabaseService,
    private readonly repo: CompanyRepository,
    private readonly outbox: OutboxService,
    private readonly vat: VatVerificationService,
  ) {}

  private async myCompany(
    ctx: RequestContext,
    adminOnly: boolean,
  ): Promise<{ companyId: string; country: string; vatNumber: string }> {
    const row = await this.repo.membership(ctx);
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
    const vies = vatChanged ? await this.vat.verifyOnline(ctx, vat, 'vatNumber') : null;
    try {
      await this.db.transaction(async () => {
        if (name) await this.repo.rename(ctx, companyId, name);
        if (address) await this.repo.moveAddress(ctx, companyId, address);
        if (vatChanged && vies) {
          const valid = vies.kind === 'VALID' ? vies : null;
          await this.repo.changeVat(ctx, companyId, {
            vatNumber: vat.normalized,
            status: valid ? 'VALID' : 'UNAVAILABLE_RETRYING',
            checkedAt: valid ? new Date() : null,
            consultationNumber: valid?.consultationNumber ?? null,
            registeredName: valid?.name ?? null,
          });
          await this.vat.recordCheck(ctx, companyId, vat.normalized, vies);
          if (!valid) await this.vat.scheduleRecheck(ctx, companyId, 1, vies.kind === 'UNAVAILABLE' ? vies.reason : null);
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
    if (await this.repo.emailTaken(ctx, email)) {
      throw new DomainError('EMAIL_ALREADY_REGISTERED', 'An account with this e-mail address already exists in this shop.', {
        fieldErrors: [{ path: 'email', message: 'is already registered' }],
      });
    }
    const token = generateSecret('cit');
    await this.db.transaction(async () => {
      const expiresAt = await this.repo.invite(ctx, { tokenHash: hashSecret(token), companyId, email, ttlDays: INVITE_TTL_DAYS });
      await this.outbox.add({
        type: 'customer.invited',
        brandId: sf.brandId,
        aggregateId: companyId,
        data: {
          companyId,
          invitedBy: me.id,
          email,
          token,
          expiresAt: new Date(expiresAt).toISOString(),
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
    const t = await this.repo.openInvitation(ctx, hashSecret(input.token.slice(0, 200)));
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
        if (!(await this.repo.useInvitation(ctx, hashSecret(input.token))))
          throw new DomainError('BAD_USER_INPUT', 'The invitation was already used.', {
            fieldErrors: [{ path: 'token', message: 'was already used' }],
          });
        await this.repo.addBuyer(ctx, {
          id,
          email: t.data.email,
          passwordHash: hash,
          firstName,
          lastName,
          phone,
          status,
          companyId: t.company_id,
        });
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
