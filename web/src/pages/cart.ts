import { ApiError } from '../api';
import type { Ctx, Page } from '../app';
import type { CartStore } from '../cart-store';
import { type Child, done, field, fill, form, h, orNull, selectField } from '../dom';
import { graphql, readFragment, type ResultOf } from '../graphql';
import { AddressFields, addressFields, formatAddress, Me, readAddress } from '../customer';
import { badge, liveStock, priceNote } from '../stock';

const MoneyFields = graphql(`
  fragment MoneyFields on Money {
    amount
    currency
  }
`);

const TotalsFields = graphql(
  `
    fragment TotalsFields on Totals {
      subtotalNet {
        ...MoneyFields
      }
      subtotalGross {
        ...MoneyFields
      }
      shipping {
        ...MoneyFields
      }
      shippingGross {
        ...MoneyFields
      }
      tax {
        ...MoneyFields
      }
      totalGross {
        ...MoneyFields
      }
      taxLines {
        rate
        tax {
          ...MoneyFields
        }
      }
    }
  `,
  [MoneyFields],
);

const OrderAddressFields = graphql(`
  fragment OrderAddressFields on OrderAddress {
    fullName
    companyName
    street
    houseNumber
    houseNumberAddition
    postalCode
    city
    country
  }
`);

const CartFields = graphql(
  `
    fragment CartFields on Cart {
      id
      status
      currency
      orderNumber
      reverseCharge
      email
      firstName
      lastName
      phone
      purchaseOrderNumber
      shippingAddress {
        ...OrderAddressFields
      }
      shippingMethod {
        code
        name
      }
      lines {
        sku
        name
        quantity
        product {
          slug
          name
        }
        unitPrice {
          amount
          currency
          includesTax
        }
        lineTotal {
          ...MoneyFields
        }
        availability {
          status
          quantity
        }
      }
      totals {
        ...TotalsFields
      }
    }
  `,
  [MoneyFields, TotalsFields, OrderAddressFields],
);

const CartQuery = graphql(
  `
    query Cart($id: ID!) {
      cart(id: $id) {
        ...CartFields
      }
      shippingMethods {
        code
        name
        countries
        price {
          ...MoneyFields
        }
        freeAbove {
          ...MoneyFields
        }
      }
    }
  `,
  [CartFields, MoneyFields],
);

const UpdateLine = graphql(`
  mutation UpdateLine($cartId: ID!, $sku: String!, $quantity: Int!) {
    updateCartLine(cartId: $cartId, sku: $sku, quantity: $quantity) {
      id
    }
  }
`);

const SetDetails = graphql(
  `
    mutation SetDetails($cartId: ID!, $input: CartDetailsInput!) {
      setCartDetails(cartId: $cartId, input: $input) {
        ...CartFields
      }
    }
  `,
  [CartFields],
);

export const OrderFields = graphql(
  `
    fragment OrderFields on Order {
      number
      status
      placedAt
      paidAt
      paymentDueAt
      currency
      pricesIncludeTax
      purchaseOrderNumber
      companyName
      vatNumber
      reverseCharge
      reverseChargeNote
      shippingMethodName
      cancelledAt
      shippingAddress {
        ...OrderAddressFields
      }
      lines {
        sku
        name
        quantity
        shippedQuantity
        taxRate
        unitPrice {
          ...MoneyFields
        }
        lineTotal {
          ...MoneyFields
        }
      }
      shipments {
        carrier
        trackingCode
        trackingUrl
        shippedAt
        lines {
          sku
          quantity
        }
      }
      totals {
        ...TotalsFields
      }
    }
  `,
  [MoneyFields, TotalsFields, OrderAddressFields],
);

const PlaceOrder = graphql(
  `
    mutation PlaceOrder($cartId: ID!) {
      placeOrder(cartId: $cartId) {
        ...OrderFields
      }
    }
  `,
  [OrderFields],
);

const MyOrders = graphql(`
  query MyOrders($after: String) {
    myOrders(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          number
          status
          placedAt
          purchaseOrderNumber
          totals {
            totalGross {
              amount
              currency
            }
          }
        }
      }
    }
  }
`);

const MyOrder = graphql(
  `
    query MyOrder($number: String!) {
      myOrder(number: $number) {
        ...OrderFields
      }
    }
  `,
  [OrderFields],
);

const CancelMyOrder = graphql(`
  mutation CancelMyOrder($number: String!) {
    cancelMyOrder(number: $number) {
      number
      status
    }
  }
`);

