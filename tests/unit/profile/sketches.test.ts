import { describe, expect, it } from 'vitest';
import {
  ExtremeTracker, HyperLogLog, QuantileSketch, TopValues, histogramFromSketch, niceStep, outlierFences, outlierSummary, stringPattern,
} from '../../../src/lib/profile';
import { createPrng } from '../../../src/lib/profile/prng';

/** Deterministic pseudo-random stream for tests: the sketches' own mulberry32. */
function rng(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.next();
}

describe('HyperLogLog', () => {
  it('estimates 1M distinct values within 2%', () => {
    const hll = new HyperLogLog();
    for (let i = 0; i < 1_000_000; i++) hll.add(`user-${i}`);
    expect(Math.abs(hll.estimate() / 1_000_000 - 1)).toBeLessThan(0.02);
  });

  it('is exact-ish for small sets and ignores repeats', () => {
    const hll = new HyperLogLog();
    for (let r = 0; r < 10; r++) for (let i = 0; i < 100; i++) hll.add(`v${i}`);
    expect(Math.abs(hll.estimate() - 100)).toBeLessThanOrEqual(2);
  });

  it('merges to the same registers as one sketch over both streams', () => {
    const a = new HyperLogLog();
    const b = new HyperLogLog();
    const both = new HyperLogLog();
    for (let i = 0; i < 50_000; i++) {
      (i % 2 ? a : b).add(`x${i}`);
      both.add(`x${i}`);
    }
    a.merge(b);
    expect(a.estimate()).toBe(both.estimate());
    expect(Math.abs(both.estimate() / 50_000 - 1)).toBeLessThan(0.03);
  });
});

/**
 * Largest distance of q from the true rank of quantile(q) over a grid, against the sorted
 * truth. A value repeated many times spans a range of ranks (fraction below it to fraction at
 * or below it); q anywhere in that range is exact.
 */
function maxRankError(sketch: QuantileSketch, sorted: Float64Array): number {
  const rank = (v: number, inclusive: boolean): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inclusive ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo / sorted.length;
  };
  let worst = 0;
  for (let q = 0.01; q < 1; q += 0.01) {
    const v = sketch.quantile(q)!;
    worst = Math.max(worst, rank(v, false) - q, q - rank(v, true));
  }
  return worst;
}

describe('QuantileSketch (KLL)', () => {
  const random = rng(7);
  const n = 1_000_000;
  const data = Float64Array.from({ length: n }, () => Math.exp(3 * random()) * 10);
  const sorted = data.slice().sort();

  it('keeps rank error under 1.5% on 1M log-normal-ish values in bounded memory', () => {
    const sketch = new QuantileSketch();
    for (const x of data) sketch.add(x);
    expect(sketch.count).toBe(n);
    expect(sketch.exact).toBe(false);
    expect(maxRankError(sketch, sorted)).toBeLessThan(0.015);
    expect(sketch.weightedItems().values.length).toBeLessThan(1000);
    expect(sketch.min).toBe(sorted[0]);
    expect(sketch.max).toBe(sorted[n - 1]);
  });

  it('keeps the error bound after merging four partial sketches', () => {
    const parts = [0, 1, 2, 3].map((seed) => new QuantileSketch(200, seed + 1));
    data.forEach((x, i) => parts[i % 4]!.add(x));
    const [merged, ...rest] = parts;
    for (const p of rest) merged!.merge(p);
    expect(merged!.count).toBe(n);
    expect(maxRankError(merged!, sorted)).toBeLessThan(0.02);
  });

  it('is exact while small', () => {
    const sketch = new QuantileSketch();
    for (let i = 1; i <= 100; i++) sketch.add(i);
    expect(sketch.exact).toBe(true);
    expect(sketch.quantile(0.5)).toBe(50);
    expect(sketch.quantile(0.25)).toBe(25);
    expect(sketch.quantile(0.99)).toBe(99);
    expect(sketch.countBelow(10)).toBe(9);
    expect(sketch.countAtMost(10)).toBe(10);
  });

  it('counts a column of few distinct values exactly, however long', () => {
    const sketch = new QuantileSketch();
    const ratings = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 5) + (i % 3 === 0 ? 0.5 : 0));
    for (const x of ratings) sketch.add(x);
    const truth = ratings.slice().sort();
    expect(sketch.exact).toBe(true);
    for (const q of [0.01, 0.25, 0.5, 0.75, 0.99]) expect(sketch.quantile(q)).toBe(truth[Math.ceil(q * n) - 1]);
    expect(sketch.countBelow(3)).toBe(truth.findIndex((x) => x >= 3));
    expect(sketch.weightedItems().values.length).toBe(10);
  });

  it('hands exact counts to the levels by weight when the values get many', () => {
    // A long run of few values, then many distinct ones: the counts must keep their weight.
    const stream = Float64Array.from({ length: 200_000 }, (_, i) => (i < 150_000 ? i % 7 : 7 + random() * 100));
    const truth = stream.slice().sort();
    const sketch = new QuantileSketch();
    for (const x of stream) sketch.add(x);
    expect(sketch.exact).toBe(false);
    expect(sketch.count).toBe(stream.length);
    expect(maxRankError(sketch, truth)).toBeLessThan(0.015);
    // One side still counting exactly, the other past it: the merge carries both.
    const counted = new QuantileSketch();
    const sketched = new QuantileSketch();
    stream.forEach((x, i) => (i < 150_000 ? counted : sketched).add(x));
    expect(counted.exact).toBe(true);
    counted.merge(sketched);
    expect(counted.count).toBe(stream.length);
    expect(maxRankError(counted, truth)).toBeLessThan(0.015);
  });

  it('gives the same answers for the same stream (seeded coin)', () => {
    const a = new QuantileSketch();
    const b = new QuantileSketch();
    for (const x of data.subarray(0, 100_000)) {
      a.add(x);
      b.add(x);
    }
    expect(a.quantile(0.37)).toBe(b.quantile(0.37));
  });
});

