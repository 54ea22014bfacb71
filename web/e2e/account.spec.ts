import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import {
  belgianCompany,
  dutchCompany,
  fillRegistration,
  NOT_REGISTERED_VAT,
  openShop,
  PASSWORD,
  registerB2C,
  shot,
  tokenFromEmail,
  unique,
  VIES_DOWN_VAT,
} from './support';

/** The error line tied to a labelled field (aria-describedby), and the field itself. */
async function expectFieldError(page: Page, label: string | RegExp, message: string | RegExp) {
  const input = page.getByLabel(label, { exact: typeof label === 'string' });
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  // The error comes first in the field's description, before its hint.
  await expect(input).toHaveAccessibleDescription(typeof message === 'string' ? new RegExp(`^${message}`) : message);
}

test('B2C: register, edit My account, download my data, delete the account', async ({ page }) => {
  const email = `${unique('jan')}@example.nl`;
  await openShop(page, /Handug/);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Create an account' }).click();
  const form = page.getByRole('form', { name: 'Create an account' });
  await form.getByLabel('First name').fill('Jan');
  await form.getByLabel('Last name').fill('Jansen');
  await form.getByLabel('E-mail address').fill(email);
  await form.getByLabel('Password', { exact: true }).fill('short');
  await form.getByRole('button', { name: 'Create account' }).click();
  // The API's extensions.fieldErrors, next to the field.
  await expectFieldError(page, 'Password', /^Password must be at least 10 characters/);
  await expect(form.getByLabel('Password', { exact: true })).toBeFocused();
  await shot(page, 'register-field-error');

  await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await form.getByLabel('Send me the newsletter').check();
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(page.getByText('Welcome, Jan! Your account is ready.')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Privacy choices' }).getByLabel('Newsletter by e-mail')).toBeChecked();

  const profile = page.getByRole('form', { name: 'Profile' });
  await profile.getByLabel('Last name').fill('de Vries');
  await profile.getByLabel('Phone').fill('06 12345678');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByRole('status')).toHaveText('Profile saved.');
  await expect(profile.getByLabel('Phone')).toHaveValue('+31612345678'); // normalised by the API

  // A Dutch postcode in the wrong format is refused next to the field, then saved normalised.
  await page.getByText('Add an address', { exact: true }).click();
  const address = page.getByRole('form', { name: 'Add an address' });
  await address.getByLabel('Street').fill('Kerkstraat');
  await address.getByLabel('House number').fill('12');
  await address.getByLabel('Postcode').fill('12345');
  await address.getByLabel('City').fill('Amsterdam');
  await address.getByRole('button', { name: 'Add address' }).click();
  await expectFieldError(page, 'Postcode', /.+/);
  await address.getByLabel('Postcode').fill('1017gc');
  await address.getByRole('button', { name: 'Add address' }).click();
  const addresses = page.getByRole('list', { name: 'My addresses' });
  await expect(addresses).toContainText('1017 GC Amsterdam');
  await expect(addresses).toContainText('Default shipping');

  const consents = page.getByRole('form', { name: 'Privacy choices' });
  await consents.getByLabel('Analytics of my visits').check();
  await consents.getByRole('button', { name: 'Save choices' }).click();
  await expect(consents.getByRole('status')).toHaveText('Your choices were saved.');

  const password = page.getByRole('form', { name: 'Change password' });
  await password.getByLabel('Current password').fill(PASSWORD);
  await password.getByLabel('New password').fill(`${PASSWORD}!`);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('status')).toContainText('Your password was changed.');

  const emailChange = page.getByRole('form', { name: 'Change e-mail address' });
  await emailChange.getByLabel('New e-mail address').fill(`new.${email}`);
  await emailChange.getByLabel('Password').fill('wrong password 123');
  await emailChange.getByRole('button', { name: 'Change e-mail address' }).click();
  await expect(emailChange.getByRole('alert')).toBeVisible();
  await emailChange.getByLabel('Password').fill(`${PASSWORD}!`);
  await emailChange.getByRole('button', { name: 'Change e-mail address' }).click();
  await expect(emailChange.getByRole('status')).toContainText(`We sent a confirmation link to new.${email}`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await shot(page, 'my-account');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my data' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('my-data.json');
  const data = JSON.stringify(JSON.parse(readFileSync((await file.path())!, 'utf8')));
  expect(data).toContain(email);
  expect(data).toContain('de Vries');
  expect(data).toContain('Kerkstraat');

  const del = page.getByRole('form', { name: 'Delete my account' });
  await del.getByLabel('Password').fill(`${PASSWORD}!`);
  await del.getByRole('button', { name: 'Delete my account' }).click();
  await expectFieldError(page, /I understand/, 'Tick the box to confirm.');
  await del.getByLabel(/I understand/).check();
  await del.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account was deleted' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: 'Log in' }).click();
  const login = page.getByRole('form', { name: 'Log in' });
  await login.getByLabel('E-mail address').fill(email);
  await login.getByLabel('Password').fill(`${PASSWORD}!`);
  await login.getByRole('button', { name: 'Log in' }).click();
  await expect(login.getByRole('alert')).toHaveText('E-mail address or password is not correct.');
});