type CartData = ResultOf<typeof CartFields>;
type Totals = ResultOf<typeof TotalsFields>;
type OrderData = ResultOf<typeof OrderFields>;

const STATUS_TEXT: Record<string, string> = {
  AWAITING_PAYMENT: 'Awaiting payment',
  CONFIRMED: 'Confirmed',
  PARTIALLY_SHIPPED: 'Partly shipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Cancelled',
};

function totalsTable(ctx: Ctx, t: Totals, reverseCharge: boolean): HTMLElement {
  const m = (x: unknown) => ctx.money(readFragment(MoneyFields, x as never));
  const incl = ctx.shop.pricesIncludeTax;
  return h(
    'table',
    { class: 'totals', 'aria-label': 'Totals' },
    h(
      'tbody',
      null,
      h(
        'tr',
        null,
        h('th', null, `Subtotal ${incl ? 'incl.' : 'excl.'} VAT`),
        h('td', { class: 'num' }, m(incl ? t.subtotalGross : t.subtotalNet)),
      ),
      h('tr', null, h('th', null, 'Shipping'), h('td', { class: 'num' }, m(incl ? t.shippingGross : t.shipping))),
      reverseCharge
        ? h(
            'tr',
            { 'data-testid': 'reverse-charge' },
            h('th', null, 'VAT reverse charged (0 %)'),
            h('td', { class: 'num' }, m(t.tax)),
          )
        : t.taxLines.map((l) =>
            h('tr', null, h('th', null, `VAT ${l.rate} %${incl ? ' (included)' : ''}`), h('td', { class: 'num' }, m(l.tax))),
          ),
      h(
        'tr',
        null,
        h('th', null, h('strong', null, 'Total')),
        h('td', { class: 'num' }, h('strong', { 'data-testid': 'total' }, m(t.totalGross))),
      ),
    ),
  );
}

