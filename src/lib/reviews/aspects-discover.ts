// Aspects the seed lists miss, found in the sentences no seed covers: frequent words that behave
// like nouns. Without a part-of-speech tagger, "behaves like a noun" is read from two cheap cues
// that hold in review English: a determiner or possessive just before it ("the crema", "my
// kettle") or a copula just after it ("crema is", "lid was"). A word must also turn up in varied
// company (distinct two-word windows on each side): words of one stock phrase repeated by many
// reviewers ("try the rest of the range") are not aspects.
import type { AspectDefinition } from './aspects-seeds';
import { isOpinionWord } from './aspects-lexicon';
import { stopWords } from './sentences';

export interface DiscoverOptions {
  /** Most aspects to add. */
  maxDiscovered: number;
  /** A word must occur in at least this many uncovered sentences. */
  minDiscoveredSentences: number;
  /** A word's least share of occurrences with a noun cue. */
  minNounShare: number;
  /** A word's least share of occurrences in a distinct window (two words before, two after). */
  minContextShare: number;
}

const determiners = new Set(['the', 'this', 'that', 'these', 'those', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'a', 'an']);
const copulas = new Set(['is', 'was', 'are', 'were', "isn't", "wasn't", "aren't", "weren't", 'has', 'had', 'feels', 'felt', 'looks', 'looked', 'tastes', 'tasted', 'smells', 'came', 'arrived']);

/** Words of the seeds' keywords: none of them is discovered again. */
function seedWords(seeds: readonly AspectDefinition[]): Set<string> {
  const out = new Set<string>();
  for (const seed of seeds) for (const k of seed.keywords) for (const w of k.split(' ')) out.add(w);
  return out;
}

/** New single-word aspects, most frequent first. `covered[i]` is 1 when sentence i has a seed aspect. */
export function discoverAspects(sentenceWords: readonly (readonly string[])[], covered: Uint8Array, seeds: readonly AspectDefinition[], o: DiscoverOptions): AspectDefinition[] {
  const known = seedWords(seeds);
  const uncoveredSentences = new Map<string, number>();
  const occurrences = new Map<string, number>();
  const nounCues = new Map<string, number>();
  const windows = new Map<string, Set<string>>();
  sentenceWords.forEach((ws, s) => {
    const seen = new Set<string>();
    ws.forEach((w, i) => {
      if (w.length < 3 || stopWords.has(w) || known.has(w) || isOpinionWord(w) || /\d/u.test(w)) return;
      occurrences.set(w, (occurrences.get(w) ?? 0) + 1);
      if (determiners.has(ws[i - 1] ?? '') || copulas.has(ws[i + 1] ?? '')) nounCues.set(w, (nounCues.get(w) ?? 0) + 1);
      const window = windows.get(w) ?? new Set<string>();
      window.add(`${ws[i - 2]} ${ws[i - 1]} _ ${ws[i + 1]} ${ws[i + 2]}`);
      windows.set(w, window);
      if (!covered[s]) seen.add(w);
    });
    for (const w of seen) uncoveredSentences.set(w, (uncoveredSentences.get(w) ?? 0) + 1);
  });
  return [...uncoveredSentences.entries()]
    .filter(([w, count]) => {
      const seen = occurrences.get(w) ?? 1;
      return count >= o.minDiscoveredSentences && (nounCues.get(w) ?? 0) / seen >= o.minNounShare && (windows.get(w)?.size ?? 0) / seen >= o.minContextShare;
    })
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.maxDiscovered)
    .map(([w]) => ({ name: w, description: `What reviewers say about the ${w}.`, keywords: [w] }));
}
