// Candidate pairs as growable typed columns, and filling them: each pair's agreement level per
// field, the shared value's share for term-frequency adjustment, and a mean similarity to break
// ties. Weights and probabilities are left at 0 for score.ts to fill.
import { exactLevel, fieldSimilarity, levelOf } from './compare-field';
import type { FieldStatistics, PreparedField } from './prepare';
import type { FieldComparison, PairTable } from './types';

export class PairBuilder {
  count = 0;
  private capacity: number;
  private a: Uint32Array;
  private b: Uint32Array;
  private levels: Uint8Array;
  private termShare: Float32Array;
  private similarity: Float32Array;

  constructor(readonly fieldCount: number, capacity = 1024) {
    this.capacity = capacity;
    this.a = new Uint32Array(capacity);
    this.b = new Uint32Array(capacity);
    this.levels = new Uint8Array(capacity * fieldCount);
    this.termShare = new Float32Array(capacity * fieldCount);
    this.similarity = new Float32Array(capacity);
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const widen = <T extends Uint32Array | Uint8Array | Float32Array>(old: T, make: (n: number) => T, per: number): T => {
      const next = make(capacity * per);
      next.set(old);
      return next;
    };
    this.a = widen(this.a, (n) => new Uint32Array(n), 1);
    this.b = widen(this.b, (n) => new Uint32Array(n), 1);
    this.levels = widen(this.levels, (n) => new Uint8Array(n), this.fieldCount);
    this.termShare = widen(this.termShare, (n) => new Float32Array(n), this.fieldCount);
    this.similarity = widen(this.similarity, (n) => new Float32Array(n), 1);
    this.capacity = capacity;
  }

  /** Compares pair (a, b) on every field and appends it. */
  add(
    a: number, b: number, comparisons: readonly FieldComparison[],
    left: readonly PreparedField[], right: readonly PreparedField[], stats: readonly FieldStatistics[],
  ): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.a[i] = a;
    this.b[i] = b;
    let sum = 0;
    let present = 0;
    for (let f = 0; f < comparisons.length; f++) {
      const c = comparisons[f]!;
      const s = fieldSimilarity(c, left[f]!, right[f]!, a, b);
      const level = levelOf(c, s);
      this.levels[i * this.fieldCount + f] = level;
      // Closeness of numbers and dates says little about which look-alike is meant; text breaks ties.
      if (!Number.isNaN(s) && c.kind !== 'numeric' && c.kind !== 'date') { sum += Math.min(1, s); present++; }
      if (level === exactLevel && c.termFrequency) {
        const shares = right[f]!.valueShare;
        this.termShare[i * this.fieldCount + f] = shares ? shares[b]! : stats[f]!.valueShare.get(right[f]!.text[b] ?? '') ?? 0;
      }
    }
    this.similarity[i] = present > 0 ? sum / present : 0;
  }

  /** The finished table, trimmed to size. */
  build(): PairTable {
    const n = this.count;
    return {
      count: n,
      fieldCount: this.fieldCount,
      a: this.a.slice(0, n),
      b: this.b.slice(0, n),
      levels: this.levels.slice(0, n * this.fieldCount),
      termShare: this.termShare.slice(0, n * this.fieldCount),
      similarity: this.similarity.slice(0, n),
      weight: new Float32Array(n),
      probability: new Float32Array(n),
    };
  }
}

/** One table after the other (for pairs added later, such as labelled pairs blocking missed). */
export function concatPairs(x: PairTable, y: PairTable): PairTable {
  const join = <T extends Uint32Array | Uint8Array | Float32Array>(p: T, q: T, make: (n: number) => T): T => {
    const out = make(p.length + q.length);
    out.set(p);
    out.set(q, p.length);
    return out;
  };
  return {
    count: x.count + y.count,
    fieldCount: x.fieldCount,
    a: join(x.a, y.a, (n) => new Uint32Array(n)),
    b: join(x.b, y.b, (n) => new Uint32Array(n)),
    levels: join(x.levels, y.levels, (n) => new Uint8Array(n)),
    termShare: join(x.termShare, y.termShare, (n) => new Float32Array(n)),
    similarity: join(x.similarity, y.similarity, (n) => new Float32Array(n)),
    weight: join(x.weight, y.weight, (n) => new Float32Array(n)),
    probability: join(x.probability, y.probability, (n) => new Float32Array(n)),
  };
}