describe('TopValues (Misra-Gries)', () => {
  it('is exact below capacity', () => {
    const top = new TopValues(10);
    for (const v of ['a', 'b', 'a', 'c', 'a', 'b']) top.add(v);
    expect(top.exact).toBe(true);
    expect(top.top(2)).toEqual([{ value: 'a', count: 3 }, { value: 'b', count: 2 }]);
  });

  it('never misses a value above n / (capacity + 1), on a long skewed stream', () => {
    const top = new TopValues(50);
    const random = rng(3);
    const truth = new Map<string, number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const v = random() < 0.3 ? `hot${Math.floor(random() * 5)}` : `cold${Math.floor(random() * 100_000)}`;
      truth.set(v, (truth.get(v) ?? 0) + 1);
      top.add(v);
    }
    expect(top.exact).toBe(false);
    expect(top.maxError).toBeLessThanOrEqual(n / 51);
    const reported = top.top(5);
    expect(reported.map((r) => r.value).sort()).toEqual(['hot0', 'hot1', 'hot2', 'hot3', 'hot4']);
    for (const r of reported) {
      const real = truth.get(r.value)!;
      expect(r.count).toBeLessThanOrEqual(real);
      expect(real - r.count).toBeLessThanOrEqual(top.maxError);
    }
  });

  it('lists nothing made-up for a column of one-off values', () => {
    const top = new TopValues(20);
    for (let i = 0; i < 10_000; i++) top.add(`id-${i}`);
    expect(top.top(10).length).toBeLessThanOrEqual(10);
    expect(top.top(10).every((v) => v.count <= 1)).toBe(true);
  });

  it('merges exact summaries exactly', () => {
    const a = new TopValues(10);
    const b = new TopValues(10);
    ['x', 'y', 'x'].forEach((v) => a.add(v));
    ['y', 'y', 'z'].forEach((v) => b.add(v));
    a.merge(b);
    expect(a.top(3)).toEqual([{ value: 'y', count: 3 }, { value: 'x', count: 2 }, { value: 'z', count: 1 }]);
    expect(a.exact).toBe(true);
  });
});

describe('histogram', () => {
  it('uses nice steps', () => {
    expect(niceStep(100, 10)).toBe(10);
    expect(niceStep(130, 10)).toBe(20);
    expect(niceStep(0.37, 10)).toBeCloseTo(0.05);
  });

  it('bins whole numbers one per value and sums to n', () => {
    const sketch = new QuantileSketch();
    [1, 2, 2, 3, 3, 3, 5].forEach((x) => sketch.add(x));
    const bins = histogramFromSketch(sketch, 20, 'integer');
    expect(bins.map((b) => [b.lower, b.count])).toEqual([[1, 1], [2, 2], [3, 3], [4, 0], [5, 1]]);
  });

  it('sums to n for approximate sketches too', () => {
    const sketch = new QuantileSketch();
    const random = rng(11);
    for (let i = 0; i < 100_000; i++) sketch.add(random() * 1000);
    const bins = histogramFromSketch(sketch, 10);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(100_000);
    for (const b of bins) expect(b.count / 100_000).toBeCloseTo(0.1, 1);
  });
});

describe('stringPattern', () => {
  it.each([
    ['C-00012', 'A-99999'],
    ['2021-01-19', '9999-99-99'],
    ['€1.234,50', '€9.999,99'],
    ['s-6f680d1b', 'a-9a999a9a'],
    ['James Anderson', 'Aa+ Aa+'],
    ['+39 166 6088309', '+99 999 9+'],
    ['a very long product title here', 'a a+ a+ a+ a+ a+'],
    ['Ünïcode', 'Aaaaaaa'],
  ])('%s -> %s', (text, pattern) => {
    expect(stringPattern(text)).toBe(pattern);
  });
});

