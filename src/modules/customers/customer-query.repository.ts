import { Injectable } from '@nestjs/common';
import type {
  Audience,
  CompanyRole,
  ConsentPurpose,
  CustomerSegment,
  CustomerStatus,
  VerificationStatus,
} from '../../../libs/domain/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository } from '../../core/database/repository';
import type { AddressData } from './customer-input.normalizer';

/** A `company` row as `to_jsonb(company)`: the columns by their SQL names (timestamps as ISO strings). */
export interface CompanyJson {
  id: string;
  name: string;
  country: string;
  vat_number: string;
  kvk_number: string | null;
  vat_status: VerificationStatus;
  vat_checked_at: string | null;
  vat_consultation_number: string | null;
  vat_registered_name: string | null;
  address_full_name: string | null;
  street: string;
  house_number: string;
  house_number_addition: string | null;
  postal_code: string;
  city: string;
  address_country: string;
}

/** A customer as the storefront shows it (without addresses and consents, read separately). */
export interface CustomerViewRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  status: CustomerStatus;
  rejection_reason: string | null;
  company_role: CompanyRole | null;
  company: CompanyJson | null;
}

export interface AddressRow extends AddressData {
  customerId: string;
  id: string;
}

export interface ConsentRow {
  customerId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  textVersion: string | null;
  updatedAt: Date;
}

/** A customer as the back office lists it. */
export interface AdminCustomerQueryRow {
  id: string;
  brandCode: string;
  audience: Audience;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  status: CustomerStatus;
  rejectionReason: string | null;
  companyRole: CompanyRole | null;
  company: CompanyJson | null;
  segment: CustomerSegment;
  segmentSince: Date;
  createdAt: Date;
}

/** A row of the admin list with its position: (status rank, created_at in µs as a decimal string, id). */
export interface AdminCustomerListRow extends AdminCustomerQueryRow {
  total: string;
  rank: number;
  createdUs: string;
}

export interface CustomerRef {
  id: string;
  brand_id: string;
  status: CustomerStatus;
  company_id: string | null;
}

export interface AdminCustomerFilter {
  brandId: string | null;
  audience: string | null;
  status: string | null;
  segment: string | null;
  /** A LIKE pattern (already escaped and lower-cased), or null. */
  like: string | null;
  /** The list position to continue after, or null for the first page. */
  after: readonly [rank: number, createdUs: string, id: string] | null;
  limit: number;
  possibleDuplicates: boolean;
}

const ADDRESS_COLUMNS = `id, customer_id AS "customerId", full_name AS "fullName", street, house_number AS "houseNumber",
  house_number_addition AS "houseNumberAddition", postal_code AS "postalCode", city, country,
  default_shipping AS "defaultShipping", default_billing AS "defaultBilling"`;

const CONSENT_COLUMNS = `customer_id AS "customerId", purpose, granted, text_version AS "textVersion", updated_at AS "updatedAt"`;

/** Pending approvals first, then pending verifications, then everyone else; newest first within. */
const STATUS_RANK = `CASE c.status WHEN 'PENDING_APPROVAL' THEN 0 WHEN 'PENDING_VERIFICATION' THEN 1 ELSE 2 END`;

const CREATED_US = `(extract(epoch FROM c.created_at) * 1000000)::bigint`;

const selectCustomer = (extra = '') => `
  SELECT ${extra} c.id, b.code AS "brandCode", c.audience, c.email, c.first_name AS "firstName", c.last_name AS "lastName", c.phone,
         c.status, c.rejection_reason AS "rejectionReason", c.company_role AS "companyRole",
         CASE WHEN co.id IS NULL THEN NULL ELSE to_jsonb(co) END AS company, c.segment, c.segment_since AS "segmentSince",
         c.created_at AS "createdAt"
    FROM customer c JOIN brand b ON b.id = c.brand_id LEFT JOIN company co ON co.id = c.company_id AND co.brand_id = c.brand_id`;

/**
 * Likely the same person twice in one realm: same phone, or same normalised name with an address at the same
 * postcode and house number. Flagged for admins rather than silently merged.
 */
const POSSIBLE_DUPLICATE = `EXISTS (
  SELECT 1 FROM customer o
   WHERE o.brand_id = c.brand_id AND o.audience = c.audience AND o.id <> c.id AND o.erased_at IS NULL
     AND ((c.phone IS NOT NULL AND o.phone = c.phone)
          OR (lower(o.first_name || ' ' || o.last_name) = lower(c.first_name || ' ' || c.last_name)
              AND EXISTS (SELECT 1 FROM address a1 JOIN address a2 ON a1.postal_code = a2.postal_code AND a1.house_number = a2.house_number
                                                                AND a1.country = a2.country
                           WHERE a1.customer_id = c.id AND a2.customer_id = o.id))))`;

/**
 * Reads of customers for the API: the storefront's view of its own customers (realm-scoped) and the back
 * office's list and detail (brand-scoped), plus the back office's decisions on an account.
 */
