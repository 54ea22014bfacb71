import { formatRate } from '../../../libs/pricing/src';
import { reverseChargeNote } from '../../../libs/pricing/src';
import { money } from './cart-pricer';
import type { OrderType } from './graphql/order.types';
import type { OrderViewRow } from './order.repository';

/** An order row (with lines, payments, shipments) as both APIs show it. */
export function toOrderView(r: OrderViewRow): OrderType {
  const c = r.currency.trim();
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    placedAt: r.placed_at,
    storefrontCode: r.storefront_code,
    currency: c,
    pricesIncludeTax: r.prices_include_tax,
    lines: r.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      shippedQuantity: l.shipped_quantity,
      unitPrice: money(l.unit_price_minor, c),
      lineTotal: money(BigInt(l.unit_price_minor) * BigInt(l.quantity), c),
      lineNet: money(l.net_minor, c),
      lineTax: money(l.tax_minor, c),
      taxRate: formatRate(l.tax_rate),
    })),
    totals: {
      subtotalNet: money(r.subtotal_net_minor, c),
      subtotalGross: money(r.subtotal_gross_minor, c),
      shipping: money(r.shipping_net_minor, c),
      shippingGross: money(r.shipping_gross_minor, c),
      tax: money(r.tax_minor, c),
      totalGross: money(r.total_gross_minor, c),
      taxLines: r.tax_lines.map((t) => ({ rate: t.rate, taxableAmount: money(t.netMinor, c), tax: money(t.taxMinor, c) })),
    },
    reverseCharge: r.reverse_charge,
    reverseChargeNote: r.reverse_charge && r.buyer_vat_number ? reverseChargeNote(r.seller_vat_number, r.buyer_vat_number) : null,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    phone: r.phone,
    companyName: r.company_name,
    vatNumber: r.buyer_vat_number,
    shippingAddress: r.shipping_address,
    billingAddress: r.billing_address,
    shippingMethodCode: r.shipping_method_code,
    shippingMethodName: r.shipping_method_name,
    purchaseOrderNumber: r.purchase_order_number,
    paymentDueAt: r.payment_due_at,
    paidAt: r.paid_at,
    payments: r.payments.map((p) => ({
      provider: p.provider,
      reference: p.reference,
      amount: money(p.amount_minor, c),
      recordedAt: new Date(p.recorded_at),
    })),
    shipments: r.shipments.map((s) => ({
      carrier: s.carrier,
      trackingCode: s.tracking_code,
      trackingUrl: s.tracking_url,
      shippedAt: new Date(s.shipped_at),
      lines: s.lines ?? [],
    })),
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    customerId: r.customer_id,
    companyId: r.company_id,
  };
}

/** What downstream systems get about an order (order.* events): everything invoicing and logistics need. */
export function orderEventData(o: OrderType, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: o.id,
    number: o.number,
    status: o.status,
    storefrontCode: o.storefrontCode,
    placedAt: o.placedAt,
    currency: o.currency,
    pricesIncludeTax: o.pricesIncludeTax,
    customerId: o.customerId,
    companyId: o.companyId,
    email: o.email,
    firstName: o.firstName,
    lastName: o.lastName,
    phone: o.phone,
    companyName: o.companyName,
    vatNumber: o.vatNumber,
    purchaseOrderNumber: o.purchaseOrderNumber,
    shippingAddress: o.shippingAddress,
    billingAddress: o.billingAddress,
    shippingMethod: { code: o.shippingMethodCode, name: o.shippingMethodName },
    lines: o.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice.amount,
      net: l.lineNet.amount,
      tax: l.lineTax.amount,
      taxRate: l.taxRate,
    })),
    totals: {
      subtotalNet: o.totals.subtotalNet.amount,
      shipping: o.totals.shipping.amount,
      shippingGross: o.totals.shippingGross.amount,
      tax: o.totals.tax.amount,
      totalGross: o.totals.totalGross.amount,
    },
    taxLines: o.totals.taxLines.map((t) => ({ rate: t.rate, taxableAmount: t.taxableAmount.amount, tax: t.tax.amount })),
    reverseCharge: o.reverseCharge,
    reverseChargeNote: o.reverseChargeNote,
    paymentDueAt: o.paymentDueAt,
    ...extra,
  };
}