export function cartPages(cart: CartStore) {
  const load = async (ctx: Ctx) => {
    const id = cart.id;
    if (!id) return null;
    const r = await ctx.api.request(CartQuery, { id });
    const c = r.cart ? readFragment(CartFields, r.cart) : null;
    if (!c || c.status !== 'ACTIVE') {
      cart.id = null; // ordered or gone: the next add starts a new cart
      return null;
    }
    return { cart: c, methods: r.shippingMethods };
  };

  const cartPage: Page = async (ctx) => {
    const loaded = await load(ctx);
    if (!loaded || !loaded.cart.lines.length)
      return [h('h1', null, 'Cart'), h('p', null, 'Your cart is empty. ', h('a', { href: '#/' }, 'Browse the products'))];
    const c = loaded.cart;
    liveStock(
      ctx,
      c.lines.map((l) => l.sku),
    );
    const setQty = async (sku: string, quantity: number) => {
      try {
        await ctx.api.request(UpdateLine, { cartId: c.id, sku, quantity });
        ctx.go(`#/cart?t=${Date.now()}`);
      } catch (e) {
        ctx.announce(e instanceof Error ? e.message : String(e));
      }
    };
    return [
      h('h1', null, 'Cart'),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { 'aria-label': 'Cart lines' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', null, 'Product'),
              h('th', null, 'Quantity'),
              h('th', { class: 'num' }, `Price (${priceNote(ctx.shop.pricesIncludeTax)})`),
              h('th', { class: 'num' }, 'Total'),
            ),
          ),
          h(
            'tbody',
            null,
            c.lines.map((l) => {
              const qty = h('input', {
                type: 'number',
                min: 0,
                max: 9999,
                value: String(l.quantity),
                id: `cq-${l.sku}`,
                inputmode: 'numeric',
                style: 'width:5rem',
              });
              return h(
                'tr',
                null,
                h(
                  'td',
                  null,
                  h('a', { href: `#/p/${encodeURIComponent(l.product.slug)}` }, l.product.name),
                  h('br'),
                  h('small', null, `${l.name} · ${l.sku}`),
                  h('br'),
                  badge(l.sku, l.availability),
                ),
                h(
                  'td',
                  null,
                  h('label', { for: `cq-${l.sku}`, class: 'visually-hidden' }, `Quantity of ${l.name}`),
                  qty,
                  ' ',
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      onclick: () => void setQty(l.sku, Math.max(0, Number(qty.value) || 0)),
                    },
                    'Update',
                  ),
                  ' ',
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      'aria-label': `Remove ${l.name}`,
                      onclick: () => void setQty(l.sku, 0),
                    },
                    'Remove',
                  ),
                ),
                h('td', { class: 'num' }, ctx.money(l.unitPrice)),
                h('td', { class: 'num' }, ctx.money(readFragment(MoneyFields, l.lineTotal))),
              );
            }),
          ),
        ),
      ),
      totalsTable(ctx, readFragment(TotalsFields, c.totals), c.reverseCharge),
      h('p', null, h('a', { class: 'button', href: '#/checkout' }, 'Checkout')),
    ];
  };

  const checkoutPage: Page = async (ctx) => {
    const loaded = await load(ctx);
    if (!loaded || !loaded.cart.lines.length) return [h('h1', null, 'Checkout'), h('p', null, 'Your cart is empty.')];
    const b2b = ctx.shop.audience === 'B2B';
    if (b2b && !ctx.api.session) {
      return [
        h('h1', null, 'Checkout'),
        h('p', { class: 'notice' }, 'Business orders need an account: log in or register first. Your cart is kept.'),
        h(
          'p',
          null,
          h('a', { href: '#/login?next=%23%2Fcheckout' }, 'Log in'),
          ' · ',
          h('a', { href: '#/register' }, 'Register'),
        ),
      ];
    }
    const me = ctx.api.session ? (await ctx.api.request(Me, {})).me : null;
    const saved = me ? me.addresses.map((a) => readFragment(AddressFields, a)) : [];
    const companyAddress = me?.company ? readFragment(AddressFields, me.company.address) : null;
    const c = loaded.cart;
    const choices: Array<[string, string]> = [
      ...(companyAddress
        ? [
            [
              companyAddress.id,
              `Company address: ${companyAddress.street} ${companyAddress.houseNumber}, ${companyAddress.city}`,
            ] as [string, string],
          ]
        : []),
      ...saved.map((a): [string, string] => [a.id, `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}`]),
      ['new', 'A new address'],
    ];
    const review = h('section', { 'aria-labelledby': 'review-h', hidden: true });
    const shipTo =
      choices.length > 1
        ? selectField(
            'Ship to',
            'shipTo',
            choices,
            (saved.find((a) => a.defaultShipping) ?? companyAddress ?? saved[0])?.id ?? 'new',
          )
        : null;
    const newAddress = h(
      'fieldset',
      null,
      h('legend', null, 'Shipping address'),
      ...addressFields('ship.', 'shippingAddress', readAddressOf(c.shippingAddress)),
    );
    const syncNew = () =>
      (newAddress.hidden = Boolean(shipTo) && (shipTo!.querySelector('select') as HTMLSelectElement).value !== 'new');
    shipTo?.querySelector('select')?.addEventListener('change', syncNew);
    syncNew();
    const methods = h(
      'fieldset',
      null,
      h('legend', null, 'Shipping method'),
      loaded.methods.map((m, i) =>
        h(
          'div',
          { class: 'field check' },
          h('input', {
            type: 'radio',
            name: 'shippingMethodCode',
            id: `sm-${m.code}`,
            value: m.code,
            checked: c.shippingMethod ? c.shippingMethod.code === m.code : i === 0,
            'data-path': 'shippingMethodCode',
          }),
          h(
            'label',
            { for: `sm-${m.code}` },
            `${m.name} — ${ctx.money(readFragment(MoneyFields, m.price))}`,
            m.freeAbove ? h('span', { class: 'hint' }, ` (free from ${ctx.money(readFragment(MoneyFields, m.freeAbove))})`) : '',
          ),
        ),
      ),
    );
    const details = form(
      { label: 'Checkout details', submit: 'Continue to review' },
      [
        h(
          'fieldset',
          null,
          h('legend', null, 'Contact'),
          field('E-mail address', 'email', { type: 'email', value: c.email ?? me?.email, required: !me, autocomplete: 'email' }),
          field('First name', 'firstName', { value: c.firstName ?? me?.firstName, required: true, autocomplete: 'given-name' }),
          field('Last name', 'lastName', { value: c.lastName ?? me?.lastName, required: true, autocomplete: 'family-name' }),
          field('Phone', 'phone', { type: 'tel', value: c.phone ?? me?.phone, autocomplete: 'tel' }),
        ),
        shipTo,
        newAddress,
        methods,
        b2b
          ? field('Purchase order number', 'purchaseOrderNumber', {
              value: c.purchaseOrderNumber,
              hint: 'Printed on the invoice.',
            })
          : null,
      ],
      async (v) => {
        const useSaved = shipTo && v.shipTo !== 'new';
        const { setCartDetails } = await ctx.api.request(SetDetails, {
          cartId: c.id,
          input: {
            email: orNull(v.email),
            firstName: v.firstName,
            lastName: v.lastName,
            phone: orNull(v.phone),
            shippingMethodCode: v.shippingMethodCode ?? null,
            ...(useSaved ? { shippingAddressId: v.shipTo } : { shippingAddress: readAddress(v, 'ship.') }),
            ...(b2b ? { purchaseOrderNumber: orNull(v.purchaseOrderNumber) } : {}),
          },
        });
        showReview(ctx, review, readFragment(CartFields, setCartDetails));
      },
    );
    return [h('h1', null, 'Checkout'), details, review];
  };

  const showReview = (ctx: Ctx, review: HTMLElement, c: CartData) => {
    const place = h('button', { type: 'button' }, 'Place order');
    const error = h('p', { class: 'error', role: 'alert' });
    place.addEventListener('click', async () => {
      place.disabled = true;
      try {
        const { placeOrder } = await ctx.api.request(PlaceOrder, { cartId: c.id });
        cart.id = null;
        const order = readFragment(OrderFields, placeOrder);
        fill(
          review,
          h('h2', { id: 'review-h' }, 'Thank you for your order'),
          h(
            'p',
            { class: 'notice', role: 'status' },
            'Order ',
            h('strong', { 'data-testid': 'order-number' }, order.number),
            ` is placed (${STATUS_TEXT[order.status] ?? order.status}).`,
          ),
          orderDetails(ctx, order),
          ctx.api.session ? h('p', null, h('a', { href: '#/orders' }, 'My orders')) : null,
        );
        review.querySelector('h2')?.setAttribute('tabindex', '-1');
        review.querySelector<HTMLElement>('h2')?.focus();
      } catch (e) {
        place.disabled = false;
        error.textContent =
          e instanceof ApiError && e.code === 'INSUFFICIENT_STOCK'
            ? `Not enough stock: ${((e.extensions.lines as Array<{ sku: string; available: number }>) ?? []).map((l) => `${l.sku} (${l.available} available)`).join(', ')}. Change the quantities in the cart.`
            : e instanceof Error
              ? e.message
              : String(e);
      }
    });
    review.hidden = false;
    fill(
      review,
      h('h2', { id: 'review-h', tabindex: '-1' }, 'Review your order'),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, 'Ship to'),
        h('dd', null, c.shippingAddress ? formatAddress(readFragment(OrderAddressFields, c.shippingAddress)) : '—'),
        h('dt', null, 'Shipping'),
        h('dd', null, c.shippingMethod?.name ?? '—'),
        c.purchaseOrderNumber ? [h('dt', null, 'PO number'), h('dd', null, c.purchaseOrderNumber)] : null,
      ),
      c.reverseCharge
        ? h('p', { class: 'notice' }, 'VAT will be reverse charged: your company accounts for the VAT (0 % on the invoice).')
        : null,
      totalsTable(ctx, readFragment(TotalsFields, c.totals), c.reverseCharge),
      error,
      place,
    );
    review.querySelector<HTMLElement>('h2')?.focus();
  };

  const ordersPage: Page = async (ctx, _params, path) => {
    if (!ctx.api.session) {
      ctx.go('#/login?next=%23%2Forders');
      return [];
    }
    if (path[1]) {
      const { myOrder } = await ctx.api.request(MyOrder, { number: decodeURIComponent(path[1]) });
      if (!myOrder) return [h('h1', null, 'Order not found')];
      const order = readFragment(OrderFields, myOrder);
      const cancellable =
        (order.status === 'AWAITING_PAYMENT' || order.status === 'CONFIRMED') && !order.paidAt && !order.shipments.length;
      return [
        h('p', null, h('a', { href: '#/orders' }, '← My orders')),
        h('h1', null, `Order ${order.number}`),
        orderDetails(ctx, order),
        cancellable
          ? form({ label: 'Cancel this order', submit: 'Cancel order', danger: true }, [], async (_v, f) => {
              const { cancelMyOrder } = await ctx.api.request(CancelMyOrder, { number: order.number });
              done(f, `Order ${cancelMyOrder.number} is ${STATUS_TEXT[cancelMyOrder.status]?.toLowerCase()}.`);
            })
          : null,
      ];
    }
    const { myOrders } = await ctx.api.request(MyOrders, { after: null });
    return [
      h('h1', null, 'My orders'),
      myOrders.totalCount
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'aria-label': 'My orders' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', null, 'Order'),
                  h('th', null, 'Placed'),
                  h('th', null, 'Status'),
                  h('th', { class: 'num' }, 'Total'),
                ),
              ),
              h(
                'tbody',
                null,
                myOrders.edges.map(({ node: o }) =>
                  h(
                    'tr',
                    null,
                    h(
                      'td',
                      null,
                      h('a', { href: `#/orders/${encodeURIComponent(o.number)}` }, o.number),
                      o.purchaseOrderNumber ? h('small', null, ` PO ${o.purchaseOrderNumber}`) : '',
                    ),
                    h('td', null, new Date(o.placedAt).toLocaleDateString(ctx.shop.locale)),
                    h('td', null, STATUS_TEXT[o.status] ?? o.status),
                    h('td', { class: 'num' }, ctx.money(o.totals.totalGross)),
                  ),
                ),
              ),
            ),
          )
        : h('p', null, 'No orders yet.'),
    ];
  };

  return { cartPage, checkoutPage, ordersPage };
}

