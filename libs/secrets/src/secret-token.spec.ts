import { generateSecret, hashSecret } from './secret-token';

describe('generateSecret', () => {
  it('is the prefix and 256 random bits in base64url', () => {
    const s = generateSecret('sft');
    expect(s).toMatch(/^sft_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(s.slice(4), 'base64url')).toHaveLength(32);
  });

  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateSecret('shk')));
    expect(seen.size).toBe(1000);
  });
});

describe('hashSecret', () => {
  it('is the hex SHA-256 of the secret (the stored lookup key)', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('differs for secrets that differ in one character', () => {
    expect(hashSecret('sft_a')).not.toBe(hashSecret('sft_b'));
  });
});
