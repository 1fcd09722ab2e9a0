import { AppError } from '../../errors';
import { firstRegularId, normalizeText, specialTokens, unknownId } from './specials';

// A byte-level BPE tokenizer trained on the user's texts (Sennrich et al.; byte-level as GPT-2).
// @huggingface/tokenizers 0.2.0 only loads a tokenizer.json (it has no trainer, and its package
// ships only the CommonJS build), so training is done here, in a few clear steps:
//
//   1. normalise (NFKC, one space between words) and split into words: a run of letters, of
//      digits or of other symbols, with its leading space (" shoes"); every Han, Hiragana or
//      Katakana character is a word of its own, as those scripts put no spaces between words;
//   2. spell each distinct word in UTF-8 bytes: 256 base tokens, so no text is ever unknown;
//   3. repeatedly merge the most frequent adjacent pair into a new token (ties: the lower pair
//      of ids), until the vocabulary is full or no pair occurs `minFrequency` times.
//
// Encoding replays the merges in the order learned, lowest rank first, within each word.
// Ids: 5 special tokens, then 256 bytes, then one per merge.

export interface BpeTokenizerJson {
  kind: 'bpe';
  version: 1;
  lowercase: boolean;
  /** merges[r] = [a, b]: the pair of ids merged into id firstMergeId + r. */
  merges: [number, number][];
}

export interface BpeTrainOptions {
  /** Largest vocabulary: special tokens, 256 bytes and the merges. */
  vocabSize?: number;
  /** Stop merging when the best pair occurs fewer times. */
  minFrequency?: number;
  lowercase?: boolean;
}

const firstByteId = firstRegularId;
const firstMergeId = firstByteId + 256;
const cjk = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const wordPattern = new RegExp(` ?[${cjk}]| ?(?:(?![${cjk}])\\p{L}\\p{M}*)+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+`, 'gu');
const pairKey = (a: number, b: number) => a * 0x10000 + b; // ids stay below 2^16

export function splitWords(text: string, lowercase: boolean): string[] {
  return normalizeText(text, lowercase).match(wordPattern) ?? [];
}

const bytesOf = (word: string) => Array.from(new TextEncoder().encode(word), (byte) => firstByteId + byte);

export class BpeTokenizer {
  readonly kind = 'bpe';
  /** pair key -> rank (merge order). */
  private readonly ranks = new Map<number, number>();
  /** The bytes each id stands for. */
  private readonly bytes: Uint8Array[] = [];
  private readonly cache = new Map<string, number[]>();

  constructor(readonly merges: readonly (readonly [number, number])[], readonly lowercase: boolean) {
    for (let id = 0; id < firstByteId; id++) this.bytes.push(new Uint8Array(0));
    for (let byte = 0; byte < 256; byte++) this.bytes.push(Uint8Array.of(byte));
    merges.forEach(([a, b], rank) => {
      const left = this.bytes[a];
      const right = this.bytes[b];
      if (!left || !right || a < firstByteId || b < firstByteId) throw new AppError('input-malformed', `BPE merge ${rank} refers to an unknown token.`, { rank });
      const joined = new Uint8Array(left.length + right.length);
      joined.set(left);
      joined.set(right, left.length);
      this.bytes.push(joined);
      this.ranks.set(pairKey(a, b), rank);
    });
  }

