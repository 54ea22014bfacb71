import { Api, ApiError } from './api';
import { type Ctx, type Page, type Shop, StorefrontInfo, chooseToken, chosenToken, formatMoney } from './app';
import { CartStore } from './cart-store';
import { type Child, append, h } from './dom';
import { catalogPage, productPage } from './pages/catalog';
import { accountDeletedPage, accountPage } from './pages/account';
import { authPages } from './pages/auth';
import { cartPages } from './pages/cart';
import { shopsPage } from './pages/shops';

const main = document.getElementById('main')!;
const header = document.getElementById('site-header')!;
const status = document.getElementById('status')!;

let leave: Array<() => void> = [];
let ctx: Ctx | null = null;
let cart: CartStore | null = null;

function announce(text: string): void {
  status.textContent = text;
}

function renderHeader(shop: Shop | null, api: Api | null): void {
  const loggedIn = Boolean(api?.session);
  header.replaceChildren(
    h(
      'div',
      { class: 'shop' },
      h('strong', null, shop ? shop.name : 'Storefront Hub demo shop'),
      shop
        ? h(
            'ul',
            { class: 'tags', 'aria-label': 'This storefront' },
            h('li', null, `Brand: ${shop.brand.name}`),
            h('li', { 'data-testid': 'audience' }, shop.audience),
            h('li', null, shop.currency),
            h('li', { 'data-testid': 'price-mode' }, shop.pricesIncludeTax ? 'Prices incl. VAT' : 'Prices excl. VAT'),
          )
        : '',
    ),
    h(
      'nav',
      { 'aria-label': 'Main' },
      h(
        'ul',
        null,
        shop ? h('li', null, h('a', { href: '#/' }, 'Products')) : '',
        shop ? h('li', null, h('a', { href: '#/cart' }, 'Cart')) : '',
        shop ? h('li', null, h('a', { href: loggedIn ? '#/account' : '#/login' }, loggedIn ? 'My account' : 'Log in')) : '',
        h('li', null, h('a', { href: '#/shops' }, 'Change shop')),
      ),
    ),
  );
}

async function addToCart(sku: string, quantity: number): Promise<void> {
  try {
    const items = await cart!.add(sku, quantity);
    announce(`Added to cart. The cart has ${items} item${items === 1 ? '' : 's'}.`);
    showToast(`Added ${quantity} × ${sku} to the cart.`);
  } catch (e) {
    showToast(e instanceof ApiError ? e.message : String(e), true);
  }
}

function showToast(text: string, bad = false): void {
  const note = h(
    'p',
    { class: `notice${bad ? ' bad' : ''}`, role: bad ? 'alert' : 'status' },
    text,
    ' ',
    h('a', { href: '#/cart' }, 'View cart'),
  );
  main.querySelector('.toast')?.remove();
  note.classList.add('toast');
  main.prepend(note);
}

function routes(cartStore: CartStore): Record<string, Page> {
  const auth = authPages(cartStore);
  const shop = cartPages(cartStore);
  return {
    cart: shop.cartPage,
    checkout: shop.checkoutPage,
    orders: shop.ordersPage,
    '': catalogPage,
    p: productPage(addToCart),
    login: auth.loginPage,
    register: auth.registerPage,
    reset: auth.resetPage,
    'confirm-email': auth.confirmEmailPage,
    join: auth.joinPage,
    account: accountPage(cartStore),
    'account-deleted': accountDeletedPage,
  };
}
let table: Record<string, Page> = {};

async function route(): Promise<void> {
  for (const fn of leave) fn();
  leave = [];
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/');
  const params = new URLSearchParams(query ?? '');
  let nodes: Child;
  try {
    if (parts[0] === 'shops' || !ctx) nodes = await shopsPage(() => void start());
    else {
      const page = table[parts[0]];
      nodes = page
        ? await page(ctx, params, parts)
        : [h('h1', null, 'Not found'), h('p', null, h('a', { href: '#/' }, 'To the products'))];
    }
  } catch (e) {
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED' && ctx) {
      // The session ended (logged out elsewhere, refresh token expired): log in again, then come back.
      ctx.api.setSession(null);
      ctx.refreshHeader();
      ctx.go(`#/login?next=${encodeURIComponent(location.hash)}`);
      return;
    }
    nodes = [
      h('h1', null, 'Something went wrong'),
      h('p', { role: 'alert', class: 'error' }, e instanceof Error ? e.message : String(e)),
    ];
  }
  main.replaceChildren();
  append(main, [nodes]);
  const h1 = main.querySelector('h1');
  document.title = `${h1?.textContent ?? 'Shop'} · ${ctx?.shop.name ?? 'Storefront Hub demo shop'}`;
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

async function start(): Promise<void> {
  const token = chosenToken();
  ctx = null;
  if (token) {
    const api = new Api(token);
    try {
      const { storefront } = await api.request(StorefrontInfo, {});
      api.onSessionEnd = () => renderHeader(storefront, api);
      cart = new CartStore(api);
      table = routes(cart);
      ctx = {
        api,
        shop: storefront,
        onLeave: (fn) => leave.push(fn),
        go: (hash) => {
          if (location.hash === hash) void route();
          else location.hash = hash;
        },
        announce,
        refreshHeader: () => renderHeader(storefront, api),
        money: formatMoney(storefront),
      };
      document.documentElement.lang = storefront.locale.split('-')[0];
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNKNOWN_STOREFRONT') chooseToken(null);
      else throw e;
    }
  }
  renderHeader(ctx?.shop ?? null, ctx?.api ?? null);
  await route();
}

window.addEventListener('hashchange', () => void route());
// The routes live in the hash: the skip link moves the focus instead of navigating.
document.querySelector('.skip')?.addEventListener('click', (ev) => {
  ev.preventDefault();
  main.focus();
});
void start();
