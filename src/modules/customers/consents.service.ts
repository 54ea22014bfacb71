import { Injectable } from '@nestjs/common';
import { badInput } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';

export interface ConsentData {
  purpose: string;
  granted: boolean;
  textVersion?: string | null;
}

/** Consents: the current state per purpose, and every change in the history (purpose, granted, text version, when, where). */
@Injectable()
export class ConsentsService {
  constructor(private readonly db: DatabaseService) {}

  async set(ctx: RequestContext, customerId: string, input: ConsentData[]): Promise<void> {
    const sf = ctx.requireStorefront();
    const purposes = input.map((c) => c.purpose);
    const dup = purposes.findIndex((p, i) => purposes.indexOf(p) !== i);
    if (dup >= 0) throw badInput([{ path: `consents.${dup}.purpose`, message: 'appears twice' }]);
    await this.db.transaction(async () => {
      await this.db.query(
        `INSERT INTO consent (customer_id, brand_id, purpose, granted, text_version, storefront_id, updated_at)
         SELECT $1, $2, t.purpose, t.granted, t.text_version, $3, now()
           FROM unnest($4::text[], $5::boolean[], $6::text[]) AS t(purpose, granted, text_version)
         ON CONFLICT (customer_id, purpose) DO UPDATE SET granted = EXCLUDED.granted, text_version = EXCLUDED.text_version,
                                                         storefront_id = EXCLUDED.storefront_id, updated_at = now()`,
        [customerId, sf.brandId, sf.id, purposes, input.map((c) => c.granted), input.map((c) => c.textVersion?.trim() || null)],
      );
      await this.db.query(
        `INSERT INTO consent_history (customer_id, brand_id, purpose, granted, text_version, storefront_id)
         SELECT $1, $2, t.purpose, t.granted, t.text_version, $3
           FROM unnest($4::text[], $5::boolean[], $6::text[]) AS t(purpose, granted, text_version)`,
        [customerId, sf.brandId, sf.id, purposes, input.map((c) => c.granted), input.map((c) => c.textVersion?.trim() || null)],
      );
    });
  }
}
