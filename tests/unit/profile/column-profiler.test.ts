import { describe, expect, it } from 'vitest';
import { ColumnProfiler, TableProfiler, batchFromRecords, inferType, type ColumnProfile } from '../../../src/lib/profile';
import { createPrng } from '../../../src/lib/profile/prng';
import type { CellValue } from '../../../src/lib/store';

/** Deterministic pseudo-random stream for tests: the sketches' own mulberry32. */
function rng(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.next();
}

/** A messy column generator per kind, deterministic. */
function column(kind: string, n: number, seed = 1): CellValue[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i): CellValue => {
    if (r() < 0.05) return null;
    switch (kind) {
      case 'price': return r() < 0.5 ? `€${(r() * 300).toFixed(2)}` : `${(r() * 300).toFixed(2).replace('.', ',')} €`;
      case 'date': return r() < 0.7 ? `2023-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}` : `1${Math.floor(r() * 10)} Mar 2024`;
      case 'id': return `C-${String(i).padStart(5, '0')}`;
      case 'category': return ['red', 'Red', 'blue', 'green'][Math.floor(r() * 4)]!;
      default: return Math.floor(r() * 100);
    }
  });
}

function profileInParts(name: string, values: CellValue[], parts: number, options = {}): ColumnProfile {
  const size = Math.ceil(values.length / parts);
  const profilers = Array.from({ length: parts }, (_, p) => {
    const profiler = new ColumnProfiler(name, options);
    profiler.add(values.slice(p * size, (p + 1) * size), p * size);
    return profiler;
  });
  const [first, ...rest] = profilers;
  for (const p of rest) first!.merge(p);
  return first!.result();
}

function profileOnce(name: string, values: CellValue[], options = {}): ColumnProfile {
  const profiler = new ColumnProfiler(name, options);
  for (let i = 0; i < values.length; i += 37) profiler.add(values.slice(i, i + 37), i);
  return profiler.result();
}

