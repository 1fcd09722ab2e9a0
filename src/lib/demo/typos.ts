// Character-level typos shared by duplicate customers, supplier titles, search queries and reviews, so
// every fuzzy-matching task in the demo meets the same kinds of noise people actually make.
import type { Random } from './random';

// A few neighbours per key on a QWERTY layout: substitution typos hit adjacent keys, not random letters.
const neighbours: Record<string, string> = {
  a: 'qsz', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl',
  l: 'k', m: 'n', n: 'bm', o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe',
  x: 'zc', y: 'tu', z: 'x',
};

/** One typo in a word: swap two letters, drop one, double one, or hit a neighbouring key. */
export function typo(random: Random, word: string): string {
  if (word.length < 3) return word;
  // Keep the first letter: people rarely get it wrong, and it keeps blocking keys realistic.
  const i = random.int(1, word.length - 2);
  const ch = word.charAt(i);
  switch (random.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word.charAt(i + 1) + ch + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + ch + word.slice(i);
    default: {
      const options = neighbours[ch.toLowerCase()];
      if (options === undefined) return word.slice(0, i) + word.slice(i + 1);
      const sub = random.pick(options.split(''));
      return word.slice(0, i) + (ch === ch.toUpperCase() ? sub.toUpperCase() : sub) + word.slice(i + 1);
    }
  }
}

/** `count` typos in words of 4+ letters, leaving punctuation and spacing alone. */
export function typosInText(random: Random, text: string, count: number): string {
  const tokens = text.split(/(\s+)/);
  const candidates: number[] = [];
  tokens.forEach((t, i) => {
    if (/^[A-Za-z]{4,}$/.test(t)) candidates.push(i);
  });
  for (let k = 0; k < count && candidates.length > 0; k++) {
    const at = random.pick(candidates);
    tokens[at] = typo(random, tokens[at] ?? '');
  }
  return tokens.join('');
}
