import { AsyncResource } from 'node:async_hooks';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { availabilityFor, sameAvailability } from '../../../libs/stock/src';
import { ReservationRepository, type UnitsAt } from './reservation.repository';
import { type StockChangeEvent, StockEventBus } from './stock-event-bus';

interface Pending {
  sku: string;
  warehouseId: string;
  /** The change of available units (sum of every change folded in). */
  quantity: number;
  /** When the newest change folded in committed: the `changedAt` subscribers get. */
  committedAt: number;
}

/**
 * Tells storefront subscribers what committed stock changes mean for them, off the request path: pushes,
 * reservations, releases and shipments hand their changes (SKU, warehouse, change of available units) here after
 * commit and answer at once; one visibility statement at a time turns everything handed in meanwhile into
 * per-storefront availability events (only storefronts that show the SKU, sell from the warehouse and whose shown
 * availability changed). Changes of the same SKU and warehouse that arrive while a statement runs are folded into one
 * (their changes add up, the newest commit time is kept), so a warehouse system pushing as fast as it can costs one
 * statement per round rather than one per push, and a flicker that a later change undid before it was announced is
 * not announced. Events are published in the order of the rounds. Only storefronts somebody subscribes to are
 * looked at when the bus knows (one instance); with Redis every storefront is.
 */
@Injectable()
export class StockAnnouncer implements BeforeApplicationShutdown {
  private readonly log = new Logger('StockAnnouncer');
  /** Background work runs in the context the service was built in, never in a request's (or its transaction's). */
  private readonly scope = new AsyncResource('StockAnnouncer');
  private pending = new Map<string, Pending>();
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly repo: ReservationRepository,
    private readonly bus: StockEventBus,
  ) {}

  /** Changes that committed at `committedAt` (call after commit only: a rolled-back change is never announced). */
  announce(changes: readonly UnitsAt[], committedAt = Date.now()): void {
    if (this.stopped || !changes.length) return;
    for (const c of changes) {
      const key = `${c.warehouseId}\u0000${c.sku}`;
      const p = this.pending.get(key);
      if (p) {
        p.quantity += c.quantity;
        p.committedAt = Math.max(p.committedAt, committedAt);
      } else this.pending.set(key, { sku: c.sku, warehouseId: c.warehouseId, quantity: c.quantity, committedAt });
    }
    this.running ??= this.scope.runInAsyncScope(() => this.drain().finally(() => (this.running = undefined)));
  }

  /** Resolves once everything handed in so far is announced (graceful stop; tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
    this.stopped = true;
  }

  private async drain(): Promise<void> {
    while (this.pending.size) {
      const round = [...this.pending.values()];
      this.pending = new Map();
      try {
        await this.announceRound(round);
      } catch (e) {
        this.log.error(`stock change announcement failed: ${(e as Error).message}`);
      }
    }
  }

  private async announceRound(round: Pending[]): Promise<void> {
    const changes = round.filter((c) => c.quantity !== 0); // folded changes that cancel out show nothing new
    const listened = this.bus.listenedStorefronts();
    if (!changes.length || listened?.size === 0) return; // nobody listens (on the only instance): nothing to tell
    const rows = await this.repo.visibleChanges(changes, listened && [...listened]);
    const committedAt = new Map<string, number>();
    for (const c of changes) committedAt.set(c.sku, Math.max(committedAt.get(c.sku) ?? 0, c.committedAt));
    const bySf = new Map<string, StockChangeEvent[]>();
    for (const r of rows) {
      const now = availabilityFor(r.available, r.stock_display, r.low_stock_threshold);
      if (sameAvailability(now, availabilityFor(r.available - r.delta, r.stock_display, r.low_stock_threshold))) continue;
      const list = bySf.get(r.storefront_id) ?? [];
      list.push({ sku: r.sku, availability: now, changedAt: new Date(committedAt.get(r.sku)!).toISOString() });
      bySf.set(r.storefront_id, list);
    }
    for (const [storefrontId, list] of bySf) await this.bus.publish(storefrontId, list);
  }
}
