import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { Repository, type SqlParams } from '../../core/database/repository';

/** Consent changes, one entry per purpose (purposes unique). */
export interface ConsentChange {
  purpose: string;
  granted: boolean;
  textVersion: string | null;
}

/** `customer, brand, t.purpose, t.granted, t.text_version, storefront` for the changes as an unnest(...) AS t. */
function changeColumns(p: SqlParams, customerId: string, changes: ConsentChange[]): { head: string; from: string } {
  const sf = p.ctx.requireStorefront();
  return {
    head: `${p.add(customerId)}, ${p.add(sf.brandId)}, t.purpose, t.granted, t.text_version, ${p.add(sf.id)}`,
    from: `unnest(${p.add(changes.map((c) => c.purpose))}::text[], ${p.add(changes.map((c) => c.granted))}::boolean[],
                  ${p.add(changes.map((c) => c.textVersion))}::text[]) AS t(purpose, granted, text_version)`,
  };
}

/** A customer's consents (current state per purpose) and their history, written at the caller's storefront. */
@Injectable()
export class ConsentRepository extends Repository {
  constructor(db: DatabaseService) {
    super(db);
  }

  /** Sets the current state of each purpose. */
  async upsert(ctx: RequestContext, customerId: string, changes: ConsentChange[]): Promise<void> {
    const p = this.params(ctx);
    const { head, from } = changeColumns(p, customerId, changes);
    await this.run(
      p,
      `INSERT INTO consent (customer_id, brand_id, purpose, granted, text_version, storefront_id, updated_at)
       SELECT ${head}, now() FROM ${from}
       ON CONFLICT (customer_id, purpose) DO UPDATE SET granted = EXCLUDED.granted, text_version = EXCLUDED.text_version,
                                                       storefront_id = EXCLUDED.storefront_id, updated_at = now()`,
    );
  }

  /** Appends the changes to the history. */
  async record(ctx: RequestContext, customerId: string, changes: ConsentChange[]): Promise<void> {
    const p = this.params(ctx);
    const { head, from } = changeColumns(p, customerId, changes);
    await this.run(
      p,
      `INSERT INTO consent_history (customer_id, brand_id, purpose, granted, text_version, storefront_id)
       SELECT ${head} FROM ${from}`,
    );
  }
}
