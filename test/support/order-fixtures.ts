import type { ApiClient } from './clients';
import { publish, push, setPrices, upsertProducts } from './catalog-fixtures';
import { Fixtures, type StorefrontFixture, uniqueCode } from './fixtures';

export const MONEY = `{ amount currency }`;
export const ADDRESS = `{ fullName companyName street houseNumber houseNumberAddition postalCode city country }`;
export const TOTALS = `{ subtotalNet ${MONEY} subtotalGross ${MONEY} shipping ${MONEY} shippingGross ${MONEY} tax ${MONEY} totalGross ${MONEY} taxLines { rate taxableAmount ${MONEY} tax ${MONEY} } }`;
export const CART = `{ id status currency reverseCharge email firstName lastName phone purchaseOrderNumber orderNumber
  lines { sku quantity name product { slug name } unitPrice { amount currency includesTax taxRate } lineTotal ${MONEY} availability { status quantity } }
  totals ${TOTALS} shippingAddress ${ADDRESS} billingAddress ${ADDRESS} shippingMethod { code name price ${MONEY} freeAbove ${MONEY} countries } }`;
export const ORDER = `{ id number status placedAt storefrontCode currency pricesIncludeTax reverseCharge reverseChargeNote email firstName lastName phone
  companyName vatNumber purchaseOrderNumber paymentDueAt paidAt cancelledAt cancelReason customerId companyId shippingMethodCode shippingMethodName
  lines { sku name quantity shippedQuantity unitPrice ${MONEY} lineTotal ${MONEY} lineNet ${MONEY} lineTax ${MONEY} taxRate }
  totals ${TOTALS} shippingAddress ${ADDRESS} billingAddress ${ADDRESS}
  payments { provider reference amount ${MONEY} recordedAt }
  shipments { carrier trackingCode trackingUrl shippedAt lines { sku quantity } } }`;

export const CREATE_CART = `mutation { createCart ${CART} }`;
export const ADD = `mutation($c: ID!, $s: String!, $q: Int!) { addToCart(cartId: $c, sku: $s, quantity: $q) ${CART} }`;
export const UPDATE_LINE = `mutation($c: ID!, $s: String!, $q: Int!) { updateCartLine(cartId: $c, sku: $s, quantity: $q) ${CART} }`;
export const DETAILS = `mutation($c: ID!, $i: CartDetailsInput!) { setCartDetails(cartId: $c, input: $i) ${CART} }`;
export const GET_CART = `query($id: ID!) { cart(id: $id) ${CART} }`;
export const PLACE = `mutation($c: ID!) { placeOrder(cartId: $c) ${ORDER} }`;
export const MERGE = `mutation($c: ID!) { mergeCart(cartId: $c) ${CART} }`;
export const LEVELS = `query($s: [String!]!) { stockLevels(skus: $s) { sku warehouseCode onHand reserved sequence } }`;

export const NL_ADDRESS = {
  fullName: 'Jan Jansen',
  street: 'Kerkstraat',
  houseNumber: '12',
  postalCode: '1017 gc',
  city: 'Amsterdam',
  country: 'NL',
};
export const BE_ADDRESS = {
  fullName: 'Piet Peeters',
  street: 'Grote Markt',
  houseNumber: '1',
  postalCode: '1000',
  city: 'Brussel',
  country: 'BE',
};

export interface Shop {
  brandCode: string;
  brandPrefix: string;
  w1: string;
  w2: string;
  b2c: StorefrontFixture;
  b2b: StorefrontFixture;
  inventory: ApiClient;
  /** SKUs: `${p}-STD` 21 % at 12.10 (B2C) / 10.00 (B2B); `${p}-RED` 9 % (book) 10.90 / 10.00; `${p}-ZERO` 0 % 5.00 / 5.00. */
  sku: { std: string; red: string; zero: string };
}

/**
 * One brand (VAT number NL) with a B2C storefront (prices incl. VAT) and a B2B storefront (net prices), both selling
 * from two warehouses (w1 first), three products of the three tax categories, stock pushed, and a shipping method
 * "standard" (NL, BE, DE; 4.95 incl. / 4.09 net; free above 50) on each.
 */