@Injectable()
export class CustomerQueryRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** Live customers of the caller's realm by id, with their company as JSON. */
  views(ctx: RequestContext, ids: readonly string[]): Promise<CustomerViewRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.status, c.rejection_reason, c.company_role,
              CASE WHEN co.id IS NULL THEN NULL ELSE to_jsonb(co) END AS company
         FROM customer c LEFT JOIN company co ON co.id = c.company_id AND co.brand_id = c.brand_id
        WHERE c.id = ANY(${p.add(ids)}::uuid[]) AND c.erased_at IS NULL AND ${p.realm('c.brand_id', 'c.audience')}`,
    );
  }

  /** The addresses of these customers (of the caller's brands), oldest first. */
  addresses(ctx: RequestContext, customerIds: readonly string[]): Promise<AddressRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT ${ADDRESS_COLUMNS} FROM address WHERE customer_id = ANY(${p.add(customerIds)}::uuid[]) AND ${p.brand('brand_id')} ORDER BY created_at, id`,
    );
  }

  /** The consents of these customers (of the caller's brands), by purpose. */
  consents(ctx: RequestContext, customerIds: readonly string[]): Promise<ConsentRow[]> {
    const p = this.params(ctx);
    return this.run(
      p,
      `SELECT ${CONSENT_COLUMNS} FROM consent WHERE customer_id = ANY(${p.add(customerIds)}::uuid[]) AND ${p.brand('brand_id')} ORDER BY purpose`,
    );
  }

  /** One page of the back office's customer list (of the caller's brands), with the total count. */
  adminList(ctx: RequestContext, f: AdminCustomerFilter): Promise<AdminCustomerListRow[]> {
    const p = this.params(ctx);
    const like = p.add(f.like);
    const after = p.add(f.after ? JSON.stringify(f.after) : null);
    const [brand, audience, status, segment] = [p.add(f.brandId), p.add(f.audience), p.add(f.status), p.add(f.segment)];
    return this.run(
      p,
      `SELECT * FROM (
       ${selectCustomer(`count(*) OVER () AS total, ${STATUS_RANK} AS rank, ${CREATED_US}::text AS "createdUs",`)}
        WHERE c.erased_at IS NULL
          AND ${p.brand('c.brand_id')}
          AND (${brand}::uuid IS NULL OR c.brand_id = ${brand}) AND (${audience}::text IS NULL OR c.audience = ${audience})
          AND (${status}::text IS NULL OR c.status = ${status}) AND (${segment}::text IS NULL OR c.segment = ${segment})
          AND (${like}::text IS NULL OR c.email LIKE ${like} OR lower(c.first_name || ' ' || c.last_name) LIKE ${like}
               OR lower(co.name) LIKE ${like} OR lower(co.vat_number) LIKE ${like})
          AND (NOT ${p.add(f.possibleDuplicates)}::boolean OR ${POSSIBLE_DUPLICATE})
       ) l
       WHERE ${after}::jsonb IS NULL
          OR (l.rank, -l."createdUs"::bigint, l.id) > ((${after}::jsonb->>0)::int, -(${after}::jsonb->>1)::bigint, (${after}::jsonb->>2)::uuid)
       ORDER BY l.rank, l."createdUs"::bigint DESC, l.id
       LIMIT ${p.add(f.limit)}`,
    );
  }

  /** One live customer of the caller's brands, as the back office shows it. */
  async adminById(ctx: RequestContext, id: string): Promise<AdminCustomerQueryRow | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<AdminCustomerQueryRow>(
      p,
      `${selectCustomer()} WHERE c.id = ${p.add(id)} AND c.erased_at IS NULL AND ${p.brand('c.brand_id')}`,
    );
    return row;
  }

  /** The keys of one live customer of the caller's brands. */
  async ref(ctx: RequestContext, id: string): Promise<CustomerRef | undefined> {
    const p = this.params(ctx);
    const [row] = await this.run<CustomerRef>(
      p,
      `SELECT id, brand_id, status, company_id FROM customer WHERE id = ${p.add(id)} AND erased_at IS NULL AND ${p.brand('brand_id')}`,
    );
    return row;
  }

  /** The back office approves an account. */
  async approve(ctx: RequestContext, id: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer SET status = 'ACTIVE', rejection_reason = NULL, updated_at = now() WHERE id = ${p.add(id)} AND ${p.brand('brand_id')}`,
    );
  }

  /** The back office rejects an account, with the reason the customer sees. */
  async reject(ctx: RequestContext, id: string, reason: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer SET status = 'REJECTED', rejection_reason = ${p.add(reason)}, updated_at = now()
        WHERE id = ${p.add(id)} AND ${p.brand('brand_id')}`,
    );
  }

  /** Ends the live sessions of a rejected customer (of the caller's brands). */
  async revokeSessions(ctx: RequestContext, customerId: string, reason: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer_session SET revoked_at = now(), revoked_reason = ${p.add(reason)}
        WHERE customer_id = ${p.add(customerId)} AND revoked_at IS NULL AND ${p.brand('brand_id')}`,
    );
  }

  /** Puts a customer of this company back to waiting for the VAT verification (after an admin's re-verify). */
  async awaitVerification(ctx: RequestContext, id: string, companyId: string): Promise<void> {
    const p = this.params(ctx);
    await this.run(
      p,
      `UPDATE customer SET status = 'PENDING_VERIFICATION', updated_at = now()
        WHERE company_id = ${p.add(companyId)} AND status IN ('PENDING_APPROVAL', 'REJECTED', 'PENDING_VERIFICATION')
          AND id = ${p.add(id)} AND ${p.brand('brand_id')}`,
    );
  }
}
