import { AppError } from '../../errors';

// The SentencePiece (unigram) tokenizer of Universal Sentence Encoder lite, re-implemented from
// @energetic-ai/embeddings 0.2.0 (tokenizer.ts, trie.ts; itself from @tensorflow-models/
// universal-sentence-encoder, Apache-2.0). It must give the same ids as the original, so it keeps
// the original's choices, including its quirks (marked "as the original").
//
// Text -> NFKC -> "▁" + text with spaces as "▁" -> best segmentation (Viterbi over a trie of the
// vocabulary, score = sum of piece log-probabilities) -> ids. A character no piece starts with
// becomes id 0 (unknown), and runs of unknowns collapse into one.

/** [piece, log-probability] per id, as in vocab.json. */
export type Vocabulary = ReadonlyArray<readonly [string, number]>;

const separator = '\u2581';
/** Ids 0..5 (unknown, <s>, </s>, extra tokens) are never produced by segmentation. */
const reservedCount = 6;
const unknownId = 0;

/**
 * vocab.json's seven pieces with a ':' have a null score; the original adds null as 0 (the
 * best possible score), so they are read as 0 here.
 */
export function parseVocabulary(json: unknown): Vocabulary {
  const ok = Array.isArray(json) && json.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && (typeof e[1] === 'number' || e[1] === null));
  if (!ok) throw new AppError('input-malformed', 'The tokenizer vocabulary is not a list of [piece, score] pairs. Reinstall the model files.');
  return (json as [string, number | null][]).map(([piece, score]) => [piece, score ?? 0] as const);
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Id of the piece ending here, or -1. */
  id: number;
  score: number;
}

const newNode = (): TrieNode => ({ children: new Map(), id: -1, score: 0 });

/** One candidate piece of the lattice: `id` covers symbols [start, start + length). */
interface Piece {
  id: number;
  score: number;
  length: number;
}

export class SentencePiece {
  private readonly root = newNode();

  /** `vocabulary[id][0]` is the piece of an id (attributions show pieces with their text). */
  constructor(readonly vocabulary: Vocabulary) {
    for (let id = reservedCount; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id] as readonly [string, number];
      let node = this.root;
      for (const symbol of piece) {
        let child = node.children.get(symbol);
        if (!child) node.children.set(symbol, (child = newNode()));
        node = child;
      }
      node.id = id; // a duplicate piece keeps the last id, as the original
      node.score = score;
    }
  }

  /** Every vocabulary piece that starts at symbols[start], shortest first; else the unknown. */
  private piecesAt(symbols: string[], start: number): Piece[] {
    const found: Piece[] = [];
    let node = this.root.children.get(symbols[start] as string);
    for (let end = start + 1; node; end++) {
      if (node.id >= 0) found.push({ id: node.id, score: node.score, length: end - start });
      node = end < symbols.length ? node.children.get(symbols[end] as string) : undefined;
    }
    return found.length > 0 ? found : [{ id: unknownId, score: 0, length: 1 }];
  }

  encode(text: string): number[] {
    const normalized = text.normalize('NFKC');
    const input = normalized.length > 0 ? separator + normalized.replace(/ /g, separator) : '';
    const symbols = Array.from(input); // code points
    const n = symbols.length;
    // endingAt[end] lists the pieces that end at `end`, by ascending start.
    const endingAt: Piece[][] = Array.from({ length: n + 1 }, () => []);
    for (let start = 0; start < n; start++) for (const piece of this.piecesAt(symbols, start)) endingAt[start + piece.length]?.push(piece);
    for (const pieces of endingAt) pieces.sort((a, b) => b.length - a.length); // ascending start
    // best[end]: score of the best segmentation of symbols[0, end); 0 also means "none yet",
    // and ties go to the later candidate, as the original.
    const best = new Float64Array(n + 1);
    const bestId = new Int32Array(n + 1);
    for (let end = 1; end <= n; end++) {
      for (const piece of endingAt[end] ?? []) {
        const score = piece.score + (best[end - piece.length] ?? 0);
        if (best[end] === 0 || score >= (best[end] ?? 0)) {
          best[end] = score;
          bestId[end] = piece.id;
        }
      }
    }
    // Walk back from the end. The step is the piece's length in UTF-16 units, while the lattice
    // counts code points, as the original (they differ only for pieces outside the BMP).
    const ids: number[] = [];
    for (let end = n; end > 0; ) {
      const id = bestId[end] ?? unknownId;
      if (!(id === unknownId && ids[ids.length - 1] === unknownId)) ids.push(id);
      end -= (this.vocabulary[id]?.[0] ?? '').length || 1;
    }
    return ids.reverse();
  }
}
