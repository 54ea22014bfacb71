import { Injectable } from '@nestjs/common';
import { badInput, DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { type Connection, pageLimit, toConnection, tupleCursor } from '../../core/graphql/pagination';
import { OutboxService } from '../events/outbox.service';
import { BrandsService } from '../tenants/brands.service';
import { type CompanyRow, toCompany } from './customer-view.service';
import type { CustomerStatus } from './customer.entity';
import type { CompanyType } from './graphql/customer.types';

export interface AdminCustomerRow {
  id: string;
  brandCode: string;
  audience: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  status: CustomerStatus;
  rejectionReason: string | null;
  /** The company with its VAT verification evidence (what VIES said), as the storefront shows it. */
  company: CompanyType | null;
  createdAt: Date;
}

interface CustomerRow extends Omit<AdminCustomerRow, 'company'> {
  company: CompanyRow | null;
  companyRole: string | null;
}

/** Position in the list: (status rank, created_at in µs since the epoch as a decimal string, id). */
type ListKey = readonly [rank: number, createdUs: string, id: string];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Pending approvals first, then pending verifications, then everyone else; newest first within. */
const STATUS_RANK = `CASE c.status WHEN 'PENDING_APPROVAL' THEN 0 WHEN 'PENDING_VERIFICATION' THEN 1 ELSE 2 END`;

const CREATED_US = `(extract(epoch FROM c.created_at) * 1000000)::bigint`;

const listCursor = tupleCursor<ListKey>(
  'c',
  (v): v is ListKey =>
    Array.isArray(v) &&
    v.length === 3 &&
    Number.isInteger(v[0]) &&
    typeof v[1] === 'string' &&
    /^-?\d{1,20}$/.test(v[1]) &&
    typeof v[2] === 'string' &&
    UUID.test(v[2]),
);

const selectCustomer = (extra = '') => `
  SELECT ${extra} c.id, b.code AS "brandCode", c.audience, c.email, c.first_name AS "firstName", c.last_name AS "lastName", c.phone,
         c.status, c.rejection_reason AS "rejectionReason", c.company_role AS "companyRole",
         CASE WHEN co.id IS NULL THEN NULL ELSE to_jsonb(co) END AS company, c.created_at AS "createdAt"
    FROM customer c JOIN brand b ON b.id = c.brand_id LEFT JOIN company co ON co.id = c.company_id AND co.brand_id = c.brand_id`;

function toAdminCustomerRow({ company, companyRole, ...c }: CustomerRow): AdminCustomerRow {
  return { ...c, company: company && companyRole ? toCompany(company, companyRole) : null };
}

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

/** Back-office work on customers, limited to the caller's brands (others' customers are NOT_FOUND). */
@Injectable()
export class CustomersAdminService {
  constructor(
    private readonly db: DatabaseService,
    private readonly brands: BrandsService,
    private readonly outbox: OutboxService,
  ) {}

  private brandFilter(ctx: RequestContext): string[] | null {
    const scope = ctx.brandScope;
    return scope.all ? null : [...scope.ids];
  }

  async list(
    ctx: RequestContext,
    args: {
      brandCode?: string | null;
      audience?: string | null;
      status?: string | null;
      search?: string | null;
      first: number;
      after?: string | null;
      possibleDuplicates?: boolean | null;
    },
  ): Promise<Connection<AdminCustomerRow>> {
    const limit = pageLimit(args.first);
    const after = listCursor.decodeAfter(args.after);
    const brandId = args.brandCode ? (await this.brands.getByCode(ctx, args.brandCode)).id : null;
    const search = args.search?.trim().toLowerCase().slice(0, 200) || null;
    const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await this.db.query<CustomerRow & { total: string; rank: number; createdUs: string }>(
      `SELECT * FROM (
       ${selectCustomer(`count(*) OVER () AS total, ${STATUS_RANK} AS rank, ${CREATED_US}::text AS "createdUs",`)}
        WHERE c.erased_at IS NULL
          AND ($1::uuid[] IS NULL OR c.brand_id = ANY($1::uuid[]))
          AND ($2::uuid IS NULL OR c.brand_id = $2) AND ($3::text IS NULL OR c.audience = $3) AND ($4::text IS NULL OR c.status = $4)
          AND ($5::text IS NULL OR c.email LIKE $5 OR lower(c.first_name || ' ' || c.last_name) LIKE $5
               OR lower(co.name) LIKE $5 OR lower(co.vat_number) LIKE $5)
          AND (NOT $8::boolean OR ${POSSIBLE_DUPLICATE})
       ) l
       WHERE $6::jsonb IS NULL
          OR (l.rank, -l."createdUs"::bigint, l.id) > (($6::jsonb->>0)::int, -($6::jsonb->>1)::bigint, ($6::jsonb->>2)::uuid)
       ORDER BY l.rank, l."createdUs"::bigint DESC, l.id
       LIMIT $7`,
      [
        this.brandFilter(ctx),
        brandId,
        args.audience ?? null,
        args.status ?? null,
        like,
        after ? JSON.stringify(after) : null,
        limit,
        args.possibleDuplicates ?? false,
      ],
    );
    return toConnection(rows, args.first, {
      codec: listCursor,
      keyOf: (r) => [r.rank, r.createdUs, r.id] as const,
      nodeOf: toAdminCustomerRow,
      totalCount: rows.length ? Number(rows[0].total) : 0,
    });
  }

  async byId(ctx: RequestContext, id: string): Promise<AdminCustomerRow | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.db.query<CustomerRow>(
      `${selectCustomer()} WHERE c.id = $1 AND c.erased_at IS NULL AND ($2::uuid[] IS NULL OR c.brand_id = ANY($2::uuid[]))`,
      [id, this.brandFilter(ctx)],
    );
    return row ? toAdminCustomerRow(row) : null;
  }

  /** The customer's brand if the caller may see it; NOT_FOUND otherwise. */
  async require(
    ctx: RequestContext,
    id: string,
  ): Promise<{ id: string; brandId: string; status: CustomerStatus; companyId: string | null }> {
    const [row] = UUID.test(id)
      ? await this.db.query<{ id: string; brand_id: string; status: CustomerStatus; company_id: string | null }>(
          `SELECT id, brand_id, status, company_id FROM customer WHERE id = $1 AND erased_at IS NULL AND ($2::uuid[] IS NULL OR brand_id = ANY($2::uuid[]))`,
          [id, this.brandFilter(ctx)],
        )
      : [];
    if (!row) throw new DomainError('NOT_FOUND', 'Customer was not found.');
    return { id: row.id, brandId: row.brand_id, status: row.status, companyId: row.company_id };
  }

  async approve(ctx: RequestContext, id: string): Promise<string> {
    return this.db.transaction(async () => {
      const c = await this.require(ctx, id);
      if (c.status === 'ACTIVE') return c.id;
      if (c.status === 'PENDING_VERIFICATION') {
        throw badInput([{ path: 'id', message: 'the VAT number is not verified yet; wait for VIES or reject' }]);
      }
      await this.db.query(`UPDATE customer SET status = 'ACTIVE', rejection_reason = NULL, updated_at = now() WHERE id = $1`, [
        c.id,
      ]);
      await this.outbox.add({
        type: 'customer.approved',
        brandId: c.brandId,
        aggregateId: c.id,
        data: { customerId: c.id, automatic: false },
      });
      return c.id;
    });
  }

  async reject(ctx: RequestContext, id: string, reasonRaw: string): Promise<string> {
    const reason = reasonRaw.replace(/\s+/g, ' ').trim();
    if (!reason || reason.length > 500) throw badInput([{ path: 'reason', message: 'give a reason of 1 to 500 characters' }]);
    return this.db.transaction(async () => {
      const c = await this.require(ctx, id);
      await this.db.query(`UPDATE customer SET status = 'REJECTED', rejection_reason = $2, updated_at = now() WHERE id = $1`, [
        c.id,
        reason,
      ]);
      await this.db.query(
        `UPDATE customer_session SET revoked_at = now(), revoked_reason = 'rejected' WHERE customer_id = $1 AND revoked_at IS NULL`,
        [c.id],
      );
      await this.outbox.add({
        type: 'customer.rejected',
        brandId: c.brandId,
        aggregateId: c.id,
        data: { customerId: c.id, reason },
      });
      return c.id;
    });
  }

  /** Runs the VAT verification again now (in the background worker's next pass). */
  async reverify(ctx: RequestContext, id: string): Promise<string> {
    return this.db.transaction(async () => {
      const c = await this.require(ctx, id);
      if (!c.companyId) throw badInput([{ path: 'id', message: 'the customer has no company to verify' }]);
      await this.db.query(`UPDATE company SET vat_status = 'UNAVAILABLE_RETRYING', updated_at = now() WHERE id = $1`, [
        c.companyId,
      ]);
      await this.db.query(
        `UPDATE customer SET status = 'PENDING_VERIFICATION', updated_at = now() WHERE company_id = $1 AND status IN ('PENDING_APPROVAL', 'REJECTED', 'PENDING_VERIFICATION') AND id = $2`,
        [c.companyId, c.id],
      );
      await this.db.query(
        `INSERT INTO vat_recheck (company_id, attempts, next_attempt_at) VALUES ($1, 0, now())
         ON CONFLICT (company_id) DO UPDATE SET next_attempt_at = now(), locked_until = NULL`,
        [c.companyId],
      );
      return c.id;
    });
  }
}
