// Non-cryptographic string hashes for sketches and duplicate detection: MurmurHash3's mixing
// over UTF-16 code units. Speed and spread matter here, not resistance to crafted input.

/** MurmurHash3's finaliser: spreads the bits of a 32-bit state; unsigned result. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Unsigned 32-bit hash of a string. */
export function hashString(text: string, seed = 0): number {
  let h = (seed ^ Math.imul(text.length, 0x9e3779b1)) | 0;
  for (let i = 0; i < text.length; i++) {
    let k = text.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix(h);
}

/**
 * A 53-bit hash (a safe integer) from two independent 32-bit ones: with 10M rows the chance of
 * any false duplicate stays around 1%, where 32 bits would make collisions certain.
 */
export function hash53(text: string): number {
  return (hashString(text, 0x2545f491) & 0x1fffff) * 0x100000000 + hashString(text, 0x9e3779b9);
}
