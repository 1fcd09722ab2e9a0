import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { inBatchObjective } from '../../../src/lib/search/contrastive-tuning';
import { Rng, train, type Embedder, type PairExample } from '../../../src/lib/ml/train';

// The in-batch negatives objective against a naive loop (micrograd-style oracle), its
// duplicate masking, and a short train() run on a toy embedder: the loss falls and no tensor
// is left behind. USE-lite end to end is in search-eval-cli.test.ts.

/** Mean of token embeddings, L2-normalised: a minimal Embedder over a [V, C] table. */
function toyEmbedder(V: number, C: number, seed: number): Embedder {
  const rng = new Rng(seed);
  const table = tf.variable(tf.tensor2d(Float32Array.from({ length: V * C }, () => rng.next() - 0.5), [V, C]), true, `toy-${seed}`);
  return {
    weights: new Map([['embedding', table]]),
    maxLength: 8,
    vocabSize: V,
    embed: ({ ids, mask }) =>
      tf.tidy(() => {
        const summed = tf.sum(tf.mul(tf.gather(table, ids), tf.expandDims(mask, 2)), 1) as tf.Tensor2D; // [B, T, C] -> [B, C]
        return tf.div(summed, tf.norm(summed, 2, 1, true)) as tf.Tensor2D;
      }),
  };
}

/** The loss written out: cross-entropy both ways over scale·cos, same-text entries left out. */
function naiveLoss(q: number[][], d: number[][], sameDoc: (i: number, j: number) => boolean, sameQuery: (i: number, j: number) => boolean, scale: number): number {
  const B = q.length;
  const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k]!, 0);
  let total = 0;
  for (let i = 0; i < B; i++) {
    const rows = Array.from({ length: B }, (_, j) => (j === i || !sameDoc(i, j) ? scale * dot(q[i]!, d[j]!) : -Infinity));
    const cols = Array.from({ length: B }, (_, j) => (j === i || !sameQuery(i, j) ? scale * dot(d[i]!, q[j]!) : -Infinity));
    const lse = (xs: number[]) => Math.log(xs.reduce((s, x) => s + Math.exp(x), 0));
    total += lse(rows) - rows[i]! + (lse(cols) - cols[i]!);
  }
  return total / (2 * B);
}

describe('in-batch negatives objective', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('matches the naive loss, with duplicate products and queries masked', async () => {
    const embedder = toyEmbedder(12, 6, 1);
    // Pairs 0 and 2 share a product; pairs 1 and 3 share a query.
    const batch: PairExample[] = [
      { left: [1, 2], right: [5, 6, 7], target: 1 },
      { left: [3], right: [8, 9], target: 1 },
      { left: [4, 1], right: [5, 6, 7], target: 1 },
      { left: [3], right: [10, 11], target: 1 },
    ];
    const objective = inBatchObjective(embedder, 20);
    const loss = objective.loss(batch, false, new Rng(1));
    const ours = (await loss.data())[0]!;
    loss.dispose();
    const vectors = (side: 'left' | 'right') => batch.map((e) => {
      const v = tf.tidy(() => embedder.embed({ ids: tf.tensor2d([e[side]], [1, e[side].length], 'int32'), mask: tf.ones([1, e[side].length]) as tf.Tensor2D }, false));
      const out = Array.from(v.dataSync());
      v.dispose();
      return out;
    });
    const same = (side: 'left' | 'right') => (i: number, j: number) => batch[i]![side].join() === batch[j]![side].join();
    expect(ours).toBeCloseTo(naiveLoss(vectors('left'), vectors('right'), same('right'), same('left'), 20), 4);
    // Unmasked, the duplicate product counts as a negative and the loss is higher.
    const unmasked = naiveLoss(vectors('left'), vectors('right'), () => false, () => false, 20);
    expect(unmasked).toBeGreaterThan(ours + 0.01);
    embedder.weights.get('embedding')!.dispose();
  });

  it('trains: query i moves toward product i, and no tensor is left behind', async () => {
    const embedder = toyEmbedder(40, 8, 2);
    // Queries are tokens 0..9, products tokens 10..39 (three each): nothing shared to start from.
    const pairs: PairExample[] = Array.from({ length: 10 }, (_, i) => ({ left: [i], right: [10 + 3 * i, 11 + 3 * i, 12 + 3 * i], target: 1 }));
    const objective = inBatchObjective(embedder, 10);
    const lossOf = async () => {
      const l = objective.loss(pairs, false, new Rng(1));
      const v = (await l.data())[0]!;
      l.dispose();
      return v;
    };
    const before = await lossOf();
    const tensors = tf.memory().numTensors;
    await train(objective, { train: pairs, val: [] }, { steps: 40, batchSize: 6, lr: 0.05, minLr: 0.01, warmup: 0, logEvery: 40, seed: 3 });
    expect(tf.memory().numTensors).toBe(tensors);
    const after = await lossOf();
    expect(after).toBeLessThan(0.3 * before);
    embedder.weights.get('embedding')!.dispose();
  });
});
