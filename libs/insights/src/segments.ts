import type { CustomerSegment } from '../../domain/src';

/** Per storefront (the customer's registration storefront): when a customer is NEW, AT_RISK at the least, LAPSED. */
export interface SegmentThresholds {
  /** NEW while the first counted order is at most this many days old. */
  newDays: number;
  /** AT_RISK after max(2 × the usual interval between orders, this many days) without an order. */
  atRiskMinDays: number;
  /** LAPSED after this many days without an order. */
  lapsedDays: number;
}

export const DEFAULT_SEGMENT_THRESHOLDS: SegmentThresholds = { newDays: 30, atRiskMinDays: 60, lapsedDays: 365 };

/** What segments are computed from: the customer's counted orders (placed, committed, not cancelled). */
export interface OrderHistory {
  orders: number;
  firstAt: Date | null;
  lastAt: Date | null;
}

const DAY_MS = 86_400_000;

/**
 * Days without an order after which the customer is AT_RISK: twice their usual interval between orders
 * ((last − first) / (orders − 1), with at least two orders), never less than `atRiskMinDays`.
 */
export function atRiskAfterDays(h: OrderHistory, t: SegmentThresholds): number {
  if (h.orders < 2 || !h.firstAt || !h.lastAt) return t.atRiskMinDays;
  const usual = (h.lastAt.getTime() - h.firstAt.getTime()) / DAY_MS / (h.orders - 1);
  return Math.max(2 * usual, t.atRiskMinDays);
}

/**
 * The segment at `now`; precedence LAPSED > AT_RISK > NEW > ACTIVE, PROSPECT without orders. The database computes
 * the same in `customer_segment(...)` (migration Insights1764057600000); an e2e test compares both on a grid.
 */
export function classifySegment(h: OrderHistory, now: Date, t: SegmentThresholds): CustomerSegment {
  if (h.orders <= 0 || !h.firstAt || !h.lastAt) return 'PROSPECT';
  const sinceLast = (now.getTime() - h.lastAt.getTime()) / DAY_MS;
  if (sinceLast >= t.lapsedDays) return 'LAPSED';
  if (sinceLast > atRiskAfterDays(h, t)) return 'AT_RISK';
  if ((now.getTime() - h.firstAt.getTime()) / DAY_MS <= t.newDays) return 'NEW';
  return 'ACTIVE';
}

/** Field errors of a (partial) threshold change against the values it completes; [] when valid. */
export function segmentThresholdErrors(t: SegmentThresholds, names: Record<keyof SegmentThresholds, string>) {
  const errors: { path: string; message: string }[] = [];
  for (const k of ['newDays', 'atRiskMinDays', 'lapsedDays'] as const) {
    if (!Number.isInteger(t[k]) || t[k] < 1 || t[k] > 3650) errors.push({ path: names[k], message: 'must be 1..3650 days' });
  }
  if (!errors.length && t.newDays >= t.lapsedDays) errors.push({ path: names.newDays, message: 'must be below the lapsed days' });
  if (!errors.length && t.atRiskMinDays >= t.lapsedDays) {
    errors.push({ path: names.atRiskMinDays, message: 'must be below the lapsed days' });
  }
  return errors;
}
