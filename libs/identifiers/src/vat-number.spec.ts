import { checkVAT, countries } from 'jsvat';
import { normalizeVatNumber, parseVatNumber, VAT_PREFIXES, vatCountryMatchesIso, vatCountryToIso } from './index';

import { type IdentifierVector as Vector, loadIdentifierVectors } from './testing/vectors';

const vectors = loadIdentifierVectors();
const label = (v: Vector) => JSON.stringify(v.input);

describe('VAT vectors (testing/vat-kvk-vectors.json)', () => {
  it('has every section filled', () => {
    expect(vectors.vat_valid.length).toBeGreaterThanOrEqual(48);
    expect(vectors.vat_invalid_checksum.length).toBeGreaterThanOrEqual(24);
    expect(vectors.vat_invalid_format.length).toBeGreaterThanOrEqual(21);
  });

  it.each(vectors.vat_valid.map((v) => [label(v), v] as const))('valid %s', (_, v) => {
    const result = parseVatNumber(v.input);
    expect(result).toEqual({
      ok: true,
      value: { countryCode: v.country, nationalPart: v.normalized!.slice(2), normalized: v.normalized },
    });
    expect(normalizeVatNumber(v.input)).toBe(v.normalized);
  });

  it.each(vectors.vat_invalid_checksum.map((v) => [label(v), v] as const))('checksum-invalid %s', (_, v) => {
    expect(parseVatNumber(v.input)).toMatchObject({ ok: false, reason: 'CHECKSUM' });
    expect(normalizeVatNumber(v.input)).toBe(v.normalized);
  });

  it.each(vectors.vat_invalid_format.map((v) => [label(v), v] as const))('format-invalid %s', (_, v) => {
    const result = parseVatNumber(v.input);
    expect(result).toMatchObject({ ok: false, reason: 'FORMAT' });
    expect(!result.ok && result.message.length).toBeGreaterThan(0);
  });

  it('covers all 27 member states and XI with a valid vector', () => {
    const covered = new Set(vectors.vat_valid.map((v) => v.country));
    expect(VAT_PREFIXES.filter((p) => !covered.has(p))).toEqual([]);
  });
});

describe('where jsvat is wrong (regressions for our own algorithms)', () => {
  // Each of these jsvat accepts; the strict algorithm (python-stdnum, DOMAIN.md §1.2) refuses.
  it.each([
    ['NL100712710B01', 'NL 11-test remainder 10 mapped to check digit 0'],
    ['FI12345680', 'FI remainder 1 mapped to check digit 0'],
    ['PL1234567890', 'PL remainder 10 mapped to check digit 0'],
    ['LV40003521620', 'LV legal entity remainder 4 accepted with check digit 0'],
    ['IT00743111502', 'IT office code 150 (only 001-100, 120, 121, 888, 999 exist)'],
    ['FRK8399859412', 'FR alphanumeric key never checked'],
    ['FR29123456788', 'FR SIREN not Luhn-checked'],
  ])('%s: %s', (input) => {
    expect(checkVAT(input, countries).isValid).toBe(true);
    expect(parseVatNumber(input)).toMatchObject({ ok: false, reason: 'CHECKSUM' });
  });

  it.each(['NL004495445B00', 'GB980780684'])('jsvat accepts %s, we refuse its format', (input) => {
    expect(checkVAT(input, countries).isValid).toBe(true);
    expect(parseVatNumber(input)).toMatchObject({ ok: false, reason: 'FORMAT' });
  });

  it.each(['BE1001234592', 'GR094259216', 'XI123456727'])('jsvat refuses %s, which is valid', (input) => {
    expect(checkVAT(input, countries).isValid).toBe(false);
    expect(parseVatNumber(input).ok).toBe(true);
  });

  it('accepts FR keys that are alphanumeric, Monaco numbers, LV personal codes and XI branch/government forms', () => {
    for (const input of ['FR4Z123456782', 'FRK7399859412', 'LV16117519997', 'XI123456727001', 'XIGD001', 'XIHA500']) {
      expect(parseVatNumber(input)).toMatchObject({ ok: true });
    }
    expect(parseVatNumber('LV16137519997')).toMatchObject({ ok: false, reason: 'CHECKSUM' }); // month 13
    expect(parseVatNumber('XIGD500')).toMatchObject({ ok: false, reason: 'FORMAT' }); // GD is below 500
  });
});

describe('parseVatNumber edge cases', () => {
  it.each(['CHE123456789', 'NO123456789MVA', 'US123456789', 'EU372000041'])('UNSUPPORTED_COUNTRY for %s', (input) => {
    expect(parseVatNumber(input)).toMatchObject({ ok: false, reason: 'UNSUPPORTED_COUNTRY' });
  });

  it.each([
    "NL004495445B01'; DROP TABLE companies;--",
    '<script>alert(1)</script>',
    'NL004495445B01\u0000',
    'NL' + '1'.repeat(100),
    ' '.repeat(65) + 'NL004495445B01',
    'NL００４４９５４４５B01', // full-width digits
    'ÑL004495445B01',
  ])('refuses %j as FORMAT', (input) => {
    expect(parseVatNumber(input)).toMatchObject({ ok: false, reason: 'FORMAT' });
  });

  it('survives non-string input at run time', () => {
    expect(parseVatNumber(undefined as unknown as string)).toMatchObject({ ok: false, reason: 'FORMAT' });
    expect(parseVatNumber(123 as unknown as string)).toMatchObject({ ok: false, reason: 'FORMAT' });
  });

  it('normalises separators, case, GR and short Belgian numbers', () => {
    expect(normalizeVatNumber(' nl-0044.95/445_b:01, ')).toBe('NL004495445B01');
    expect(normalizeVatNumber('gr 094259216')).toBe('EL094259216');
    expect(normalizeVatNumber('be 428.759.497')).toBe('BE0428759497');
    expect(normalizeVatNumber('NL4495445B01')).toBe('NL4495445B01'); // NL is never padded
  });
});

describe('vatCountryToIso', () => {
  it('maps EL to GR and XI to GB, keeps the others', () => {
    expect(vatCountryToIso('EL')).toBe('GR');
    expect(vatCountryToIso('xi')).toBe('GB');
    expect(vatCountryToIso('NL')).toBe('NL');
    expect(VAT_PREFIXES.map(vatCountryToIso).filter((c) => !/^[A-Z]{2}$/.test(c))).toEqual([]);
  });

  it('compares a VAT prefix with a company country', () => {
    expect(vatCountryMatchesIso('EL', 'GR')).toBe(true);
    expect(vatCountryMatchesIso('XI', 'GB')).toBe(true);
    expect(vatCountryMatchesIso('NL', 'BE')).toBe(false);
    const greek = parseVatNumber('el 094 259 216');
    expect(greek.ok && vatCountryMatchesIso(greek.value.countryCode, 'GR')).toBe(true);
  });
});
