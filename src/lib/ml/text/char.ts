import { AppError } from '../../errors';
import { firstRegularId, normalizeText, specialTokens, unknownId } from './specials';

// A character-level tokenizer: one token per Unicode code point seen often enough in the user's
// texts. It needs no pretrained vocabulary, so it works for Chinese, Thai or any script.

export interface CharTokenizerJson {
  kind: 'char';
  version: 1;
  lowercase: boolean;
  /** symbols[i] has id firstRegularId + i. */
  symbols: string[];
}

export interface CharTrainOptions {
  /** Largest vocabulary, special tokens included; the rarest characters become [UNK]. */
  vocabSize?: number;
  /** Characters seen fewer times become [UNK]. */
  minCount?: number;
  lowercase?: boolean;
}

export class CharTokenizer {
  readonly kind = 'char';
  private readonly ids: Map<string, number>;

  constructor(readonly symbols: readonly string[], readonly lowercase: boolean) {
    this.ids = new Map(symbols.map((s, i) => [s, firstRegularId + i]));
  }

  /** The most frequent characters of `texts` (ties by code point, so training is deterministic). */
  static train(texts: Iterable<string>, { vocabSize = 4000, minCount = 1, lowercase = false }: CharTrainOptions = {}): CharTokenizer {
    const counts = new Map<string, number>();
    for (const text of texts) for (const ch of normalizeText(text, lowercase)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const symbols = [...counts]
      .filter(([, n]) => n >= minCount)
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, Math.max(0, vocabSize - firstRegularId))
      .map(([ch]) => ch);
    return new CharTokenizer(symbols, lowercase);
  }

  static fromJSON(json: CharTokenizerJson): CharTokenizer {
    return new CharTokenizer(json.symbols, json.lowercase);
  }

  get vocabSize(): number {
    return firstRegularId + this.symbols.length;
  }

  encode(text: string): number[] {
    return Array.from(normalizeText(text, this.lowercase), (ch) => this.ids.get(ch) ?? unknownId);
  }

  /** Special tokens other than [UNK] are dropped; [UNK] shows as U+FFFD. */
  decode(ids: readonly number[]): string {
    return ids.map((id) => (id === unknownId ? '\uFFFD' : id < firstRegularId ? '' : (this.symbols[id - firstRegularId] ?? '\uFFFD'))).join('');
  }

  toJSON(): CharTokenizerJson {
    return { kind: 'char', version: 1, lowercase: this.lowercase, symbols: [...this.symbols] };
  }

  /** The token of each id, for display. */
  token(id: number): string {
    return id < firstRegularId ? (specialTokens[id] ?? '[UNK]') : (this.symbols[id - firstRegularId] ?? '[UNK]');
  }
}

export function parseCharTokenizer(json: unknown): CharTokenizerJson {
  const j = json as Partial<CharTokenizerJson> | null;
  if (!j || j.kind !== 'char' || j.version !== 1 || typeof j.lowercase !== 'boolean' || !Array.isArray(j.symbols) || !j.symbols.every((s) => typeof s === 'string')) {
    throw new AppError('input-malformed', 'This character tokenizer file is damaged or from another version.');
  }
  return j as CharTokenizerJson;
}
