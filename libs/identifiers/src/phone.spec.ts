import { normalizePhone } from './index';

describe('normalizePhone', () => {
  it.each([
    ['06-12345678', 'NL', '+31612345678', 'MOBILE'],
    ['+31 6 1234 5678', 'NL', '+31612345678', 'MOBILE'],
    ['0031 (0)6 12345678', 'NL', '+31612345678', 'MOBILE'],
    ['020 123 4567', 'NL', '+31201234567', 'FIXED_LINE'],
    ['030 1234567', 'DE', '+49301234567', 'FIXED_LINE'],
    ['+49 30 1234567', 'NL', '+49301234567', 'FIXED_LINE'],
    ['02 511 45 67', 'be', '+3225114567', 'FIXED_LINE'],
    ['0470 12 34 56', 'BE', '+32470123456', 'MOBILE'],
    ['+1 202-555-0143', undefined, '+12025550143', 'FIXED_LINE_OR_MOBILE'],
  ])('%s in %s → %s', (raw, country, e164, type) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: true, value: e164, country: expect.any(String), type });
  });

  it('reads a national number only with a default country', () => {
    expect(normalizePhone('06-12345678')).toMatchObject({ ok: false, reason: 'INVALID' });
    expect(normalizePhone('06-12345678', 'XX')).toMatchObject({ ok: false, reason: 'INVALID' });
    expect(normalizePhone('+31612345678', 'XX')).toMatchObject({ ok: true, value: '+31612345678' });
  });

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['0612345', 'INVALID'], // too short
    ['061234567890', 'INVALID'], // too long for NL
    ['+31 6 1234567', 'INVALID'],
    ['+999 123456', 'INVALID'],
    ['++31612345678', 'INVALID'],
    ['06 1234567x', 'FORMAT'], // letters (extension marker) are refused
    ['+31 6 12345678 ext. 12', 'FORMAT'],
    ["0612345678'; DROP TABLE customers;--", 'FORMAT'],
    ['<script>0612345678</script>', 'FORMAT'],
    ['1'.repeat(41), 'TOO_LONG'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(normalizePhone(raw, 'NL')).toMatchObject({ ok: false, reason });
  });

  it('trims surrounding whitespace but refuses line breaks inside', () => {
    expect(normalizePhone(' 0612345678\r\n', 'NL')).toMatchObject({ ok: true, value: '+31612345678' });
    expect(normalizePhone('06123\n45678\nBcc: x', 'NL')).toMatchObject({ ok: false, reason: 'FORMAT' });
  });

  it('survives non-string input at run time', () => {
    expect(normalizePhone(null as unknown as string, 'NL')).toMatchObject({ ok: false, reason: 'EMPTY' });
  });
});
