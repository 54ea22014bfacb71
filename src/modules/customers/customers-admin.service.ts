import { Injectable } from '@nestjs/common';
import type { CustomerStatus } from '../../../libs/domain/src';
import { badInput, DomainError } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { type Connection, pageLimit, toConnection, tupleCursor } from '../../core/graphql/pagination';
import { OutboxService } from '../events/outbox.service';
import { BrandsService } from '../tenants/brands.service';
import { CompanyRepository } from './company.repository';
import { type AdminCustomerQueryRow, CustomerQueryRepository } from './customer-query.repository';
import { toCompany } from './customer-view.service';
import type { CompanyType } from './graphql/customer.types';

/** A customer as the back office shows it: the company with its VAT verification evidence (what VIES said). */
export interface AdminCustomerRow extends Omit<AdminCustomerQueryRow, 'company' | 'companyRole'> {
  company: CompanyType | null;
}

/** Position in the list: (status rank, created_at in µs since the epoch as a decimal string, id). */
type ListKey = readonly [rank: number, createdUs: string, id: string];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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

function toAdminCustomerRow({ company, companyRole, ...c }: AdminCustomerQueryRow): AdminCustomerRow {
  return { ...c, company: company && companyRole ? toCompany(company, companyRole) : null };
}

/** Back-office work on customers, limited to the caller's brands (others' customers are NOT_FOUND). */
@Injectable()
export class CustomersAdminService {
  constructor(
    private readonly db: DatabaseService,
    private readonly repo: CustomerQueryRepository,
    private readonly companies: CompanyRepository,
    private readonly brands: BrandsService,
    private readonly outbox: OutboxService,
  ) {}

  async list(
    ctx: RequestContext,
    args: {
      brandCode?: string | null;
      audience?: string | null;
      status?: string | null;
      segment?: string | null;
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
    const rows = await this.repo.adminList(ctx, {
      brandId,
      audience: args.audience ?? null,
      status: args.status ?? null,
      segment: args.segment ?? null,
      like,
      after,
      limit,
      possibleDuplicates: args.possibleDuplicates ?? false,
    });
    return toConnection(rows, args.first, {
      codec: listCursor,
      keyOf: (r) => [r.rank, r.createdUs, r.id] as const,
      nodeOf: toAdminCustomerRow,
      totalCount: rows.length ? Number(rows[0].total) : 0,
    });
  }

  async byId(ctx: RequestContext, id: string): Promise<AdminCustomerRow | null> {
    if (!UUID.test(id)) return null;
    const row = await this.repo.adminById(ctx, id);
    return row ? toAdminCustomerRow(row) : null;
  }

  /** The customer's brand if the caller may see it; NOT_FOUND otherwise. */
  async require(
    ctx: RequestContext,
    id: string,
  ): Promise<{ id: string; brandId: string; status: CustomerStatus; companyId: string | null }> {
    const row = UUID.test(id) ? await this.repo.ref(ctx, id) : undefined;
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
      await this.repo.approve(ctx, c.id);
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
      await this.repo.reject(ctx, c.id, reason);
      await this.repo.revokeSessions(ctx, c.id, 'rejected');
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
      await this.companies.markRetrying(ctx, c.companyId);
      await this.repo.awaitVerification(ctx, c.id, c.companyId);
      await this.companies.recheckNow(ctx, c.companyId);
      return c.id;
    });
  }
}
