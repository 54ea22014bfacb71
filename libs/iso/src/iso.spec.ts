import { CODE_PATTERN, isCountry, isCurrency, isLocale } from './index';

describe('ISO codes', () => {
  it.each(['EUR', 'USD', 'GBP', 'PLN'])('accepts currency %s', (c) => expect(isCurrency(c)).toBe(true));
  it.each(['eur', 'EURO', 'XXX1', '', 'ABC'])('refuses currency %s', (c) => expect(isCurrency(c)).toBe(false));
  it.each(['NL', 'BE', 'DE', 'GR', 'US'])('accepts country %s', (c) => expect(isCountry(c)).toBe(true));
  it.each(['nl', 'NLD', 'ZZ', 'EU', 'QQ', "N'"])('refuses country %s', (c) => expect(isCountry(c)).toBe(false));
  it.each(['nl-NL', 'de-BE', 'fr-FR', 'en-GB'])('accepts locale %s', (l) => expect(isLocale(l)).toBe(true));
  it.each(['nl', 'nl_NL', 'NL-nl', 'xx-ZZ', "nl-NL'; DROP"])('refuses locale %s', (l) => expect(isLocale(l)).toBe(false));
  it('codes', () => {
    expect(CODE_PATTERN.test('abc-ppe')).toBe(true);
    expect(CODE_PATTERN.test('a')).toBe(false);
    expect(CODE_PATTERN.test('-abc')).toBe(false);
    expect(CODE_PATTERN.test('ABC')).toBe(false);
    expect(CODE_PATTERN.test('a'.repeat(64))).toBe(false);
  });
});
