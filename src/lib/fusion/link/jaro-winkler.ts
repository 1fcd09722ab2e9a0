// Jaro-Winkler similarity (Winkler 1990): counts characters that agree within a window and how
// many of them are out of order, then rewards a shared prefix of up to four characters, which is
// where people rarely mistype. 1 for equal strings, 0 for nothing in common.

// Match flags, reused across calls (this runs millions of times per link) and cleared after use.
let sMatched = new Uint8Array(64);
let tMatched = new Uint8Array(64);

/** Jaro similarity of two strings. */
export function jaro(s: string, t: string): number {
  if (s === t) return 1;
  const n = s.length;
  const m = t.length;
  if (n === 0 || m === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(n, m) / 2) - 1);
  if (n > sMatched.length) sMatched = new Uint8Array(n * 2);
  if (m > tMatched.length) tMatched = new Uint8Array(m * 2);
  const result = jaroWith(s, t, n, m, window);
  sMatched.fill(0, 0, n);
  tMatched.fill(0, 0, m);
  return result;
}

function jaroWith(s: string, t: string, n: number, m: number, window: number): number {
  let matches = 0;
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(m - 1, i + window);
    const c = s.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (tMatched[j] === 0 && t.charCodeAt(j) === c) {
        sMatched[i] = 1;
        tMatched[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  // Transpositions: matched characters that appear in a different order, counted in halves.
  let outOfOrder = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (sMatched[i] === 0) continue;
    while (tMatched[j] === 0) j++;
    if (s.charCodeAt(i) !== t.charCodeAt(j)) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / n + matches / m + (matches - transpositions) / matches) / 3;
}

/** Jaro-Winkler with the usual prefix scale 0.1 over at most four characters. */
export function jaroWinkler(s: string, t: string, prefixScale = 0.1): number {
  const j = jaro(s, t);
  let prefix = 0;
  const limit = Math.min(4, s.length, t.length);
  while (prefix < limit && s.charCodeAt(prefix) === t.charCodeAt(prefix)) prefix++;
  return j + prefix * prefixScale * (1 - j);
}
