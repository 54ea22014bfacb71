import { Injectable } from '@nestjs/common';
import { badInput } from '../../../libs/errors/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { ConsentRepository } from './consent.repository';

export interface ConsentData {
  purpose: string;
  granted: boolean;
  textVersion?: string | null;
}

/** Consents: the current state per purpose, and every change in the history (purpose, granted, text version, when, where). */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly consents: ConsentRepository,
  ) {}

  async set(ctx: RequestContext, customerId: string, input: ConsentData[]): Promise<void> {
    const purposes = input.map((c) => c.purpose);
    const dup = purposes.findIndex((p, i) => purposes.indexOf(p) !== i);
    if (dup >= 0) throw badInput([{ path: `consents.${dup}.purpose`, message: 'appears twice' }]);
    const changes = input.map((c) => ({ purpose: c.purpose, granted: c.granted, textVersion: c.textVersion?.trim() || null }));
    await this.db.transaction(async () => {
      await this.consents.upsert(ctx, customerId, changes);
      await this.consents.record(ctx, customerId, changes);
    });
  }
}
