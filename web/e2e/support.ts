import { expect, type Locator, type Page } from '@playwright/test';
import { Client } from 'pg';

export const ADMIN_EMAIL = 'root@web-e2e.test';
export const ADMIN_PASSWORD = 'web-e2e-root-password-1';
/** The local VIES stub answers "not registered" for this (well-formed) Dutch VAT number. */
export const NOT_REGISTERED_VAT = 'NL000099998B57';
/** …and is unavailable for this Belgian one (the account waits in PENDING_VERIFICATION). */
export const VIES_DOWN_VAT = 'BE0411905847';
export const SHOTS = `${__dirname}/../test-results/screenshots`;

export const baseUrl = (): string => process.env.WEB_BASE_URL!;

export const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Opens the shop on one of the demo storefronts (the picker, as a visitor would). */
export async function openShop(page: Page, shopLabel: RegExp): Promise<void> {
  await page.goto(`${baseUrl()}/#/shops`);
  await page.getByRole('listitem').filter({ hasText: shopLabel }).getByRole('button').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
}

async function graphql<T>(
  path: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

let adminToken: string | undefined;

/** The Admin API as the first admin (what a warehouse integration or the shop's staff would do). */
export async function admin<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  adminToken ??= (
    await graphql<{ adminLogin: { accessToken: string } }>(
      '/admin/graphql',
      'mutation($e: String!, $p: String!) { adminLogin(email: $e, password: $p) { accessToken } }',
      { e: ADMIN_EMAIL, p: ADMIN_PASSWORD },
    )
  ).adminLogin.accessToken;
  return graphql<T>('/admin/graphql', query, variables, { authorization: `Bearer ${adminToken}` });
}

let sequence = Date.now();

/** A warehouse pushes stock levels (as its integration would, over the Admin API). */
export async function pushStock(warehouseCode: string, levels: Array<{ sku: string; onHand: number }>): Promise<void> {
  await admin('mutation($w: String!, $l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: $w, levels: $l) { applied } }', {
    w: warehouseCode,
    l: levels.map((l) => ({ ...l, sequence: String(++sequence) })),
  });
}

/** A screenshot of the page's viewport, or of one part of it (README images come from these). */
export async function shot(page: Page, name: string, part?: Locator): Promise<void> {
  if (part) await part.screenshot({ path: `${SHOTS}/${name}.png` });
  else await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** The token of the newest event of this type for this e-mail address (what the e-mail link carries). */
export async function tokenFromEmail(type: string, emailField: string, email: string): Promise<string> {
  const db = new Client({ connectionString: process.env.WEB_DB_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ token: string }>(
      `SELECT payload->>'token' AS token FROM outbox_event WHERE type = $1 AND payload->>$2 = $3 ORDER BY position DESC LIMIT 1`,
      [type, emailField, email],
    );
    if (!rows[0]) throw new Error(`no ${type} event for ${email}`);
    return rows[0].token;
  } finally {
    await db.end();
  }
}

export const PASSWORD = 'correct horse battery staple';

export interface Buyer {
  firstName: string;
  lastName: string;
  email: string;
  company?: {
    name: string;
    vatNumber: string;
    kvkNumber?: string;
    street: string;
    houseNumber: string;
    postalCode: string;
    city: string;
    country?: string;
  };
}

type Company = NonNullable<Buyer['company']>;
/** A company in Amsterdam (Dutch: with a KvK number) or in Antwerp. */
export const dutchCompany = (vatNumber: string): Company => ({
  name: 'Voorbeeld B.V.',
  vatNumber,
  kvkNumber: '69599084',
  street: 'Kerkstraat',
  houseNumber: '1',
  postalCode: '1234 AB',
  city: 'Amsterdam',
});
export const belgianCompany = (vatNumber: string, name: string): Company => ({
  name,
  vatNumber,
  street: 'Meir',
  houseNumber: '1',
  postalCode: '2000',
  city: 'Antwerpen',
  country: 'BE',
});

/** Fills the registration form (B2C, or B2B with its company) without sending it. */
export async function fillRegistration(form: Locator, b: Buyer): Promise<void> {
  await form.getByLabel('First name').fill(b.firstName);
  await form.getByLabel('Last name').fill(b.lastName);
  await form.getByLabel('E-mail address').fill(b.email);
  await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
  const c = b.company;
  if (!c) return;
  await form.getByLabel('Company name').fill(c.name);
  await form.getByLabel('VAT number').fill(c.vatNumber);
  if (c.kvkNumber) await form.getByLabel('KvK number').fill(c.kvkNumber);
  await form.getByLabel('Street').fill(c.street);
  await form.getByLabel('House number').fill(c.houseNumber);
  await form.getByLabel('Postcode').fill(c.postalCode);
  await form.getByLabel('City').fill(c.city);
  await form.getByLabel('Country').selectOption(c.country ?? 'NL');
}

/** Registers a B2C buyer on the current shop and waits for My account. */
export async function registerB2C(page: Page, buyer: Buyer): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/register`);
  const form = page.getByRole('form', { name: 'Create an account' });
  await fillRegistration(form, buyer);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
}
