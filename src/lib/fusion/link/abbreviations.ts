// Abbreviations on the probing side, expanded from the indexed side's own words: a supplier's
// "Choc." or "Espr" is a prefix of exactly one common word of our titles ("chocolate",
// "espresso"), so it is read as that word, and "LL" the initials of one common pair of words
// ("loose leaf"). A prefix several words share about equally ("col": colombian, cold, colour) is
// left alone, and so is any word the indexed side uses itself.

/** Words of the indexed side, sorted, with how many rows hold each. */
export interface WordIndex {
  words: string[];
  counts: number[];
  known: ReadonlyMap<string, number>;
  /** Initials of adjacent word pairs ("ll") -> the most common pair ("loose leaf"), when it dominates. */
  initials: Map<string, string>;
}

/** `counts` holds words and adjacent word pairs ("loose leaf") with the rows holding each. */
export function wordIndex(counts: ReadonlyMap<string, number>): WordIndex {
  const single = new Map<string, number>();
  const byInitials = new Map<string, { best: string; bestCount: number; total: number }>();
  for (const [key, n] of counts) {
    const space = key.indexOf(' ');
    if (space === -1) { single.set(key, n); continue; }
    const initials = key.charAt(0) + key.charAt(space + 1);
    const entry = byInitials.get(initials) ?? { best: key, bestCount: 0, total: 0 };
    entry.total += n;
    if (n > entry.bestCount) { entry.best = key; entry.bestCount = n; }
    byInitials.set(initials, entry);
  }
  const initials = new Map<string, string>();
  for (const [key, e] of byInitials) if (e.bestCount >= minShare * e.total && e.bestCount >= 2) initials.set(key, e.best);
  const words = [...single.keys()].sort();
  return { words, counts: words.map((w) => single.get(w)!), known: single, initials };
}

/** A prefix must be this long, and its leading word hold this share of the words it starts. */
const minPrefix = 3;
const minShare = 2 / 3;

function expansion(index: WordIndex, token: string): string {
  if (index.known.has(token) || !/^\p{L}+$/u.test(token)) return token;
  if (token.length === 2) return index.initials.get(token) ?? token;
  if (token.length < minPrefix) return token;
  let lo = 0;
  let hi = index.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.words[mid]! < token) lo = mid + 1; else hi = mid;
  }
  let best = -1;
  let total = 0;
  for (let k = lo; k < index.words.length && index.words[k]!.startsWith(token); k++) {
    total += index.counts[k]!;
    if (best === -1 || index.counts[k]! > index.counts[best]!) best = k;
  }
  return best !== -1 && index.counts[best]! >= minShare * total ? index.words[best]! : token;
}

/** A normalised text with each abbreviation replaced by the word it stands for. */
export function expandAbbreviations(text: string, index: WordIndex): string {
  return text.split(' ').map((t) => expansion(index, t)).join(' ');
}

/** The distinct words of a normalised text and its adjacent pairs of words (letters only). */
export function wordsAndPairs(text: string): Set<string> {
  const words = text.split(' ');
  const out = new Set(words);
  for (let k = 0; k + 1 < words.length; k++) {
    if (/^\p{L}+$/u.test(words[k]!) && /^\p{L}+$/u.test(words[k + 1]!)) out.add(`${words[k]} ${words[k + 1]}`);
  }
  return out;
}
