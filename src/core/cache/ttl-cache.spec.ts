import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps a value for its time to live, null included', () => {
    jest.useFakeTimers({ now: 1_000 });
    const c = new TtlCache<string | null>(100, 10);
    c.set('a', null);
    expect(c.get('a')).toBeNull();
    jest.setSystemTime(1_099);
    expect(c.get('a')).toBeNull();
    jest.setSystemTime(1_100);
    expect(c.get('a')).toBeUndefined();
  });

  it('forgets the oldest entry beyond its size', () => {
    const c = new TtlCache<number>(10_000, 2);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('deletes and clears', () => {
    const c = new TtlCache<number>(10_000, 10);
    c.set('a', 1);
    c.set('b', 2);
    c.delete('a');
    expect(c.get('a')).toBeUndefined();
    c.clear();
    expect(c.get('b')).toBeUndefined();
  });
});