function readAddressOf(a: unknown): Partial<ReturnType<typeof readAddress>> {
  return a ? readFragment(OrderAddressFields, a as never) : {};
}

function orderDetails(ctx: Ctx, o: OrderData): Child {
  return [
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Status'),
      h('dd', { 'data-testid': 'order-status' }, STATUS_TEXT[o.status] ?? o.status),
      h('dt', null, 'Placed'),
      h('dd', null, new Date(o.placedAt).toLocaleString(ctx.shop.locale)),
      o.purchaseOrderNumber ? [h('dt', null, 'PO number'), h('dd', null, o.purchaseOrderNumber)] : null,
      o.companyName
        ? [h('dt', null, 'Company'), h('dd', null, `${o.companyName}${o.vatNumber ? ` · ${o.vatNumber}` : ''}`)]
        : null,
      o.paymentDueAt
        ? [h('dt', null, 'Payment due'), h('dd', null, new Date(o.paymentDueAt).toLocaleDateString(ctx.shop.locale))]
        : null,
      h('dt', null, 'Shipping'),
      h('dd', null, o.shippingMethodName),
      h('dt', null, 'Ship to'),
      h('dd', null, o.shippingAddress ? formatAddress(readFragment(OrderAddressFields, o.shippingAddress)) : '—'),
    ),
    o.reverseCharge
      ? h('p', { class: 'notice', 'data-testid': 'reverse-charge-note' }, o.reverseChargeNote ?? 'VAT reverse charged.')
      : null,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { 'aria-label': 'Order lines' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', null, 'Item'),
            h('th', { class: 'num' }, 'Qty'),
            h('th', { class: 'num' }, 'Shipped'),
            h('th', { class: 'num' }, 'VAT'),
            h('th', { class: 'num' }, 'Total'),
          ),
        ),
        h(
          'tbody',
          null,
          o.lines.map((l) =>
            h(
              'tr',
              null,
              h('td', null, l.name, h('br'), h('small', null, l.sku)),
              h('td', { class: 'num' }, String(l.quantity)),
              h('td', { class: 'num' }, String(l.shippedQuantity)),
              h('td', { class: 'num' }, `${l.taxRate} %`),
              h('td', { class: 'num' }, ctx.money(readFragment(MoneyFields, l.lineTotal))),
            ),
          ),
        ),
      ),
    ),
    totalsTable(ctx, readFragment(TotalsFields, o.totals), o.reverseCharge),
    o.shipments.length
      ? h(
          'section',
          { 'aria-labelledby': 'shipments-h' },
          h('h2', { id: 'shipments-h' }, 'Shipments'),
          h(
            'ul',
            null,
            o.shipments.map((s) =>
              h(
                'li',
                null,
                `${new Date(s.shippedAt).toLocaleDateString(ctx.shop.locale)} · ${s.carrier}`,
                s.trackingCode
                  ? [
                      ' · tracking ',
                      s.trackingUrl
                        ? h('a', { href: s.trackingUrl, rel: 'noopener noreferrer', target: '_blank' }, s.trackingCode)
                        : s.trackingCode,
                    ]
                  : '',
                ` · ${s.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}`,
              ),
            ),
          ),
        )
      : null,
  ];
}
