import { keyHash, SecondRequestAdmission } from './admission';

describe('SecondRequestAdmission', () => {
  it('admits a key from its second request on, never on its first', () => {
    const a = new SecondRequestAdmission(100);
    expect(a.admit('products:shoes')).toBe(false);
    expect(a.admit('products:shoes')).toBe(true);
    expect(a.admit('products:shoes')).toBe(true);
    expect(a.admit('products:boots')).toBe(false);
    expect(a.admit('products:boots')).toBe(true);
  });

  it('keeps every key asked within the last window of distinct keys, and forgets what is older than twice that', () => {
    const a = new SecondRequestAdmission(3);
    for (const k of ['a', 'b', 'c']) expect(a.admit(k)).toBe(false);
    // 'a' is in the previous generation once three more keys were seen, and still admitted (and kept)
    for (const k of ['d', 'e', 'f']) expect(a.admit(k)).toBe(false);
    expect(a.admit('a')).toBe(true);
    // after two full windows of new keys, 'b' (seen once, never again) is forgotten: a first request again
    for (const k of ['g', 'h', 'i', 'j', 'k', 'l']) expect(a.admit(k)).toBe(false);
    expect(a.admit('b')).toBe(false);
    expect(a.admit('b')).toBe(true);
  });

  it('keeps a key that keeps being asked for, however many others pass', () => {
    const a = new SecondRequestAdmission(10);
    a.admit('popular');
    for (let i = 0; i < 1000; i++) {
      a.admit(`once-${i}`);
      if (i % 5 === 0) expect(a.admit('popular')).toBe(true);
    }
  });

  it('refuses a window that is not a positive integer', () => {
    expect(() => new SecondRequestAdmission(0)).toThrow(RangeError);
    expect(() => new SecondRequestAdmission(1.5)).toThrow(RangeError);
  });
});

describe('keyHash', () => {
  it('is a small non-negative integer, the same for the same text, spread for different texts', () => {
    const hashes = Array.from({ length: 50_000 }, (_, i) =>
      keyHash(`["products","sf-1","nl-NL",20,"PRICE_ASC",null,{"search":"product ${i}"}]`),
    );
    expect(hashes.every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 30)).toBe(true);
    expect(new Set(hashes).size).toBeGreaterThan(49_990);
    expect(keyHash('ü→😀')).toBe(keyHash('ü→😀'));
    expect(keyHash('')).not.toBe(keyHash(' '));
  });
});