test('B2B: a VAT number VIES does not know is shown at the field, then registration succeeds', async ({ page }) => {
  const email = `${unique('inkoop')}@voorbeeld.nl`;
  await openShop(page, /ABC PPE Business/);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Create an account' }).click();
  const form = page.getByRole('form', { name: 'Register your business account' });
  const company = dutchCompany('NL123');
  await fillRegistration(form, { firstName: 'Petra', lastName: 'Bakker', email, company });
  await form.getByRole('button', { name: 'Create account' }).click();
  await expectFieldError(page, 'VAT number', /^This is not the format of a NL VAT number/);

  await form.getByLabel('VAT number').fill(NOT_REGISTERED_VAT);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expectFieldError(page, 'VAT number', 'VAT number is not registered in VIES');
  await shot(page, 'register-b2b-vat-error', form.getByRole('group', { name: 'Your company' }));

  await form.getByLabel('VAT number').fill('NL004495445B01');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  const companySection = page.getByRole('region', { name: 'Company' });
  await expect(companySection.getByTestId('vat-status')).toContainText(/VALID · consultation WAPI\d+/);
  await expect(companySection).toContainText('Administrator');

  const invite = page.getByRole('form', { name: 'Invite a colleague' });
  const colleague = `${unique('collega')}@voorbeeld.nl`;
  await invite.getByLabel(/e-mail address/).fill(colleague);
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.getByRole('status')).toContainText(`Invitation sent to ${colleague}`);
  await shot(page, 'my-account-b2b');

  // The colleague follows the invitation e-mail's link, joins as a buyer and logs in.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  const token = await tokenFromEmail('customer.invited', 'email', colleague);
  await page.goto(`${page.url().split('#')[0]}#/join?token=${encodeURIComponent(token)}`);
  const join = page.getByRole('form', { name: 'Join your company' });
  await join.getByLabel('First name').fill('Kim');
  await join.getByLabel('Last name').fill('de Jong');
  await join.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText(`Welcome! Log in as ${colleague}.`)).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  const login = page.getByRole('form', { name: 'Log in' });
  await login.getByLabel('E-mail address').fill(colleague);
  await login.getByLabel('Password').fill(PASSWORD);
  await login.getByRole('button', { name: 'Log in' }).click();
  const theirs = page.getByRole('region', { name: 'Company' });
  await expect(theirs).toContainText('Voorbeeld B.V.');
  await expect(theirs).toContainText('Buyer');
  await expect(theirs.getByRole('form', { name: 'Invite a colleague' })).toHaveCount(0);
});

test('B2B while VIES is down: the pending state is explained, at registration and at login', async ({ page }) => {
  const email = `${unique('koper')}@voorbeeld.be`;
  await openShop(page, /ABC PPE Business/);
  await page.goto(`${page.url().split('#')[0]}#/register`);
  const form = page.getByRole('form', { name: 'Register your business account' });
  const company = belgianCompany(VIES_DOWN_VAT, 'Voorbeeld BV');
  await fillRegistration(form, { firstName: 'Els', lastName: 'Peeters', email, company });
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('pending')).toContainText('waiting for the EU VAT check (VIES)');

  await page.getByRole('link', { name: 'Log in' }).first().click();
  const login = page.getByRole('form', { name: 'Log in' });
  await login.getByLabel('E-mail address').fill(email);
  await login.getByLabel('Password').fill(PASSWORD);
  await login.getByRole('button', { name: 'Log in' }).click();
  await expect(login.getByRole('alert')).toContainText('waiting for the EU VAT check (VIES)');
});

test('an expired access token is refreshed (rotating the refresh token) without logging the buyer out', async ({ page }) => {
  const email = `${unique('piet')}@example.nl`;
  await openShop(page, /Handug/);
  await registerB2C(page, { firstName: 'Piet', lastName: 'Pietersen', email });
  const key = 'sfh.session.sft_demo_handug_nl';
  const before = await page.evaluate((k) => {
    const s = JSON.parse(localStorage.getItem(k)!);
    localStorage.setItem(k, JSON.stringify({ ...s, expiresAt: Date.now() - 1000 }));
    return s.refreshToken as string;
  }, key);
  await page.reload();
  await expect(page.getByTestId('email')).toHaveText(email);
  const after = await page.evaluate(
    (k) => JSON.parse(localStorage.getItem(k)!) as { refreshToken: string; expiresAt: number },
    key,
  );
  expect(after.refreshToken).not.toBe(before);
  expect(after.expiresAt).toBeGreaterThan(Date.now());

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();
});

test('password reset and e-mail change through the links of their e-mails', async ({ page }) => {
  const email = `${unique('kees')}@example.nl`;
  await openShop(page, /Handug/);
  const base = page.url().split('#')[0];
  await registerB2C(page, { firstName: 'Kees', lastName: 'Kok', email });
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  const request = page.getByRole('form', { name: 'Request a password reset' });
  await request.getByLabel('E-mail address').fill(email);
  await request.getByRole('button', { name: 'Send me a link' }).click();
  await expect(request.getByRole('status')).toContainText(`If ${email} has an account here`);
  const resetToken = await tokenFromEmail('customer.password_reset_requested', 'email', email);
  await page.goto(`${base}#/reset?token=${encodeURIComponent(resetToken)}`);
  const choose = page.getByRole('form', { name: 'Choose a new password' });
  await choose.getByLabel('New password').fill('a brand new passphrase');
  await choose.getByRole('button', { name: 'Save and log in' }).click();
  await expect(page.getByTestId('email')).toHaveText(email);

  const newEmail = `new.${email}`;
  const change = page.getByRole('form', { name: 'Change e-mail address' });
  await change.getByLabel('New e-mail address').fill(newEmail);
  await change.getByLabel('Password').fill('a brand new passphrase');
  await change.getByRole('button', { name: 'Change e-mail address' }).click();
  await expect(change.getByRole('status')).toContainText(newEmail);
  const confirmToken = await tokenFromEmail('customer.email_change_requested', 'newEmail', newEmail);
  await page.goto(`${base}#/confirm-email?token=${encodeURIComponent(confirmToken)}`);
  await expect(page.getByText(`Your e-mail address is now ${newEmail}.`)).toBeVisible();
  await page.goto(`${base}#/account`);
  await expect(page.getByTestId('email')).toHaveText(newEmail);
});
