import { expect, test, type WebSocketRoute } from '@playwright/test';
import { baseUrl, openShop, pushStock, shot } from './support';

test('browse: the storefront, search, paging and a product with its variants', async ({ page }) => {
  await openShop(page, /Handug/);
  const header = page.getByRole('banner');
  await expect(header).toContainText('Handug Bouwmarkt NL');
  await expect(header.getByRole('list', { name: 'This storefront' })).toContainText(
    ['Brand: Handug', 'B2C', 'EUR', 'Prices incl. VAT'].join(''),
  );
  await expect(page.getByText(/^1–12 of \d+ products$/)).toBeVisible();
  await shot(page, 'catalog');

  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page.getByText(/^13–24 of \d+ products$/)).toBeVisible();
  await page.getByRole('link', { name: '← Previous' }).click();
  await expect(page.getByText(/^1–12 of/)).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search products' }).fill('beitel');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Products matching “beitel”');
  const first = page
    .getByRole('list', { name: /products$/ })
    .getByRole('listitem')
    .first();
  await expect(first).toContainText(/beitel/i);
  await first.getByRole('link').click();

  const variants = page.locator('ul.variants > li');
  await expect(variants.first()).toContainText(/€\s?\d+,\d\d incl\. VAT \(21 % VAT\)/);
  await expect(variants.first().locator('.badge')).toHaveText(/In stock|Only \d+ left|Low stock|Out of stock/);
  await shot(page, 'product');

  // The B2B shop states its prices without VAT.
  await openShop(page, /ABC PPE Business/);
  await expect(page.getByRole('banner')).toContainText('B2B');
  await expect(page.getByRole('banner')).toContainText('Prices excl. VAT');
  await expect(page.locator('.card .price').first()).toContainText('excl. VAT');
});

test('availability changes live when a warehouse pushes stock', async ({ page }) => {
  await openShop(page, /Handug/);
  await page.locator('.card h2 a').first().click();
  const row = page.locator('ul.variants > li').first();
  const sku = ((await row.locator('.badge').getAttribute('data-sku')) ?? '').trim();
  expect(sku).not.toBe('');
  const badge = row.locator('.badge');
  const add = row.getByRole('button', { name: 'Add to cart' });
  await expect(add).toBeEnabled();

  await pushStock('ams', [{ sku, onHand: 0 }]);
  await pushStock('ant', [{ sku, onHand: 0 }]);
  await expect(badge).toHaveText('Out of stock');
  await expect(badge).toHaveAttribute('data-status', 'OUT_OF_STOCK');
  await expect(add).toBeDisabled();
  await expect(page.getByRole('status')).toHaveText(`${sku}: Out of stock`);
  await shot(page, 'product-out-of-stock');

  await pushStock('ams', [{ sku, onHand: 2 }]);
  await expect(badge).toHaveAttribute('data-status', 'LOW_STOCK');
  await expect(badge).toHaveText(/Only 2 left|Low stock/);
  await expect(add).toBeEnabled();

  await pushStock('ams', [{ sku, onHand: 80 }]);
  await expect(badge).toHaveAttribute('data-status', 'IN_STOCK');
  await expect(badge).toHaveText(/In stock/);
});

test('after the subscription socket reconnects, a change missed meanwhile is shown', async ({ page }) => {
  // The shop's WebSocket goes through a proxy this test controls: it drops it, refuses reconnects for a while.
  let up = true;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/graphql$/, (ws) => {
    if (!up) return void ws.close({ code: 1013, reason: 'try again later' });
    ws.connectToServer();
    sockets.push(ws);
  });
  await openShop(page, /Handug/);
  const before = sockets.length; // the listing's socket closes with its subscription
  await page.locator('.card h2 a').nth(1).click();
  const badge = page.locator('ul.variants > li').first().locator('.badge');
  const sku = (await badge.getAttribute('data-sku'))!;
  await expect(badge).toHaveAttribute('data-status', 'IN_STOCK');
  await expect.poll(() => sockets.length).toBeGreaterThan(before);

  up = false;
  await sockets.at(-1)!.close({ code: 1012, reason: 'restart' });
  await pushStock('ams', [{ sku, onHand: 0 }]);
  await pushStock('ant', [{ sku, onHand: 0 }]);
  await page.waitForTimeout(500);
  await expect(badge).toHaveAttribute('data-status', 'IN_STOCK'); // missed: the socket was down
  up = true;
  await expect(badge).toHaveAttribute('data-status', 'OUT_OF_STOCK', { timeout: 20_000 });
  await pushStock('ams', [{ sku, onHand: 60 }]); // and live again after the reconnect
  await expect(badge).toHaveAttribute('data-status', 'IN_STOCK');
});

test('works at 375 px wide and by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openShop(page, /Handug/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'catalog-375');
  // After a page change the focus is on the content: Tab reaches the search field, Enter searches.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeFocused();
  await page.keyboard.type('zaag');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Products matching “zaag”');
  // The skip link moves the focus to the content without changing the route.
  const url = page.url();
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  expect(page.url()).toBe(url);
});

test('GraphiQL loads from this server only (no CDN)', async ({ page }) => {
  const hosts = new Set<string>();
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  await page.goto(`${baseUrl()}/graphql`);
  await expect(page.locator('.graphiql-container')).toBeVisible();
  expect([...hosts]).toEqual([new URL(baseUrl()).host]);
});