describe('ColumnProfiler', () => {
  it('gives exactly the single-pass profile when merged from parts (small columns)', () => {
    for (const kind of ['price', 'date', 'id', 'category', 'count']) {
      const values = column(kind, 180, 5);
      expect(profileInParts(kind, values, 3), kind).toEqual(profileOnce(kind, values));
    }
  });

  it('matches the single pass on larger columns: exact figures equal, quantiles within sketch error', () => {
    for (const kind of ['price', 'count', 'date']) {
      const values = column(kind, 40_000, 9);
      const inference = inferType(kind, values.slice(0, 1000));
      const once = profileOnce(kind, values, { inference });
      const merged = profileInParts(kind, values, 4, { inference });
      const exact = (p: ColumnProfile) => ({
        count: p.count, missing: p.missing, distinct: p.distinct,
        // Past the exact limit shapes are sampled (every 4th value), so only their order must agree.
        patterns: p.distinct.exact ? p.patterns : p.patterns.slice(0, 2).map((x) => x.value).sort(),
        // Space-Saving summaries of different stream orders differ once they evict; exact ones may not.
        topValues: p.topValuesExact ? p.topValues : null,
        formats: p.formats, invalid: p.invalid.count, valueTypes: p.valueTypes, dates: p.dates && [p.dates.minMs, p.dates.maxMs, p.dates.count],
        numeric: p.numeric && [p.numeric.count, p.numeric.min, p.numeric.max, p.numeric.negatives, p.numeric.decimalComma, p.numeric.currencies],
      });
      expect(exact(merged), kind).toEqual(exact(once));
      once.patterns.slice(0, 4).forEach((pattern, i) => expect(Math.abs(merged.patterns[i]!.count - pattern.count) / pattern.count).toBeLessThan(0.05));
      if (once.numeric && merged.numeric) {
        expect(merged.numeric.mean).toBeCloseTo(once.numeric.mean, 6);
        expect(merged.numeric.std).toBeCloseTo(once.numeric.std, 6);
        const spread = once.numeric.max - once.numeric.min;
        for (const key of ['p5', 'p25', 'p50', 'p75', 'p95'] as const) {
          expect(Math.abs(merged.numeric.quantiles[key] - once.numeric.quantiles[key]) / spread, key).toBeLessThan(0.03);
        }
      }
    }
  });

  it('profiles parsed values: money strings become numbers', () => {
    const p = profileOnce('total', ['€1.234,50', '$10.00', '12,50 €', 'EUR 3.99', null, '(5.00)']);
    expect(p.inference.type).toBe('decimal');
    expect(p.numeric).toMatchObject({ count: 5, min: -5, max: 1234.5, negatives: 1, decimalPoint: 3, decimalComma: 2 });
    expect(p.numeric!.currencies).toEqual([{ value: 'EUR', count: 3 }, { value: 'USD', count: 1 }]);
    expect(p.numeric!.mean).toBeCloseTo((1234.5 + 10 + 12.5 + 3.99 - 5) / 5, 8);
    expect(p.missing).toBe(1);
    expect(p.missingRows).toEqual([4]);
  });

  it('keeps memory bounded on 1M distinct values: exact counts give way to sketches', () => {
    const profiler = new ColumnProfiler('session', { exactDistinctLimit: 10_000 });
    const batch: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      batch.push(`s-${(i * 2654435761 >>> 0).toString(16)}`);
      if (batch.length === 16_384) {
        profiler.add(batch, i + 1 - batch.length);
        batch.length = 0;
      }
    }
    profiler.add(batch, 1_000_000 - batch.length);
    const p = profiler.result();
    expect(p.count).toBe(1_000_000);
    expect(p.distinct.exact).toBe(false);
    expect(Math.abs(p.distinct.value / 1_000_000 - 1)).toBeLessThan(0.02);
    // Every value is unique: no estimated count may claim one repeats.
    expect(p.topValues).toEqual([]);
    expect(p.topValuesExact).toBe(false);
    expect(p.inference.type).toBe('identifier');
  });

  it('still finds a frequent value among many one-off values once counts are estimates', () => {
    const profiler = new ColumnProfiler('email');
    const values = Array.from({ length: 400_000 }, (_, i) => (i % 50 === 7 ? 'unknown@example.com' : `user${i}@example.com`));
    profiler.add(values, 0);
    const p = profiler.result();
    expect(p.topValuesExact).toBe(false);
    expect(p.topValues.map((v) => v.value)).toEqual(['unknown@example.com']);
    expect(Math.abs(p.topValues[0]!.count / 8_000 - 1)).toBeLessThan(0.1);
  });

  it('decides the type from the head, then refines it from the reservoir', () => {
    const values: CellValue[] = [...Array.from({ length: 1500 }, (_, i) => String(i % 50)), ...Array.from({ length: 3000 }, (_, i) => `${i % 50}.5`)];
    const p = profileOnce('weight', values);
    expect(p.inference.type).toBe('float');
    expect(p.numeric!.count).toBe(4500);
    expect(p.numeric!.max).toBe(49.5);
  });

  it('does not commit to a type when asked for a result before the head is complete', () => {
    const profiler = new ColumnProfiler('qty');
    profiler.add([null, null, null], 0);
    expect(profiler.result().inference.type).toBe('empty');
    profiler.add(['1', '2', '3'], 3);
    const p = profiler.result();
    expect(p.inference.type).toBe('integer');
    expect(p.numeric).toMatchObject({ count: 3, min: 1, max: 3 });
  });

  it('counts values that do not parse as the decided type', () => {
    const values: CellValue[] = [...Array.from({ length: 95 }, (_, i) => String(i)), 'oops', 'n/a?', 'twelve', '7 pcs', 'x'];
    const p = profileOnce('qty', values);
    expect(p.inference.type).toBe('integer');
    expect(p.invalid).toEqual({ count: 5, exampleRows: [95, 96, 97, 98, 99] });
  });

  it('yields JSON-safe data', () => {
    const p = profileOnce('total', column('price', 500));
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe('TableProfiler', () => {
  it('counts columns that appear mid-stream as missing before, and merges parts', () => {
    const a = batchFromRecords([{ sku: 'P-1', price: 5 }, { sku: 'P-2', price: 6 }]);
    const b = batchFromRecords([{ sku: 'P-3', price: '7.50', colour: 'red' }], 2);
    const whole = new TableProfiler();
    whole.add(a);
    whole.add(b);
    const profile = whole.result();
    expect(profile.rowCount).toBe(3);
    const colour = profile.columns.find((c) => c.name === 'colour')!;
    expect([colour.count, colour.missing, colour.missingRows]).toEqual([3, 2, [0, 1]]);
    expect(profile.columns.find((c) => c.name === 'price')!.valueTypes).toEqual({ text: 1, number: 2, boolean: 0 });

    const left = new TableProfiler();
    left.add(a);
    const right = new TableProfiler();
    right.add(b);
    left.merge(right);
    expect(left.result()).toEqual(profile);
  });

  it('takes storage chunks', () => {
    const profiler = new TableProfiler();
    profiler.addChunk({ names: ['n'], columns: [['1', '2', null]], rowStart: 0 });
    profiler.addChunk({ names: ['n'], columns: [['3']], rowStart: 3 });
    const [n] = profiler.result().columns;
    expect([n!.count, n!.missing, n!.missingRows, n!.numeric!.max]).toEqual([4, 1, [2], 3]);
  });
});
