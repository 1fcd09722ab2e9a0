import { describe, expect, it } from 'vitest';
import { minimiseLbfgs } from '../../../src/lib/reviews/lbfgs';
import { fitLogistic, predictLogistic, type SparseRows } from '../../../src/lib/reviews/logistic-regression';
import { fitTfidf, fitTfidfBaseline, predictTfidfBaseline, tfidfRows, topTerms, wordTokens } from '../../../src/lib/reviews/tfidf-baseline';
import { Rng } from '../../../src/lib/ml/train/rng';

const dense = (rows: number[][]): SparseRows => ({
  rows: rows.length,
  columns: rows[0]!.length,
  offsets: Int32Array.from({ length: rows.length + 1 }, (_, i) => i * rows[0]!.length),
  indices: Int32Array.from(rows.flatMap((r) => r.map((_, j) => j))),
  values: Float32Array.from(rows.flat()),
});

describe('TF-IDF', () => {
  it('tokenises words with inner apostrophes, lower-cased', () => {
    expect(wordTokens("Isn't it GREAT? Don’t buy—5 stars!")).toEqual(["isn't", 'it', 'great', "don't", 'buy', '5', 'stars']);
  });

  it('smooth idf, sublinear tf and unit rows, by hand on three texts', () => {
    const v = fitTfidf(['good good food', 'bad food', 'good service'], { maxNgram: 1, minDf: 1 });
    expect([...v.index.keys()]).toEqual(['food', 'good', 'bad', 'service']); // by df, then alphabetical
    const idf2 = Math.log(4 / 3) + 1; // df 2 of N 3
    const idf1 = Math.log(4 / 2) + 1; // df 1
    expect(Array.from(v.idf)).toEqual([expect.closeTo(idf2, 6), expect.closeTo(idf2, 6), expect.closeTo(idf1, 6), expect.closeTo(idf1, 6)]);
    const x = tfidfRows(v, ['good good food', 'unknown words only']);
    const good = (1 + Math.log(2)) * idf2;
    const norm = Math.hypot(good, idf2);
    expect(Array.from(x.offsets)).toEqual([0, 2, 2]);
    expect(Array.from(x.indices)).toEqual([0, 1]);
    expect(Array.from(x.values)).toEqual([expect.closeTo(idf2 / norm, 6), expect.closeTo(good / norm, 6)]);
  });

  it('bigrams and the minimum document frequency', () => {
    const v = fitTfidf(['not good at all', 'not good', 'very good'], { minDf: 2 });
    expect([...v.index.keys()].sort()).toEqual(['good', 'not', 'not good']);
  });
});

describe('logistic regression', () => {
  it('L-BFGS finds the Rosenbrock minimum', () => {
    const { x } = minimiseLbfgs((p, g) => {
      const [a, b] = [p[0]!, p[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, Float64Array.from([-1.2, 1]), { iterations: 500, tolerance: 0 });
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(1, 4);
  });

  it('reaches the optimum of a naive reference loss (its finite-difference gradient is ~0)', () => {
    const rng = new Rng(5);
    const rows = Array.from({ length: 30 }, () => [rng.next() - 0.5, rng.next() - 0.5, rng.next()]);
    const targets = rows.map((r) => (r[0]! + 0.3 * r[1]! > 0 ? (r[2]! > 0.6 ? 2 : 1) : 0));
    const K = 3;
    const c = 2;
    const model = fitLogistic(dense(rows), targets, K, { c, iterations: 500 }, undefined, undefined, { tolerance: 0, gradientTolerance: 1e-10 });
    // Reference: mean cross-entropy + λ/2·‖W‖², λ = 1/(C·N), written out with plain loops.
    const lambda = 1 / (c * rows.length);
    const loss = (w: number[], b: number[]) => {
      let total = 0;
      rows.forEach((r, i) => {
        const logits = [0, 1, 2].map((k) => b[k]! + r.reduce((s, x, j) => s + x * w[j * K + k]!, 0));
        const max = Math.max(...logits);
        const logSum = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
        total += logSum - logits[targets[i]!]!;
      });
      return total / rows.length + (lambda / 2) * w.reduce((s, x) => s + x * x, 0);
    };
    const w = Array.from(model.weights);
    const b = Array.from(model.bias);
    const h = 1e-4;
    for (let j = 0; j < w.length; j++) {
      const up = [...w];
      const down = [...w];
      up[j]! += h;
      down[j]! -= h;
      expect(Math.abs((loss(up, b) - loss(down, b)) / (2 * h))).toBeLessThan(1e-4);
    }
    const probabilities = predictLogistic(model, dense(rows));
    const correct = targets.filter((t, i) => [0, 1, 2].every((k) => probabilities[i * K + k]! <= probabilities[i * K + t]!)).length;
    expect(correct / rows.length).toBeGreaterThan(0.8);
  });
});

describe('the TF-IDF baseline', () => {
  it('learns negation bigrams, picks C on validation and names the terms behind each class', () => {
    const rng = new Rng(2);
    const nouns = ['tea', 'mug', 'coffee', 'kettle', 'scarf', 'teapot'];
    const make = (n: number) => Array.from({ length: n }, (_, i) => {
      const positive = i % 2 === 0;
      const negated = rng.next() < 0.5;
      // "not bad" is positive and "not good" negative: only word pairs tell them apart.
      const word = positive === negated ? 'bad' : 'good';
      return { text: `the ${nouns[rng.int(nouns.length)]} was ${negated ? 'not ' : ''}${word}`, target: positive ? 1 : 0 };
    });
    const set = (rows: { text: string; target: number }[]) => ({ texts: rows.map((r) => r.text), targets: Int32Array.from(rows, (r) => r.target) });
    const [train, validation, test] = [set(make(200)), set(make(40)), set(make(100))];
    const baseline = fitTfidfBaseline(train, validation, 2, { balanced: true });
    expect(baseline.validationLoss.map((v) => v.c)).toEqual([0.3, 1, 3, 10, 30, 100]);
    expect(baseline.c).toBe(baseline.validationLoss.reduce((a, b) => (b.loss < a.loss ? b : a)).c);
    const probabilities = predictTfidfBaseline(baseline, test.texts);
    const accuracy = Array.from(test.targets).filter((t, i) => (probabilities[i * 2 + 1]! > 0.5 ? 1 : 0) === t).length / test.texts.length;
    expect(accuracy).toBeGreaterThan(0.95);
    const [negative, positive] = topTerms(baseline, 3);
    expect(negative).toContain('not good');
    expect(positive).toContain('not bad');
  });
});
