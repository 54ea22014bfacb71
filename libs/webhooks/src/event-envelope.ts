/**
 * Event types delivered to webhooks (CONTRACT §6, plus `customer.invited`). OutboxService.add takes only these. An endpoint subscribes to
 * some of them, or to `*` (every type, including types added later).
 */
export const WEBHOOK_EVENT_TYPES = [
  'customer.registered',
  'customer.approved',
  'customer.rejected',
  'customer.updated',
  'customer.erased',
  'customer.email_change_requested',
  'customer.password_reset_requested',
  'customer.invited',
  'stock.changed',
  'order.placed',
  'order.paid',
  'order.shipped',
  'order.cancelled',
  'cart.abandoned',
  'customer.segment_changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const ALL_EVENTS = '*';

/** A valid entry of an endpoint's event filter: a known type, or `*`. */
export function isEventFilter(value: unknown): value is string {
  return value === ALL_EVENTS || (WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(value);
}

/** Whether an endpoint with these filters wants an event of this type. */
export function filterMatches(filters: readonly string[], type: string): boolean {
  return filters.includes(ALL_EVENTS) || filters.includes(type);
}

/**
 * Whether an endpoint receives an event: global endpoints (brand null) receive every brand's events and the
 * events that belong to no brand (`stock.changed`); a brand's endpoint receives only that brand's events.
 */
export function endpointReceives(
  endpoint: { brandId: string | null; events: readonly string[] },
  event: { brandId: string | null; type: string },
): boolean {
  if (endpoint.brandId !== null && endpoint.brandId !== event.brandId) return false;
  return filterMatches(endpoint.events, event.type);
}

/** The JSON body of every delivery (CONTRACT §6). */
export interface WebhookEnvelope {
  id: string;
  type: string;
  occurredAt: string;
  brandCode: string | null;
  data: unknown;
}

/**
 * The `data` of an event as receivers get it, from its payload as the outbox stores it. Every type is stored as
 * sent, except `stock.changed` written by the stock push statement, which stores its levels as columns
 * (`{ warehouseCode, skus, onHand, sequences }`: three arrays are built and stored several times faster than
 * thousands of objects) and is sent as `{ warehouseCode, levels: [{ sku, onHand, sequence }] }`.
 */
export function eventData(type: string, payload: unknown): unknown {
  if (type !== 'stock.changed' || !isColumnarLevels(payload)) return payload;
  const { warehouseCode, skus, onHand, sequences } = payload;
  return { warehouseCode, levels: skus.map((sku, i) => ({ sku, onHand: onHand[i], sequence: sequences[i] })) };
}

function isColumnarLevels(p: unknown): p is { warehouseCode: string; skus: string[]; onHand: number[]; sequences: string[] } {
  const c = p as { skus?: unknown; onHand?: unknown; sequences?: unknown } | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    Array.isArray(c.skus) &&
    Array.isArray(c.onHand) &&
    Array.isArray(c.sequences) &&
    c.onHand.length === c.skus.length &&
    c.sequences.length === c.skus.length
  );
}

/** The exact bytes that are signed and sent (fixed key order). */
export function envelopeBody(event: {
  id: string;
  type: string;
  occurredAt: Date | string;
  brandCode: string | null;
  data: unknown;
}): string {
  const envelope: WebhookEnvelope = {
    id: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    brandCode: event.brandCode,
    data: eventData(event.type, event.data),
  };
  return JSON.stringify(envelope);
}
