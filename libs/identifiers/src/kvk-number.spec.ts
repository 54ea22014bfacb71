import { normalizeKvkNumber, parseKvkNumber } from './index';

import { loadIdentifierVectors } from './testing/vectors';

const vectors = loadIdentifierVectors();

describe('KvK vectors (testing/vat-kvk-vectors.json)', () => {
  it('has every section filled', () => {
    expect(vectors.kvk_valid.length).toBeGreaterThanOrEqual(13);
    expect(vectors.kvk_invalid.length).toBeGreaterThanOrEqual(9);
  });

  it.each(vectors.kvk_valid.map((v) => [JSON.stringify(v.input), v] as const))('valid %s', (_, v) => {
    expect(parseKvkNumber(v.input)).toEqual({ ok: true, value: v.normalized });
    expect(normalizeKvkNumber(v.input)).toBe(v.normalized);
  });

  it.each(vectors.kvk_invalid.map((v) => [JSON.stringify(v.input), v] as const))('invalid %s', (_, v) => {
    expect(parseKvkNumber(v.input)).toMatchObject({ ok: false, reason: 'FORMAT' });
  });
});

describe('parseKvkNumber', () => {
  it('keeps leading zeros and applies no 11-test', () => {
    expect(parseKvkNumber('01234567')).toEqual({ ok: true, value: '01234567' });
    expect(parseKvkNumber('42084128')).toEqual({ ok: true, value: '42084128' });
  });

  it.each(["69599084'; --", '6959908４', '1'.repeat(40), '６９５９９０８４'])('refuses %j', (input) => {
    expect(parseKvkNumber(input)).toMatchObject({ ok: false, reason: 'FORMAT' });
  });
});
