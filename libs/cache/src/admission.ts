/**
 * Admission on the second request ("doorkeeper", as in TinyLFU and CDNs' cache-on-second-hit): a cache that stores
 * an answer only when its key was asked for before, within the last `window` to `2 × window` distinct keys.
 *
 * Answers whose key is new every time (a search with words nobody typed before) are then never stored: storing them
 * cost more than it saved — every one kept alive for the cache's lifetime (promoted out of the young generation,
 * then collected by full GCs) and pushing popular answers out of a cache that evicts its oldest entries. A popular
 * answer costs one more load than before, once.
 *
 * Only 30-bit hashes of the keys are remembered (a few hundred kilobytes for the default window, no key text kept);
 * two keys with the same hash merely let the second in early. What was seen is knowledge about traffic, not data: it
 * survives the cache's invalidations, so popular answers are stored again at once after a change.
 */
export class SecondRequestAdmission {
  private current = new Set<number>();
  private previous = new Set<number>();

  constructor(private readonly window = 20_000) {
    if (!Number.isInteger(window) || window < 1) throw new RangeError('window must be a positive integer');
  }

  /** Whether `key` was asked for before (then it may be stored); it is remembered either way. */
  admit(key: string): boolean {
    const h = keyHash(key);
    if (this.current.has(h)) return true;
    if (this.previous.has(h)) {
      this.remember(h);
      return true;
    }
    this.remember(h);
    return false;
  }

  private remember(h: number): void {
    if (this.current.size >= this.window) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(h);
  }
}

/** FNV-1a over the UTF-16 code units, folded to 30 bits (a small integer for V8: no heap number per entry). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ (h >>> 30)) & 0x3fffffff;
}