describe('outliers', () => {
  it('fences by IQR and counts values beyond them with example rows', () => {
    const sketch = new QuantileSketch();
    const extremes = new ExtremeTracker(3);
    const values = [...Array.from({ length: 100 }, (_, i) => 10 + (i % 10)), 500, -300];
    values.forEach((x, row) => {
      sketch.add(x);
      extremes.add(x, row);
    });
    const fences = outlierFences(sketch)!;
    expect(fences.method).toBe('iqr');
    const summary = outlierSummary(sketch, extremes, fences);
    expect(summary.count).toBe(2);
    expect(summary.exampleRows.sort()).toEqual([100, 101]);
  });

  it('falls back to the mean absolute deviation when the IQR is zero, and gives up when everything is equal', () => {
    const sketch = new QuantileSketch();
    const extremes = new ExtremeTracker(3);
    [...Array(60).fill(1), ...Array(20).fill(2), ...Array(19).fill(0), 50].forEach((x, row) => {
      sketch.add(x);
      extremes.add(x, row);
    });
    // q1 = q3 = 1 here, so IQR fences would flag every 0 and 2.
    const fences = outlierFences(sketch)!;
    expect(fences.method).toBe('mad');
    expect(outlierSummary(sketch, extremes, fences)).toMatchObject({ count: 1, exampleRows: [99] });
    const flat = new QuantileSketch();
    for (let i = 0; i < 10; i++) flat.add(3);
    expect(outlierFences(flat)).toBeNull();
  });

  it('flags nothing in a column of two values', () => {
    // scotch respondent_brands.csv: 0/1 per brand, a few percent ones.
    for (const ones of [1, 31, 520, 1500]) {
      const sketch = new QuantileSketch();
      for (let i = 0; i < 2218; i++) sketch.add(i < ones ? 1 : 0);
      expect(outlierFences(sketch), `${ones} ones`).toBeNull();
    }
    const twoPrices = new QuantileSketch();
    for (let i = 0; i < 1000; i++) twoPrices.add(i % 50 === 0 ? 9.99 : 1.19);
    expect(outlierFences(twoPrices)).toBeNull();
  });

  it('takes a second mode for no outliers when the IQR is zero', () => {
    // margarine PFl_Tub: 1.19 in 4,030 of 4,470 weeks, the rest spread around it.
    const sketch = new QuantileSketch();
    const others = [1.09, 1.14, 1.16, 1.22, 1.25, 1.29, 0.99, 1.35];
    for (let i = 0; i < 4470; i++) sketch.add(i < 4030 ? 1.19 : others[i % others.length]!);
    expect(outlierFences(sketch)).toBeNull();
    // A few far-off values among them (at most 1% of rows) are still outliers.
    const rare = new QuantileSketch();
    const extremes = new ExtremeTracker(5);
    for (let i = 0; i < 4470; i++) {
      const x = i < 4030 ? 1.19 : i < 4440 ? others[i % others.length]! : 11.9;
      rare.add(x);
      extremes.add(x, i);
    }
    const fences = outlierFences(rare)!;
    expect(fences.method).toBe('mad');
    expect(outlierSummary(rare, extremes, fences).count).toBe(30);
  });

  it('counts outliers exactly in a long column of few distinct prices', () => {
    // margarine PImp_Stk: 4,470 shelf prices, a few dozen distinct; beyond the fences lie
    // 17 x 1.38, 2 x 1.44 and 4 x 2.3, which an exact count finds as 23.
    const body = [0.63, 0.73, 0.79, 0.83, 0.85, 0.87, 0.89, 0.93, 0.97, 1.03];
    const values = [
      ...Array.from({ length: 4447 }, (_, i) => body[(i * 7) % body.length]!),
      ...Array<number>(17).fill(1.38), ...Array<number>(2).fill(1.44), ...Array<number>(4).fill(2.3),
    ];
    // Spread the far values through the stream, as weeks of a panel are.
    const stream = values.map((x, i) => [x, (i * 2654435761) % 4470] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x);
    const whole = new QuantileSketch();
    const parts = [new QuantileSketch(), new QuantileSketch(), new QuantileSketch()];
    const extremes = new ExtremeTracker(5);
    stream.forEach((x, row) => {
      whole.add(x);
      parts[row % 3]!.add(x);
      extremes.add(x, row);
    });
    parts[0]!.merge(parts[1]!);
    parts[0]!.merge(parts[2]!);
    for (const sketch of [whole, parts[0]!]) {
      const fences = outlierFences(sketch)!;
      expect(fences.method).toBe('iqr');
      const exact = stream.filter((x) => x < fences.lower || x > fences.upper).length;
      expect(exact).toBe(23);
      expect(outlierSummary(sketch, extremes, fences).count).toBe(exact);
    }
  });
});
