import type { Ctx } from './app';
import { h } from './dom';
import { graphql } from './graphql';

export interface Availability {
  status: 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';
  quantity: number | null;
}

const StockChanged = graphql(`
  subscription StockChanged($skus: [String!]) {
    stockChanged(skus: $skus) {
      sku
      availability {
        status
        quantity
      }
    }
  }
`);

export function stockText(a: Availability): string {
  if (a.status === 'OUT_OF_STOCK') return 'Out of stock';
  if (a.status === 'LOW_STOCK') return a.quantity === null ? 'Low stock' : `Only ${a.quantity} left`;
  return a.quantity === null ? 'In stock' : `In stock (${a.quantity})`;
}

/** An availability badge that liveStock() keeps current. */
export function badge(sku: string, a: Availability): HTMLElement {
  return h('span', { class: `badge ${a.status}`, 'data-sku': sku, 'data-status': a.status }, stockText(a));
}

function update(sku: string, a: Availability): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-sku]')) {
    if (el.dataset.sku !== sku) continue;
    el.className = `badge ${a.status} changed`;
    el.dataset.status = a.status;
    el.textContent = stockText(a);
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-add-sku]')) {
    if (b.dataset.addSku === sku) b.disabled = a.status === 'OUT_OF_STOCK';
  }
}

const Variants = graphql(`
  query VariantAvailability($skus: [String!]!) {
    variants(skus: $skus) {
      sku
      availability {
        status
        quantity
      }
    }
  }
`);

/**
 * Subscribes to stockChanged for the SKUs on the page until it is left; badges and buttons change in place.
 * After a reconnect the current availability is queried again (changes while the socket was down are not
 * replayed; docs/API.md).
 */
export function liveStock(ctx: Ctx, skus: string[]): void {
  if (!skus.length) return;
  const stop = ctx.api.subscribe(StockChanged, { skus }, ({ stockChanged }) => {
    update(stockChanged.sku, stockChanged.availability);
    ctx.announce(`${stockChanged.sku}: ${stockText(stockChanged.availability)}`);
  });
  const resync = ctx.api.onReconnect(() => {
    void ctx.api.request(Variants, { skus }).then(({ variants }) => {
      for (const v of variants) if (v) update(v.sku, v.availability);
    });
  });
  ctx.onLeave(stop);
  ctx.onLeave(resync);
}

export function priceNote(includesTax: boolean): string {
  return includesTax ? 'incl. VAT' : 'excl. VAT';
}