  static train(texts: Iterable<string>, { vocabSize = 4000, minFrequency = 2, lowercase = false }: BpeTrainOptions = {}): BpeTokenizer {
    if (!(vocabSize >= firstMergeId && vocabSize <= 0x10000)) throw new AppError('input-malformed', `A byte-level BPE vocabulary holds ${firstMergeId} to 65536 tokens; got ${vocabSize}.`, { vocabSize });
    // 1–2. distinct words, spelt in bytes, with their counts
    const counts = new Map<string, number>();
    for (const text of texts) for (const word of splitWords(text, lowercase)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const words = [...counts.keys()].map(bytesOf);
    const freq = [...counts.values()];
    // pair -> occurrences (weighted by word count), and the words it may occur in
    const pairs = new Map<number, number>();
    const where = new Map<number, Set<number>>();
    const tally = (w: number, sign: 1 | -1) => {
      const word = words[w] as number[];
      for (let i = 0; i + 1 < word.length; i++) {
        const key = pairKey(word[i] as number, word[i + 1] as number);
        pairs.set(key, (pairs.get(key) ?? 0) + sign * (freq[w] as number));
        if (sign > 0) (where.get(key) ?? where.set(key, new Set()).get(key)!).add(w);
      }
    };
    words.forEach((_, w) => tally(w, 1));
    // 3. merge the most frequent pair, updating only the words that hold it
    const merges: [number, number][] = [];
    while (firstMergeId + merges.length < vocabSize) {
      let best = -1;
      let bestCount = 0;
      for (const [key, n] of pairs) if (n > bestCount || (n === bestCount && key < best)) [best, bestCount] = [key, n];
      if (best < 0 || bestCount < minFrequency) break;
      const [a, b] = [Math.floor(best / 0x10000), best % 0x10000];
      const id = firstMergeId + merges.length;
      merges.push([a, b]);
      for (const w of where.get(best) ?? []) {
        tally(w, -1);
        words[w] = mergePair(words[w] as number[], a, b, id);
        tally(w, 1);
      }
      pairs.delete(best);
      where.delete(best);
    }
    return new BpeTokenizer(merges, lowercase);
  }

  static fromJSON(json: BpeTokenizerJson): BpeTokenizer {
    return new BpeTokenizer(json.merges, json.lowercase);
  }

  get vocabSize(): number {
    return firstMergeId + this.merges.length;
  }

  encode(text: string): number[] {
    return splitWords(text, this.lowercase).flatMap((word) => this.encodeWord(word));
  }

  private encodeWord(word: string): number[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    let ids = bytesOf(word);
    for (;;) {
      let bestRank = Infinity;
      let at = -1;
      for (let i = 0; i + 1 < ids.length; i++) {
        const rank = this.ranks.get(pairKey(ids[i] as number, ids[i + 1] as number));
        if (rank !== undefined && rank < bestRank) [bestRank, at] = [rank, i];
      }
      if (at < 0) break;
      const [a, b] = this.merges[bestRank] as [number, number];
      ids = mergePair(ids, a, b, firstMergeId + bestRank);
    }
    if (this.cache.size < 50_000) this.cache.set(word, ids);
    return ids;
  }

  /** Special tokens other than [UNK] are dropped; broken UTF-8 shows as U+FFFD. */
  decode(ids: readonly number[]): string {
    const parts = ids.map((id) => (id === unknownId ? new TextEncoder().encode('\uFFFD') : (this.bytes[id] ?? new Uint8Array(0))));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((offset, p) => (all.set(p, offset), offset + p.length), 0);
    return new TextDecoder().decode(all);
  }

  /** The token of each id, for display. */
  token(id: number): string {
    return id < firstByteId ? (specialTokens[id] ?? '[UNK]') : new TextDecoder().decode(this.bytes[id] ?? new Uint8Array(0));
  }

  toJSON(): BpeTokenizerJson {
    return { kind: 'bpe', version: 1, lowercase: this.lowercase, merges: this.merges.map(([a, b]) => [a, b]) };
  }
}

/** Every non-overlapping (a, b), left to right, replaced by `id`. */
function mergePair(ids: readonly number[], a: number, b: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i++;
    } else out.push(ids[i] as number);
  }
  return out;
}

export function parseBpeTokenizer(json: unknown): BpeTokenizerJson {
  const j = json as Partial<BpeTokenizerJson> | null;
  const ok = j && j.kind === 'bpe' && j.version === 1 && typeof j.lowercase === 'boolean' && Array.isArray(j.merges) && j.merges.every((m) => Array.isArray(m) && m.length === 2 && m.every(Number.isInteger));
  if (!ok) throw new AppError('input-malformed', 'This BPE tokenizer file is damaged or from another version.');
  return j as BpeTokenizerJson;
}
