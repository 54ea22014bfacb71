import { EventEmitter } from 'node:events';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { PUSH_DELIVERY, type PushDeliverable } from '../../core/graphql/push-delivery';
import { RedisConnections } from '../../core/redis/redis-connections';
import type { Availability } from '../../../libs/stock/src';

/** A change as published (JSON through Redis). */
export interface StockChangeEvent {
  sku: string;
  availability: Availability;
  changedAt: string;
}

/** A change as delivered: built once per storefront and push, the same frozen object for every subscriber. */
export interface StockChange {
  readonly sku: string;
  readonly availability: Readonly<Availability>;
  readonly changedAt: Date;
}

function delivered(events: StockChangeEvent[]): readonly StockChange[] {
  return events.map((e) =>
    Object.freeze({ sku: e.sku, availability: Object.freeze(e.availability), changedAt: new Date(e.changedAt) }),
  );
}

const CHANNEL_PREFIX = 'hub:stock:';

/**
 * Fans stock changes out to the subscribers of each storefront. In process by default; with REDIS_URL
 * every instance publishes to Redis and delivers what Redis hands it, so a push on one instance reaches
 * subscribers on all of them. Called after commit only.
 */
@Injectable()
export class StockEventBus implements OnModuleInit {
  private readonly log = new Logger('StockEventBus');
  private readonly local = new EventEmitter();

  constructor(private readonly redis: RedisConnections) {
    this.local.setMaxListeners(0);
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis.enabled) return;
    await this.redis.psubscribe(`${CHANNEL_PREFIX}*`, (message, channel) => {
      try {
        this.local.emit(channel.slice(CHANNEL_PREFIX.length), delivered(JSON.parse(message) as StockChangeEvent[]));
      } catch (e) {
        this.log.error(`bad stock message on ${channel}: ${(e as Error).message}`);
      }
    });
    this.log.log('stock events fan out through Redis');
  }

  /**
   * The storefronts with a subscriber, or null when that is not known here (with REDIS_URL the subscribers of
   * other instances count too). Lets the announcer skip the work for storefronts nobody listens to.
   */
  listenedStorefronts(): ReadonlySet<string> | null {
    if (this.redis.enabled) return null;
    return new Set(this.local.eventNames().filter((n): n is string => typeof n === 'string'));
  }

  /** Publishes the changes of one storefront (one message per storefront and push). */
  async publish(storefrontId: string, events: StockChangeEvent[]): Promise<void> {
    if (!events.length) return;
    if (this.redis.commands) await this.redis.commands.publish(`${CHANNEL_PREFIX}${storefrontId}`, JSON.stringify(events));
    else this.local.emit(storefrontId, delivered(events));
  }

  /**
   * An async iterator of one storefront's changes (optionally only some SKUs), ended by `return()`. It may instead
   * be delivered by push (PUSH_DELIVERY, see push-delivery.ts): a change's selection result depends on the change
   * alone — the same frozen object for every subscriber of the storefront — so the WebSocket server executes and
   * serialises it once for all of them.
   */
  subscribe(
    storefrontId: string,
    skus: ReadonlySet<string> | null,
  ): AsyncIterableIterator<StockChange> & PushDeliverable<StockChange> {
    const queue: StockChange[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    let push: ((change: StockChange) => void) | undefined;
    const onEvents = (events: readonly StockChange[]) => {
      for (const e of events) {
        if (skus && !skus.has(e.sku)) continue;
        if (push) push(e);
        else queue.push(e);
      }
      if (queue.length > 10_000) queue.splice(0, queue.length - 10_000); // a stalled client never grows memory unbounded
      wake?.();
    };
    this.local.on(storefrontId, onEvents);
    const stop = () => {
      done = true;
      this.local.off(storefrontId, onEvents);
      wake?.();
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      [PUSH_DELIVERY](deliver: (change: StockChange) => void): void {
        push = deliver;
        for (const e of queue.splice(0)) deliver(e);
      },
      async next(): Promise<IteratorResult<StockChange>> {
        while (!queue.length && !done) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        if (queue.length) return { value: queue.shift()!, done: false };
        return { value: undefined, done: true };
      },
      async return(): Promise<IteratorResult<StockChange>> {
        stop();
        return { value: undefined, done: true };
      },
      async throw(e?: unknown): Promise<IteratorResult<StockChange>> {
        stop();
        throw e;
      },
    };
  }
}
