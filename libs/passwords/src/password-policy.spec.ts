import { checkPassword, checkPasswordLength, isPasswordTooLong, PASSWORD_MAX_LENGTH } from './index';

describe('checkPassword', () => {
  it.each(['correct horse battery', 'Tr0ub4dor&3x', 'ëëëëëëëëëa', `${'🔑'.repeat(PASSWORD_MAX_LENGTH - 1)}x`])(
    'accepts %s',
    (p) => expect(checkPassword(p).ok).toBe(true),
  );
  it.each([
    ['short', 'at least 10'],
    ['x'.repeat(129), 'at most 128'],
    ['y'.repeat(1024 * 1024), 'at most 128'],
    ['🔑'.repeat(PASSWORD_MAX_LENGTH) + 'x', 'at most 128'],
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

describe('isPasswordTooLong / checkPasswordLength', () => {
  it('counts characters (code points), not UTF-16 units', () => {
    expect(isPasswordTooLong('x'.repeat(128))).toBe(false);
    expect(isPasswordTooLong('x'.repeat(129))).toBe(true);
    expect(isPasswordTooLong('🔑'.repeat(128))).toBe(false); // 256 UTF-16 units
    expect(isPasswordTooLong('🔑'.repeat(129))).toBe(true);
    expect(isPasswordTooLong('z'.repeat(10_000_000))).toBe(true);
  });
  it('only bounds the length of a password being checked (old passwords may predate the policy)', () => {
    expect(checkPasswordLength('short')).toEqual({ ok: true });
    expect(checkPasswordLength('')).toEqual({ ok: true });
    expect(checkPasswordLength('x'.repeat(129))).toEqual({ ok: false, message: 'must be at most 128 characters' });
  });
});
