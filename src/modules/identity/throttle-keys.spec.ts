import { accountKey, throttleAddress } from './throttle-keys';

describe('throttleAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b:1:2::192.0.2.1', '64:ff9b:1:2::/64'],
    ['unknown', 'unknown'],
  ])('%s → %s', (ip, key) => expect(throttleAddress(ip)).toBe(key));

  it('puts every address of one /64 in one bucket, and neighbouring /64s in others', () => {
    expect(throttleAddress('2001:db8:1:2::1')).toBe(throttleAddress('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(throttleAddress('2001:db8:1:2::1')).not.toBe(throttleAddress('2001:db8:1:3::1'));
  });
});

describe('accountKey', () => {
  it('is stable, short and does not contain the e-mail address', () => {
    const k = accountKey('customer', 'brand', 'B2C', 'jan@example.nl');
    expect(k).toBe(accountKey('customer', 'brand', 'B2C', 'jan@example.nl'));
    expect(k).not.toContain('jan');
    expect(k).toHaveLength(22);
    expect(accountKey('customer', 'brand', 'B2B', 'jan@example.nl')).not.toBe(k);
    expect(accountKey('a:b', 'c')).not.toBe(accountKey('a', 'b:c'));
  });
});