export async function openShop(fx: Fixtures, opts: { stock?: number; brandVat?: string | null } = {}): Promise<Shop> {
  const root = fx.root;
  const brandCode = await fx.brand(
    uniqueCode('shop'),
    opts.brandVat === undefined ? 'NL004495445B01' : (opts.brandVat ?? undefined),
  );
  const w1 = await fx.warehouse();
  const w2 = await fx.warehouse();
  const b2c = await fx.storefront({ brandCode, audience: 'B2C', warehouseCodes: [w1, w2], stockDisplay: 'EXACT' });
  const b2b = await fx.storefront({ brandCode, audience: 'B2B', warehouseCodes: [w1, w2], stockDisplay: 'EXACT' });
  const p = uniqueCode('p').toUpperCase();
  const slug = p.toLowerCase();
  const sku = { std: `${p}-STD`, red: `${p}-RED`, zero: `${p}-ZERO` };
  await upsertProducts(root, [
    { slug: `${slug}-std`, name: 'Safety shoe', taxCategory: 'STANDARD', variants: [{ sku: sku.std, name: 'Size 42' }] },
    { slug: `${slug}-red`, name: 'Manual', taxCategory: 'REDUCED', variants: [{ sku: sku.red, name: 'Paperback' }] },
    { slug: `${slug}-zero`, name: 'Gift card', taxCategory: 'ZERO', variants: [{ sku: sku.zero, name: 'Card' }] },
  ]);
  for (const sf of [b2c, b2b]) await publish(root, sf.code, [`${slug}-std`, `${slug}-red`, `${slug}-zero`]);
  await setPrices(root, [
    { storefrontCode: b2c.code, sku: sku.std, amount: '12.10' },
    { storefrontCode: b2c.code, sku: sku.red, amount: '10.90' },
    { storefrontCode: b2c.code, sku: sku.zero, amount: '5.00' },
    { storefrontCode: b2b.code, sku: sku.std, amount: '10.00' },
    { storefrontCode: b2b.code, sku: sku.red, amount: '10.00' },
    { storefrontCode: b2b.code, sku: sku.zero, amount: '5.00' },
  ]);
  const inventory = (await fx.apiKey(['INVENTORY_WRITE'], { warehouseCodes: [w1, w2] })).client;
  const stock = opts.stock ?? 100;
  await push(
    inventory,
    w1,
    Object.values(sku).map((s) => ({ sku: s, onHand: stock, sequence: '1' })),
  );
  for (const [sf, price] of [
    [b2c, '4.95'],
    [b2b, '4.09'],
  ] as const) {
    await root.ok(`mutation($i: CreateShippingMethodInput!) { createShippingMethod(input: $i) { code } }`, {
      i: {
        storefrontCode: sf.code,
        code: 'standard',
        name: 'Standard',
        price,
        freeAbove: '50.00',
        countries: ['NL', 'BE', 'DE'],
      },
    });
  }
  return { brandCode, brandPrefix: brandCode.toUpperCase(), w1, w2, b2c, b2b, inventory, sku };
}

/** A cart with these lines and complete guest details on a storefront. */
export async function guestCart(
  sf: StorefrontFixture,
  lines: [string, number][],
  details: Record<string, unknown> = {},
): Promise<string> {
  const cart = (await sf.client.ok(CREATE_CART)).createCart.id as string;
  for (const [s, q] of lines) await sf.client.ok(ADD, { c: cart, s, q });
  await sf.client.ok(DETAILS, {
    c: cart,
    i: {
      email: 'guest@example.nl',
      firstName: 'Jan',
      lastName: 'Jansen',
      shippingAddress: NL_ADDRESS,
      shippingMethodCode: 'standard',
      ...details,
    },
  });
  return cart;
}

export async function levels(root: ApiClient, skus: string[]) {
  return (await root.ok(LEVELS, { s: skus })).stockLevels as {
    sku: string;
    warehouseCode: string;
    onHand: number;
    reserved: number;
  }[];
}

// --- Payment, shipment, cancellation (order-lifecycle, concurrency) ---
export const PAY = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) ${ORDER} }`;
export const SHIP = `mutation($i: CreateShipmentInput!) { createShipment(input: $i) ${ORDER} }`;
export const CANCEL = `mutation($n: String!, $r: String!) { cancelOrder(number: $n, reason: $r) ${ORDER} }`;
export const CANCEL_MINE = `mutation($n: String!) { cancelMyOrder(number: $n) ${ORDER} }`;
export const ADMIN_ORDER = `query($n: String!) { order(number: $n) ${ORDER} }`;

export interface PlacedOrder {
  id: string;
  number: string;
  status: string;
  totals: { totalGross: { amount: string } };
  [k: string]: any;
}

/** Places a guest order with these lines on a storefront (as its client, which may be a logged-in customer's). */
export async function placeOrder(sf: StorefrontFixture, lines: [string, number][]): Promise<PlacedOrder> {
  const cart = await guestCart(sf, lines);
  return (await sf.client.ok(PLACE, { c: cart })).placeOrder;
}

/** Records the whole payment of an order. */
export async function pay(ops: ApiClient, order: PlacedOrder, reference = `tr_${order.number}`) {
  return (
    await ops.ok(PAY, { i: { orderNumber: order.number, provider: 'mollie', reference, amount: order.totals.totalGross.amount } })
  ).recordPayment as PlacedOrder;
}

/** The shipment input for these lines from a warehouse. */
export function shipment(order: PlacedOrder, warehouseCode: string, lines: [string, number][], stockSequence?: string) {
  return {
    orderNumber: order.number,
    warehouseCode,
    carrier: 'PostNL',
    trackingCode: '3SABCD1234567',
    trackingUrl: 'https://jouw.postnl.nl/track-and-trace/3SABCD1234567',
    lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
    ...(stockSequence === undefined ? {} : { stockSequence }),
  };
}

/** The events written for an aggregate, oldest first. */
export async function eventsOf(app: { db: { query: (sql: string, p: unknown[]) => Promise<any[]> } }, aggregateId: string) {
  return (await app.db.query(`SELECT type, payload FROM outbox_event WHERE aggregate_id = $1 ORDER BY position`, [
    aggregateId,
  ])) as { type: string; payload: Record<string, any> }[];
}
