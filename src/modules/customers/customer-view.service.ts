import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../core/database/database.service';
import type { CustomerStatus } from './customer.entity';
import type { AddressType, CompanyType, ConsentType, CustomerType } from './graphql/customer.types';

/** A `company` row as `to_jsonb(company)`: the columns by their SQL names. */
export type CompanyRow = Record<string, unknown>;

interface CustomerRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  status: CustomerStatus;
  rejection_reason: string | null;
  company_role: string | null;
  company: CompanyRow | null;
}

/** Reads customers for the API in a fixed, small number of statements (types are never entities). */
@Injectable()
export class CustomerViewService {
  constructor(private readonly db: DatabaseService) {}

  /** Customers by id, limited to one brand (the caller's scope is checked before). */
  async byIds(brandIds: readonly string[] | null, ids: readonly string[]): Promise<Map<string, CustomerType>> {
    if (!ids.length) return new Map();
    const rows = await this.db.query<CustomerRow>(
      `SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.status, c.rejection_reason, c.company_role,
              CASE WHEN co.id IS NULL THEN NULL ELSE to_jsonb(co) END AS company
         FROM customer c LEFT JOIN company co ON co.id = c.company_id AND co.brand_id = c.brand_id
        WHERE c.id = ANY($1::uuid[]) AND c.erased_at IS NULL AND ($2::uuid[] IS NULL OR c.brand_id = ANY($2::uuid[]))`,
      [ids, brandIds],
    );
    const [addresses, consents] = await Promise.all([
      this.db.query<AddressType & { customerId: string }>(
        `SELECT id, customer_id AS "customerId", full_name AS "fullName", street, house_number AS "houseNumber",
                house_number_addition AS "houseNumberAddition", postal_code AS "postalCode", city, country,
                default_shipping AS "defaultShipping", default_billing AS "defaultBilling"
           FROM address WHERE customer_id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [ids],
      ),
      this.db.query<ConsentType & { customerId: string }>(
        `SELECT customer_id AS "customerId", purpose, granted, text_version AS "textVersion", updated_at AS "updatedAt"
           FROM consent WHERE customer_id = ANY($1::uuid[]) ORDER BY purpose`,
        [ids],
      ),
    ]);
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
          company: r.company ? toCompany(r.company, r.company_role!) : null,
        } as CustomerType,
      ]),
    );
  }

  async one(brandIds: readonly string[] | null, id: string): Promise<CustomerType | null> {
    return (await this.byIds(brandIds, [id])).get(id) ?? null;
  }
}

/** The company as the API shows it, with the evidence of its last VAT verification (VIES's answer). */
export function toCompany(c: CompanyRow, role: string): CompanyType {
  const s = (k: string) => (c[k] as string | null) ?? null;
  return {
    id: s('id')!,
    name: s('name')!,
    country: s('country')!.trim(),
    vatNumber: s('vat_number')!,
    kvkNumber: s('kvk_number'),
    role: role as CompanyType['role'],
    vatVerification: {
      status: s('vat_status') as CompanyType['vatVerification']['status'],
      checkedAt: s('vat_checked_at') ? new Date(s('vat_checked_at')!) : null,
      consultationNumber: s('vat_consultation_number'),
      registeredName: s('vat_registered_name'),
    },
    address: {
      id: s('id')!,
      fullName: s('address_full_name'),
      street: s('street')!,
      houseNumber: s('house_number')!,
      houseNumberAddition: s('house_number_addition'),
      postalCode: s('postal_code')!,
      city: s('city')!,
      country: s('address_country')!.trim(),
      defaultShipping: false,
      defaultBilling: false,
    },
  };
}
