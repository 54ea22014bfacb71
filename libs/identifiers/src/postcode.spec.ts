import { normalizePostcode } from './index';

describe('normalizePostcode', () => {
  it.each([
    ['1234AB', 'NL', '1234 AB'],
    [' 1234 ab ', 'NL', '1234 AB'],
    ['1234  ab', 'nl', '1234 AB'],
    ['NL-1234 AB', 'NL', '1234 AB'],
    ['1000', 'BE', '1000'],
    ['B-1000', 'BE', '1000'],
    ['10115', 'DE', '10115'],
    ['D-01067', 'DE', '01067'],
    ['75001', 'FR', '75001'],
    ['L-1234', 'LU', '1234'],
    ['1010', 'AT', '1010'],
    ['28001', 'ES', '28001'],
    ['1000001', 'PT', '1000-001'],
    ['00950', 'PL', '00-950'],
    ['11000', 'CZ', '110 00'],
    ['114 55', 'SE', '114 55'],
    ['1050', 'LV', 'LV-1050'],
    ['LT-01100', 'LT', 'LT-01100'],
    ['d02x285', 'IE', 'D02 X285'],
    ['vlt1117', 'MT', 'VLT 1117'],
    ['sw1a1aa', 'GB', 'SW1A 1AA'],
    ['  12345-6789 ', 'US', '12345-6789'],
    ['k1a 0b1', 'CA', 'K1A 0B1'],
    ['110001', '', '110001'],
  ])('%j in %j → %j', (raw, country, expected) => {
    expect(normalizePostcode(raw, country)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['0123 AB', 'NL'], // no leading zero
    ['1234 SA', 'NL'], // SA, SD and SS are never issued
    ['1234 SS', 'NL'],
    ['1234 A', 'NL'],
    ['12345 AB', 'NL'],
    ['1234 A1', 'NL'],
    ['0999', 'BE'],
    ['1234', 'DE'],
    ['123456', 'FR'],
    ['53001', 'ES'],
    ['1234AB', 'DE'],
    ["1234AB';--", 'NL'],
    ["1234 AB' OR 1=1", 'NL'],
    ['<script>', 'US'],
    ["12345'--", 'US'],
    ['1234;AB', 'XX'],
    ['A', 'US'],
  ])('refuses %j in %j', (raw, country) => {
    expect(normalizePostcode(raw, country)).toMatchObject({ ok: false, reason: 'FORMAT' });
  });

  it('refuses empty and over-long input', () => {
    expect(normalizePostcode('   ', 'NL')).toMatchObject({ ok: false, reason: 'EMPTY' });
    expect(normalizePostcode(undefined as unknown as string, 'NL')).toMatchObject({ ok: false, reason: 'EMPTY' });
    expect(normalizePostcode('1'.repeat(21), 'NL')).toMatchObject({ ok: false, reason: 'TOO_LONG' });
    expect(normalizePostcode('12345678901', 'US')).toMatchObject({ ok: false, reason: 'FORMAT' }); // generic: 10 at most
  });
});
