import { expect, type Page, test } from '@playwright/test';
import { admin, belgianCompany, fillRegistration, openShop, shot, unique } from './support';

async function addFirstProductMatching(page: Page, search: string, quantity: number): Promise<string> {
  await page.getByRole('searchbox', { name: 'Search products' }).fill(search);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Products matching “${search}”`);
  await page.locator('.card h2 a').first().click();
  const row = page
    .locator('ul.variants > li')
    .filter({ has: page.locator('.badge:not(.OUT_OF_STOCK)') })
    .first();
  const sku = (await row.locator('.badge').getAttribute('data-sku'))!;
  await row.getByLabel(/Quantity of/).fill(String(quantity));
  await row.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText(`Added ${quantity} × ${sku} to the cart.`)).toBeVisible();
  return sku;
}

test('B2C guest checkout: cart, details, shipping method, place order', async ({ page }) => {
  await openShop(page, /Handug/);
  const sku = await addFirstProductMatching(page, 'zaag', 1);
  await page.getByRole('banner').getByRole('link', { name: 'Cart' }).click();
  const lines = page.getByRole('table', { name: 'Cart lines' });
  await expect(lines).toContainText(sku);
  await lines.getByLabel(/Quantity of/).fill('3');
  await lines.getByRole('button', { name: 'Update' }).click();
  await expect(lines.getByLabel(/Quantity of/)).toHaveValue('3');
  await expect(page.getByRole('table', { name: 'Totals' })).toContainText('Subtotal incl. VAT');
  await expect(page.getByRole('table', { name: 'Totals' })).toContainText('VAT 21 % (included)');
  await shot(page, 'cart');

  await page.getByRole('link', { name: 'Checkout' }).click();
  const form = page.getByRole('form', { name: 'Checkout details' });
  await form.getByLabel('E-mail address').fill(`${unique('gast')}@example.nl`);
  await form.getByLabel('First name').fill('Gerda');
  await form.getByLabel('Last name').fill('Gast');
  await form.getByLabel('Street').fill('Kerkstraat');
  await form.getByLabel('House number').fill('1');
  await form.getByLabel('Postcode').fill('1017 XX 9');
  await form.getByLabel('City').fill('Amsterdam');
  await form.getByLabel(/^Express/).check();
  await form.getByRole('button', { name: 'Continue to review' }).click();
  await expect(form.getByLabel('Postcode')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Postcode').fill('1017GC');
  await form.getByRole('button', { name: 'Continue to review' }).click();

  const review = page.getByRole('region', { name: 'Review your order' });
  await expect(review).toContainText('Kerkstraat 1');
  await expect(review).toContainText('1017 GC Amsterdam');
  await expect(review).toContainText('Express');
  await shot(page, 'checkout-review', review);
  await review.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
  await expect(page.getByTestId('order-number')).toHaveText(/^[A-Z]+-\d+$/);
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');

  // The ordered cart is done: the cart is empty again.
  await page.getByRole('banner').getByRole('link', { name: 'Cart' }).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
});

test('B2B checkout: PO number, reverse charge for an EU business abroad, my orders with shipment tracking', async ({ page }) => {
  const email = `${unique('inkoop')}@voorbeeld.be`;
  await openShop(page, /ABC PPE Business/);
  const sku = await addFirstProductMatching(page, 'safety', 12);

  // A guest cannot order on a B2B shop: register (a Belgian company, VIES valid), and the cart comes along.
  await page.getByRole('banner').getByRole('link', { name: 'Cart' }).click();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByText('Business orders need an account')).toBeVisible();
  await page.getByRole('link', { name: 'Register' }).click();
  const reg = page.getByRole('form', { name: 'Register your business account' });
  const company = belgianCompany('BE0428759497', 'Claes Bouw BV');
  await fillRegistration(reg, { firstName: 'Bart', lastName: 'Claes', email, company });
  await reg.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: 'Cart' }).click();
  await expect(page.getByRole('table', { name: 'Cart lines' })).toContainText(sku);
  await expect(page.getByTestId('reverse-charge')).toBeVisible();
  await page.getByRole('link', { name: 'Checkout' }).click();
  const form = page.getByRole('form', { name: 'Checkout details' });
  await expect(form.getByLabel('Ship to')).toHaveValue(/.+/);
  await expect(form.getByLabel('Ship to').locator('option:checked')).toHaveText(/^Company address: Meir 1/);
  await form.getByLabel('Purchase order number').fill('PO-2026-042');
  await form.getByRole('button', { name: 'Continue to review' }).click();
  const review = page.getByRole('region', { name: 'Review your order' });
  await expect(review).toContainText('PO-2026-042');
  await expect(review).toContainText('VAT will be reverse charged');
  await expect(review.getByTestId('reverse-charge')).toContainText('0,00');
  await review.getByRole('button', { name: 'Place order' }).click();
  const number = (await page.getByTestId('order-number').textContent())!;
  await expect(page.getByTestId('reverse-charge-note')).toBeVisible();

  // The warehouse ships it (Admin API); My orders shows the tracking link.
  let shipped = false;
  for (const warehouseCode of ['ams', 'ant']) {
    try {
      await admin('mutation($i: CreateShipmentInput!) { createShipment(input: $i) { status } }', {
        i: {
          orderNumber: number,
          warehouseCode,
          carrier: 'PostNL',
          trackingCode: '3SABCD1234567',
          trackingUrl: 'https://tracking.example/3SABCD1234567',
          lines: [{ sku, quantity: 12 }],
        },
      });
      shipped = true;
      break;
    } catch {
      /* reserved in the other warehouse */
    }
  }
  expect(shipped).toBe(true);
  await page.getByRole('link', { name: 'My orders' }).click();
  const orders = page.getByRole('table', { name: 'My orders' });
  await expect(orders).toContainText(number);
  await expect(orders).toContainText('PO PO-2026-042');
  await orders.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${number}`);
  await expect(page.getByTestId('order-status')).toHaveText('Shipped');
  await expect(page.getByRole('link', { name: '3SABCD1234567' })).toHaveAttribute(
    'href',
    'https://tracking.example/3SABCD1234567',
  );
  await expect(page.getByTestId('reverse-charge-note')).toBeVisible();
  await shot(page, 'order-b2b');
});
