import { checkPassword } from './index';

describe('checkPassword', () => {
  it.each(['correct horse battery', 'Tr0ub4dor&3x', 'ëëëëëëëëëa'])('accepts %s', (p) => expect(checkPassword(p).ok).toBe(true));
  it.each([
    ['short', 'at least 10'],
    ['x'.repeat(129), 'at most 128'],
    ['1234567890', 'commonly used'],
    ['Password123', 'commonly used'],
    ['aaaaaaaaaaaa', 'repeated'],
  ])('refuses %s', (p, why) => {
    const r = checkPassword(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(why);
  });
  it('refuses the e-mail address', () => {
    expect(checkPassword('jan.jansen@example.nl', { email: 'jan.jansen@example.nl' }).ok).toBe(false);
    expect(checkPassword('jan.jansen.nl', { email: 'jan.jansen.nl@example.nl' }).ok).toBe(false);
  });
});
