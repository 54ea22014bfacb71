import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { badInput, DomainError, type FieldError } from '../../../libs/errors/src';
import { parseAmount } from '../../../libs/pricing/src';
import { parseSequence } from '../../../libs/stock/src';
import type { RequestContext } from '../../core/context/request-context';
import { DatabaseService } from '../../core/database/database.service';
import { OutboxService } from '../events/outbox.service';
import { StockReservationService } from '../inventory/stock-reservation.service';
import { WarehousesService } from '../tenants/warehouses.service';
import type { CreateShipmentInput, RecordPaymentInput } from './graphql/admin/order-ops.types';
import type { OrderType } from './graphql/order.types';
import { OrderRepository } from './order.repository';
import { OrderOpsRepository } from './order-ops.repository';
import { orderEventData, toOrderView } from './order-view';

/** A locked order the caller may change, as both APIs show it (with its brand for events). */
export interface LockedOrder {
  view: OrderType;
  brandId: string;
  paidMinor: bigint;
}

/**
 * Payments and shipments recorded on the Admin API (by people or by the payment and warehouse systems' keys).
 * Each is one transaction on the locked order with its `order.paid` / `order.shipped` event.
 */
@Injectable()
export class OrderAdminService {
  constructor(
    private readonly db: DatabaseService,
    private readonly orders: OrderRepository,
    private readonly ops: OrderOpsRepository,
    private readonly stock: StockReservationService,
    private readonly warehouses: WarehousesService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Records a payment of the whole order: AWAITING_PAYMENT becomes CONFIRMED; a B2B order on account is marked paid
   * and keeps its status. The same (provider, reference) again answers the order unchanged.
   */
  async recordPayment(ctx: RequestContext, input: RecordPaymentInput): Promise<OrderType> {
    const provider = input.provider.trim();
    const reference = input.reference.trim();
    return this.db.transaction(async () => {
      const order = await this.lockOrder(ctx, input.orderNumber);
      const o = order.view;
      const recordedFor = await this.ops.paymentOrder(ctx, provider, reference);
      if (recordedFor === o.id) return o; // a repeated notification: already recorded
      if (recordedFor) throw this.referenceTaken();
      if (o.status === 'CANCELLED' || order.paidMinor > 0n) {
        throw new DomainError('BAD_USER_INPUT', `Order ${o.number} is ${o.paidAt ? 'already paid' : 'cancelled'}.`, {
          extensions: { status: o.status },
        });
      }
      const amount = parseAmount(input.amount, o.currency);
      const total = parseAmount(o.totals.totalGross.amount, o.currency);
      if (!amount.ok || !total.ok || amount.minor !== total.minor) {
        throw badInput([
          {
            path: 'input.amount',
            message: amount.ok ? `must equal the order total ${o.totals.totalGross.amount}` : amount.message,
          },
        ]);
      }
      const recorded = await this.ops.recordPayment(
        ctx,
        { id: o.id, brandId: order.brandId },
        { id: uuidv7(), provider, reference, amountMinor: amount.minor },
      );
      if (!recorded) throw this.referenceTaken();
      const paid = await this.view(ctx, o.id);
      await this.outbox.add({
        type: 'order.paid',
        brandId: order.brandId,
        aggregateId: o.id,
        data: orderEventData(paid, {
          paidAt: paid.paidAt,
          payment: { provider, reference, amount: o.totals.totalGross.amount },
        }),
      });
      return paid;
    });
  }

  /**
   * Records a parcel that left a warehouse with some of the order's units: the units leave the order's
   * reservation there (StockReservationService.ship), the lines count them, the order becomes PARTIALLY_SHIPPED or
   * SHIPPED. Only paid or on-account (CONFIRMED) orders ship.
   */
  async createShipment(ctx: RequestContext, input: CreateShipmentInput): Promise<OrderType> {
    const stockSequence = this.sequence(input.stockSequence);
    const warehouse = await this.warehouses.findByCode(ctx, input.warehouseCode);
    const actor = ctx.actor;
    if (actor?.kind === 'apiKey' && actor.warehouseIds.length && (!warehouse || !actor.warehouseIds.includes(warehouse.id))) {
      throw new DomainError('FORBIDDEN', `This API key may not ship from warehouse "${input.warehouseCode.slice(0, 100)}".`);
    }
    if (!warehouse) {
      throw new DomainError('NOT_FOUND', `Warehouse "${input.warehouseCode.slice(0, 100)}" was not found.`, {
        fieldErrors: [{ path: 'input.warehouseCode', message: 'unknown warehouse' }],
      });
    }
    return this.db.transaction(async () => {
      const order = await this.lockOrder(ctx, input.orderNumber);
      const o = order.view;
      if (o.status !== 'CONFIRMED' && o.status !== 'PARTIALLY_SHIPPED') {
        const why = o.status === 'AWAITING_PAYMENT' ? 'ship it after payment' : `it is ${o.status}`;
        throw new DomainError('BAD_USER_INPUT', `Order ${o.number} cannot ship: ${why}.`, { extensions: { status: o.status } });
      }
      const lines = this.checkLines(o, input.lines);
      const shipmentId = uuidv7();
      const carrier = input.carrier.trim();
      const trackingCode = input.trackingCode?.trim() || null;
      const trackingUrl = input.trackingUrl ?? null;
      await this.ops.insertShipment(ctx, {
        id: shipmentId,
        orderId: o.id,
        warehouseId: warehouse.id,
        carrier,
        trackingCode,
        trackingUrl,
        lines,
      });
      try {
        await this.stock.ship(ctx, o.id, shipmentId, warehouse.id, lines, stockSequence);
      } catch (e) {
        // Its paths are relative to the lines given; on this API they are inside `input`.
        if (e instanceof DomainError && e.fieldErrors) {
          throw badInput(
            e.fieldErrors.map((f) => ({ ...f, path: `input.${f.path}` })),
            e.message,
          );
        }
        throw e;
      }
      await this.ops.settleShippedStatus(ctx, o.id);
      const shipped = await this.view(ctx, o.id);
      await this.outbox.add({
        type: 'order.shipped',
        brandId: order.brandId,
        aggregateId: o.id,
        data: orderEventData(shipped, {
          shipment: { warehouseCode: warehouse.code, carrier, trackingCode, trackingUrl, lines },
          shippedQuantities: shipped.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, shipped: l.shippedQuantity })),
        }),
      });
      return shipped;
    });
  }

  /** Locks an order the caller may change and reads it after the lock (NOT_FOUND when not theirs). */
  async lockOrder(ctx: RequestContext, number: string): Promise<LockedOrder> {
    const locked = number.length <= 80 ? await this.ops.lock(ctx, number) : null;
    if (!locked)
      throw new DomainError('NOT_FOUND', 'Order was not found.', { fieldErrors: [{ path: 'number', message: 'unknown order' }] });
    const [row] = await this.orders.views(ctx, [locked.id]);
    return { view: toOrderView(row), brandId: locked.brand_id, paidMinor: BigInt(row.paid_minor) };
  }

  async view(ctx: RequestContext, id: string): Promise<OrderType> {
    const [row] = await this.orders.views(ctx, [id]);
    return toOrderView(row);
  }

  private checkLines(o: OrderType, lines: { sku: string; quantity: number }[]): { sku: string; quantity: number }[] {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      const line = o.lines.find((x) => x.sku === l.sku);
      if (seen.has(l.sku)) errors.push({ path: `input.lines.${i}.sku`, message: 'appears twice' });
      else if (!line) errors.push({ path: `input.lines.${i}.sku`, message: 'is not in the order' });
      else if (l.quantity > line.quantity - line.shippedQuantity) {
        errors.push({
          path: `input.lines.${i}.quantity`,
          message: `only ${line.quantity - line.shippedQuantity} unit(s) left to ship`,
        });
      }
      seen.add(l.sku);
    });
    if (errors.length) throw badInput(errors);
    return lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
  }

  private sequence(raw: string | null | undefined): bigint | null {
    if (raw === null || raw === undefined) return null;
    const v = parseSequence(raw.trim());
    if (v === null) throw badInput([{ path: 'input.stockSequence', message: 'must be a decimal integer from 0 to 2^63−1' }]);
    return v;
  }

  private referenceTaken(): DomainError {
    return badInput([{ path: 'input.reference', message: 'this payment was already recorded for another order' }]);
  }
}
