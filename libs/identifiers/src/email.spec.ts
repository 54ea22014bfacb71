import { emailDedupKey, isValidEmail, normalizeEmail, parseEmail } from './index';

describe('normalizeEmail', () => {
  it('trims and lower-cases the whole address, keeping dots and +tags', () => {
    expect(normalizeEmail('  Jan.Jansen+Shop@Example.NL \n')).toBe('jan.jansen+shop@example.nl');
  });
});

describe('isValidEmail', () => {
  it.each([
    'jan@example.nl',
    'jan.jansen+shop@mail.example.co.uk',
    "o'brien@example.ie",
    'a@b.io',
    'x_y-z@sub-domain.example.com',
    'user@xn--bcher-kva.example',
    `${'a'.repeat(64)}@example.com`,
  ])('accepts %s', (email) => expect(isValidEmail(email)).toBe(true));

  it.each([
    '',
    'jan',
    'jan@',
    '@example.nl',
    'jan@example',
    'jan@@example.nl',
    'jan@exa mple.nl',
    'jan @example.nl',
    '.jan@example.nl',
    'jan.@example.nl',
    'j..an@example.nl',
    'jan@-example.nl',
    'jan@example-.nl',
    'jan@example..nl',
    'jan@example.123',
    '"jan"@example.nl',
    'jan@[127.0.0.1]',
    '<script>alert(1)</script>@example.nl',
    "jan@example.nl'; DROP TABLE customers;--",
    'jan@example.nl\r\nBcc: victim@example.com',
    'jan@example.nl\u0000',
    'jän@example.nl',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(64)}.com`,
  ])('refuses %j', (email) => expect(isValidEmail(email)).toBe(false));

  it('refuses more than 254 characters', () => {
    const local = 'a'.repeat(64);
    const domain = `${Array.from({ length: 4 }, () => 'b'.repeat(60)).join('.')}.nl`; // 247 characters
    expect(isValidEmail(`${local}@${domain}`)).toBe(false);
    expect(isValidEmail(`a@${domain}`)).toBe(true);
    expect(`a@${domain}`.length).toBeLessThanOrEqual(254);
  });
});

describe('parseEmail', () => {
  it('normalises and checks', () => {
    expect(parseEmail('  Jan@Example.NL ')).toEqual({ ok: true, value: 'jan@example.nl' });
    expect(parseEmail('not an address')).toMatchObject({ ok: false, reason: 'FORMAT' });
    expect(parseEmail(`${'a'.repeat(250)}@example.nl`)).toMatchObject({ ok: false, reason: 'TOO_LONG' });
  });
});

describe('emailDedupKey', () => {
  it('folds Gmail dots and +tags only', () => {
    expect(emailDedupKey('Jan.Jansen+promo@GoogleMail.com')).toBe('janjansen@gmail.com');
    expect(emailDedupKey('jan.jansen+promo@example.nl')).toBe('jan.jansen+promo@example.nl');
  });
});
