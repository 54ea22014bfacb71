import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../../libs/errors/src';
import type { CustomerStatus } from '../../../libs/domain/src';
import type { ParsedVatNumber, ViesResult } from '../../../libs/identifiers/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { isUniqueViolation } from '../../core/database/pg-errors';
import { OutboxService } from '../events/outbox.service';
import { hashPassword } from '../identity/password.util';
import { ConsentsService } from './consents.service';
import { CustomerRepository } from './customer.repository';
import { type AddressData, InputNormalizer, parseCompanyKvk, parseCompanyVat } from './customer-input.normalizer';
import { CustomerViewService } from './customer-view.service';
import type { RegisterCustomerInput } from './graphql/customer.inputs';
import type { CustomerType } from './graphql/customer.types';
import { VatVerificationService } from './vat-verification.service';

const emailTaken = () =>
  new DomainError('EMAIL_ALREADY_REGISTERED', 'An account with this e-mail address already exists in this shop.', {
    fieldErrors: [{ path: 'email', message: 'is already registered' }],
  });
const companyTaken = () =>
  new DomainError('COMPANY_ALREADY_REGISTERED', 'This company is already registered; ask its administrator for an invitation.', {
    fieldErrors: [{ path: 'company.vatNumber', message: 'is already registered' }],
  });

/**
 * Registration in the storefront's realm. B2B: VAT format and check digits offline, KvK for Dutch
 * companies, then VIES (outside any transaction); the verification outcome and the storefront's approval
 * policy decide the status. Everything is written in one transaction with its `customer.registered` event.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly db: DatabaseService,
    private readonly customers: CustomerRepository,
    private readonly vat: VatVerificationService,
    private readonly outbox: OutboxService,
    private readonly consents: ConsentsService,
    private readonly view: CustomerViewService,
  ) {}

  async register(ctx: RequestContext, input: RegisterCustomerInput): Promise<CustomerType> {
    const sf = ctx.requireStorefront();
    const n = new InputNormalizer();
    const email = n.email('email', input.email);
    n.password('password', input.password, email);
    const firstName = n.text('firstName', input.firstName, { required: true, max: 100 });
    const lastName = n.text('lastName', input.lastName, { required: true, max: 100 });
    if (sf.audience === 'B2B' && !input.company) n.fail('company', 'is required on a B2B storefront');
    if (sf.audience === 'B2C' && input.company) n.fail('company', 'is not accepted on a B2C storefront');
    const company = sf.audience === 'B2B' && input.company ? input.company : null;
    const companyCountry = company ? n.country('company.country', company.country) : sf.country;
    const companyName = company ? n.text('company.name', company.name, { required: true, max: 200 }) : null;
    const companyAddress = company ? n.address('company.address', company.address) : null;
    const phone = n.phone('phone', input.phone, companyCountry);
    n.done();

    let vatNumber: ParsedVatNumber | null = null;
    let kvkNumber: string | null = null;
    if (company) {
      vatNumber = parseCompanyVat(company.vatNumber, companyCountry, 'company.vatNumber');
      kvkNumber = parseCompanyKvk(company.kvkNumber, companyCountry, 'company.kvkNumber');
    }
    const taken = await this.customers.registered(ctx, email, vatNumber?.normalized ?? null);
    if (taken.email) throw emailTaken();
    if (taken.company) throw companyTaken();

    let vies: ViesResult | null = null;
    if (vatNumber) {
      if (kvkNumber) await this.vat.checkKvk(ctx, kvkNumber, 'company.kvkNumber');
      vies = await this.vat.verifyOnline(ctx, vatNumber, 'company.vatNumber');
    }
    const passwordHash = await hashPassword(input.password);
    const status: CustomerStatus = !vies
      ? 'ACTIVE'
      : vies.kind !== 'VALID'
        ? 'PENDING_VERIFICATION'
        : sf.approvalPolicy === 'MANUAL'
          ? 'PENDING_APPROVAL'
          : 'ACTIVE';

    const customerId = uuidv7();
    try {
      await this.db.transaction(async () => {
        let companyId: string | null = null;
        if (vatNumber && companyAddress && vies) {
          companyId = uuidv7();
          await this.customers.insertCompany(ctx, {
            id: companyId,
            name: companyName!,
            country: companyCountry,
            vatNumber: vatNumber.normalized,
            kvkNumber,
            address: companyAddress,
            valid:
              vies.kind === 'VALID' ? { consultationNumber: vies.consultationNumber ?? null, name: vies.name ?? null } : null,
          });
          await this.vat.recordCheck(ctx, companyId, vatNumber.normalized, vies);
          if (vies.kind === 'UNAVAILABLE') await this.vat.scheduleRecheck(ctx, companyId, 1, vies.reason);
        }
        await this.customers.insert(ctx, { id: customerId, email, passwordHash, firstName, lastName, phone, status, companyId });
        if (input.consents?.length) await this.consents.set(ctx, customerId, input.consents);
        await this.outbox.add({
          type: 'customer.registered',
          brandId: sf.brandId,
          aggregateId: customerId,
          data: { customerId, email, firstName, lastName, storefrontCode: sf.code, audience: sf.audience, status, companyId },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        const constraint = (e as { driverError?: { constraint?: string }; constraint?: string }).driverError?.constraint;
        throw constraint === 'company_vat_per_realm' ? companyTaken() : emailTaken();
      }
      throw e;
    }
    return (await this.view.one(ctx, customerId))!;
  }

  /** The password policy of registration for an account made from other data (an order's buyer); the argon2 hash. */
  async checkedPasswordHash(password: string, email: string): Promise<string> {
    const n = new InputNormalizer();
    n.password('password', password, email);
    n.done();
    return hashPassword(password);
  }

  /** The live account with this e-mail address in the storefront's realm, if any. */
  accountWithEmail(ctx: RequestContext, email: string): Promise<string | undefined> {
    return this.customers.idByEmail(ctx, email);
  }

  /**
   * An ACTIVE B2C account from data the caller already holds checked (an order's buyer: registerFromOrder), with
   * saved addresses and `customer.registered`; inside the caller's transaction. A race on the e-mail address
   * raises EMAIL_ALREADY_REGISTERED (the caller's transaction rolls back).
   */
  async createFromCheckedData(
    ctx: RequestContext,
    c: {
      email: string;
      passwordHash: string;
      firstName: string | null;
      lastName: string | null;
      phone: string | null;
      addresses: AddressData[];
    },
  ): Promise<string> {
    const sf = ctx.requireStorefront();
    const customerId = uuidv7();
    try {
      await this.customers.insert(ctx, { id: customerId, ...c, status: 'ACTIVE', companyId: null });
    } catch (e) {
      throw isUniqueViolation(e) ? emailTaken() : e;
    }
    for (const a of c.addresses) await this.customers.insertAddress(ctx, uuidv7(), customerId, a);
    await this.outbox.add({
      type: 'customer.registered',
      brandId: sf.brandId,
      aggregateId: customerId,
      data: {
        customerId,
        email: c.email,
        firstName: c.firstName,
        lastName: c.lastName,
        storefrontCode: sf.code,
        audience: sf.audience,
        status: 'ACTIVE',
        companyId: null,
      },
    });
    return customerId;
  }
}
