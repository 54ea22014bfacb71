import { currencyDigits, formatAmount, formatRate, parseAmount } from './index';

describe('money', () => {
  it.each([
    ['12.50', 'EUR', 1250n],
    ['12.5', 'EUR', 1250n],
    ['0', 'EUR', 0n],
    ['1999.99', 'EUR', 199999n],
    ['0.01', 'EUR', 1n],
    ['1500', 'JPY', 1500n],
  ])('parses %s %s', (raw, cur, minor) => {
    expect(parseAmount(raw, cur)).toEqual({ ok: true, minor });
  });

  it.each(['-1', '1.999', '1e3', 'abc', '', '12,50', ' 1 2', '0x10', '1.', '.5', "1'; DROP TABLE price; --", '9'.repeat(20)])(
    'refuses %j',
    (raw) => expect(parseAmount(raw, 'EUR').ok).toBe(false),
  );

  it('refuses decimals for a currency without minor units', () => {
    expect(parseAmount('10.5', 'JPY').ok).toBe(false);
  });

  it('formats with the currency digits, exactly', () => {
    expect(formatAmount(1250n, 'EUR')).toBe('12.50');
    expect(formatAmount(5, 'EUR')).toBe('0.05');
    expect(formatAmount('0', 'EUR')).toBe('0.00');
    expect(formatAmount(1500, 'JPY')).toBe('1500');
    // No float drift: 0.1 + 0.2 as minor units.
    expect(formatAmount(10n + 20n, 'EUR')).toBe('0.30');
    expect(currencyDigits('EUR')).toBe(2);
  });

  it('formats rates as the contract shows them', () => {
    expect(formatRate('21.00')).toBe('21');
    expect(formatRate('5.50')).toBe('5.5');
    expect(formatRate('0.00')).toBe('0');
    expect(formatRate('25.5')).toBe('25.5');
  });
});
