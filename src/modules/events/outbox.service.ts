import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseService } from '../../core/database/database.service';

/**
 * The transactional outbox (CONTRACT §6): an event is stored in the same transaction as the change it
 * describes, so it exists exactly when the change committed. A relay delivers it later.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly db: DatabaseService) {}

  async add(event: {
    type: string;
    brandId: string | null;
    aggregateId: string;
    data: Record<string, unknown>;
  }): Promise<string> {
    if (!this.db.inTransaction) throw new Error('OutboxService.add must run inside the transaction of the change');
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO outbox_event (id, type, brand_id, aggregate_id, payload) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [id, event.type, event.brandId, event.aggregateId, JSON.stringify(event.data)],
    );
    return id;
  }
}
