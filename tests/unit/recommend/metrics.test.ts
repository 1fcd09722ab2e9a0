import { describe, expect, it } from 'vitest';
import { buildInteractions, leaveLastOut, popularityPercentiles, rankingFigures, ratingErrors, type ScoreUser } from '../../../src/lib/recommend';
import { expectedFigures } from '../../../src/lib/recommend/metrics';
import { createRowAdamW } from '../../../src/lib/recommend/row-adamw';

// The protocol figures against hand computation and brute force (reference oracles).

/** HR, NDCG and MRR averaged over every position a random tie-break could give. */
function bruteForce(above: number, tied: number, k: number) {
  let [hr, ndcg, mrr] = [0, 0, 0];
  for (let p = above; p <= above + tied; p++) {
    hr += p < k ? 1 : 0;
    ndcg += p < k ? 1 / Math.log2(p + 2) : 0;
    mrr += 1 / (p + 1);
  }
  return { hr: hr / (tied + 1), ndcg: ndcg / (tied + 1), mrr: mrr / (tied + 1) };
}

describe('ranking figures', () => {
  it('breaks ties at random in expectation', () => {
    for (const [above, tied] of [[0, 0], [3, 0], [9, 0], [10, 0], [2, 5], [7, 6], [0, 40], [12, 3]] as const) {
      const got = expectedFigures(above, tied, 10);
      const want = bruteForce(above, tied, 10);
      expect(got.hr).toBeCloseTo(want.hr, 10);
      expect(got.ndcg).toBeCloseTo(want.ndcg, 10);
      expect(got.mrr).toBeCloseTo(want.mrr, 10);
    }
  });

  it('ranks over the full catalogue without the user’s training items', async () => {
    // Items x0..x5. User a trained on x0, x1 and holds out x4; user b trained on x5, holds out x0.
    const { interactions: d } = buildInteractions({ user: ['a', 'a', 'a', 'b', 'b'], item: ['x0', 'x1', 'x4', 'x5', 'x0'], time: [1, 2, 3, 1, 2] }, { catalogue: ['x2', 'x3'] });
    const { train, test } = leaveLastOut(d);
    // Fixed scores by item id: x0 9, x1 8, x2 5, x3 5, x4 4, x5 1.
    const byId: Record<string, number> = { x0: 9, x1: 8, x2: 5, x3: 5, x4: 4, x5: 1 };
    const score: ScoreUser = (_u, out) => d.itemIds.forEach((id, i) => (out[i] = byId[id]!));
    const f = await rankingFigures(score, train, test, { k: 2, percentiles: popularityPercentiles(train) });
    // a: x0, x1 excluded; x2, x3 above x4 -> position 2, outside the top 2. b: x5 excluded, x0 first.
    expect(f.users).toBe(2);
    expect(f.hr).toBeCloseTo(0.5);
    expect(f.ndcg).toBeCloseTo((0 + 1) / 2);
    expect(f.mrr).toBeCloseTo((1 / 3 + 1) / 2);
    // Top-2 lists: a gets x2, x3; b gets x0, x1: 4 of 6 items covered.
    expect(f.coverage).toBeCloseTo(4 / 6);
  });

  it('computes RMSE and MAE', () => {
    const { interactions: d } = buildInteractions({ user: ['a', 'b'], item: ['x', 'x'], rating: [4, 2] });
    expect(ratingErrors(() => 3, d)).toEqual({ rmse: 1, mae: 1, rmseSe: 0 });
  });
});

describe('row-wise AdamW', () => {
  it('matches AdamW by hand on the rows it touches, sums repeated rows, and freezes the padding row', () => {
    const width = 2;
    const table = Float32Array.from([0, 0, 1, -1, 0.5, 2, 3, 3]); // rows 0 (padding), 1, 2, 3
    const config = { lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 };
    const adam = createRowAdamW(table, width, config);
    // Row 1 appears twice (grads summed), row 2 once, row 0 is padding, row 3 untouched.
    adam.apply([Int32Array.from([1, 0, 1]), Int32Array.from([2])], [Float32Array.from([0.2, -0.4, 9, 9, 0.1, 0.1]), Float32Array.from([-1, 0.5])]);
    const byHand = (p: number, g: number) => {
      const m = 0.1 * g;
      const v = 0.001 * g * g;
      return p * (1 - config.lr * config.weightDecay) - (config.lr * (m / 0.1)) / (Math.sqrt(v / 0.001) + 1e-8);
    };
    const want = [0, 0, byHand(1, 0.3), byHand(-1, -0.3), byHand(0.5, -1), byHand(2, 0.5), 3, 3];
    Array.from(table).forEach((x, n) => expect(x).toBeCloseTo(want[n]!, 5));
  });
});
