import { Injectable } from '@nestjs/common';
import type { CompanyRole } from '../../../libs/domain/src';
import { RequestContext } from '../../core/context/request-context';
import { type CompanyJson, CustomerQueryRepository, type CustomerViewRow } from './customer-query.repository';
import type { CompanyType, CustomerType } from './graphql/customer.types';

/** Reads customers for the API in a fixed, small number of statements (types are never entities). */
@Injectable()
export class CustomerViewService {
  constructor(private readonly repo: CustomerQueryRepository) {}

  /** Customers of the caller's realm by id (others are simply absent). */
  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, CustomerType>> {
    if (!ids.length) return new Map();
    const { rows, addresses, consents } = await this.read(ctx, ids);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          email: r.email,
          firstName: r.first_name,
          lastName: r.last_name,
          phone: r.phone,
          status: r.status,
          rejectionReason: r.rejection_reason,
          addresses: addresses
            .filter((a) => a.customerId === r.id)
            .map(({ customerId: _c, ...a }) => ({ ...a, country: a.country.trim() })),
          consents: consents.filter((c) => c.customerId === r.id).map(({ customerId: _c, ...c }) => c),
          company: companyOf(r),
        },
      ]),
    );
  }

  private async read(ctx: RequestContext, ids: readonly string[]) {
    const rows = await this.repo.views(ctx, ids);
    const [addresses, consents] = await Promise.all([this.repo.addresses(ctx, ids), this.repo.consents(ctx, ids)]);
    return { rows, addresses, consents };
  }

  /** One customer of the caller's realm, or null. */
  async one(ctx: RequestContext, id: string): Promise<CustomerType | null> {
    return (await this.byIds(ctx, [id])).get(id) ?? null;
  }
}

function companyOf(r: CustomerViewRow): CompanyType | null {
  return r.company && r.company_role ? toCompany(r.company, r.company_role) : null;
}

/** The company as the API shows it, with the evidence of its last VAT verification (VIES's answer). */
export function toCompany(c: CompanyJson, role: CompanyRole): CompanyType {
  return {
    id: c.id,
    name: c.name,
    country: c.country.trim(),
    vatNumber: c.vat_number,
    kvkNumber: c.kvk_number,
    role,
    vatVerification: {
      status: c.vat_status,
      checkedAt: c.vat_checked_at ? new Date(c.vat_checked_at) : null,
      consultationNumber: c.vat_consultation_number,
      registeredName: c.vat_registered_name,
    },
    address: {
      id: c.id,
      fullName: c.address_full_name,
      street: c.street,
      houseNumber: c.house_number,
      houseNumberAddition: c.house_number_addition,
      postalCode: c.postal_code,
      city: c.city,
      country: c.address_country.trim(),
      defaultShipping: false,
      defaultBilling: false,
    },
  };
}
