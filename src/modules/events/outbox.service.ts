import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { WebhookEventType } from '../../../libs/webhooks/src';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxRepository } from './outbox.repository';
import { WebhookDispatcher } from './webhook-dispatcher.worker';

/**
 * The transactional outbox (CONTRACT §6): an event is stored in the same transaction as the change it
 * describes, so it exists exactly when the change committed. Once that transaction commits, the relay turns
 * its events into webhook deliveries (before the request answers; the HTTP calls happen in the background).
 */
@Injectable()
export class OutboxService {
  /** Transactions (by their EntityManager) that already have the after-commit relay scheduled. */
  private readonly relayScheduled = new WeakSet<object>();

  constructor(
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async add(event: {
    type: WebhookEventType;
    brandId: string | null;
    aggregateId: string;
    data: Record<string, unknown>;
  }): Promise<string> {
    if (!this.db.inTransaction) throw new Error('OutboxService.add must run inside the transaction of the change');
    const id = uuidv7();
    await this.outbox.insert({ id, ...event });
    const tx = this.db.manager;
    if (!this.relayScheduled.has(tx)) {
      this.relayScheduled.add(tx);
      this.db.afterCommit(() => this.dispatcher.eventsCommitted());
    }
    return id;
  }

  /**
   * For an event a module's own statement wrote in the outbox (the stock push function, which writes the same
   * columns and payload as `add`): once the transaction commits, the relay runs in the background — the caller
   * does not wait for it (the event is stored; the relay's timer would find it too).
   */
  relayWhenCommitted(): void {
    this.db.afterCommit(() => this.dispatcher.relaySoon());
  }
}
