import { describe, expect, it } from 'vitest';
import { judgeSearchLog, ndcgAt, recallAt, reciprocalRank, scoreRankings, splitQueries, type Judgement } from '../../../src/lib/search';

// The search-log judgements and the ranking metrics, on hand-computed cases.

const judgement = (rows: number[], gains: number[]): Judgement => ({ query: 'q', rows: Int32Array.from(rows), gains: Float32Array.from(gains) });
const ranked = (rows: number[]) => Int32Array.from(rows);

describe('ranking metrics', () => {
  it('MRR is 1 / rank of the first clicked product, 0 when absent', () => {
    expect(reciprocalRank(ranked([5, 3, 8]), judgement([8, 3], [1, 1]))).toBe(0.5);
    expect(reciprocalRank(ranked([5]), judgement([8], [1]))).toBe(0);
  });

  it('NDCG@k uses click counts as graded gains', () => {
    // Clicks: row 1 ×3, row 2 ×1. Ranked [2, 9, 1]: DCG = 1/log2(2) + 3/log2(4) = 2.5;
    // ideal [1, 2]: 3 + 1/log2(3).
    const j = judgement([1, 2], [3, 1]);
    expect(ndcgAt(ranked([2, 9, 1]), j, 10)).toBeCloseTo(2.5 / (3 + 1 / Math.log2(3)), 10);
    expect(ndcgAt(ranked([1, 2]), j, 10)).toBeCloseTo(1, 10);
    expect(ndcgAt(ranked([2, 9, 1]), j, 2)).toBeCloseTo(1 / (3 + 1 / Math.log2(3)), 10);
  });

  it('Recall@k is the share of distinct clicked products in the top k', () => {
    expect(recallAt(ranked([7, 1, 4]), judgement([1, 2], [5, 1]), 10)).toBe(0.5);
    expect(recallAt(ranked([7, 1, 4]), judgement([1, 2], [5, 1]), 1)).toBe(0);
  });

  it('averages over queries', () => {
    const scores = scoreRankings([ranked([1]), ranked([9, 2])], [judgement([1], [1]), judgement([2], [1])]);
    expect(scores.mrr).toBeCloseTo(0.75, 10);
    expect(scores['recall@10']).toBe(1);
  });
});

describe('search log', () => {
  const rowOfKey = new Map([['P-1', 0], ['P-2', 1]]);
  it('groups clicks by normalised query and drops rows without a click or with an unknown product', () => {
    const { judgements, counts } = judgeSearchLog(
      ['Coffee Beans', 'coffee  beans ', 'coffee beans', 'tea', 'tea', null, 'mug'],
      ['P-1', 'P-1', 'P-2', '', null, 'P-1', 'P-9'],
      rowOfKey,
    );
    expect(counts).toEqual({ rows: 7, clicks: 4, unknownProducts: 1 });
    expect(judgements).toHaveLength(1);
    expect(judgements[0]!.query).toBe('coffee beans');
    expect(Array.from(judgements[0]!.rows)).toEqual([0, 1]);
    expect(Array.from(judgements[0]!.gains)).toEqual([2, 1]);
  });

  it('splits distinct queries by a seeded hash: same split in any order, different for another seed', () => {
    const all = Array.from({ length: 200 }, (_, i) => ({ ...judgement([0], [1]), query: `query ${i}` }));
    const a = splitQueries(all, 0.2, 1);
    expect(a.test).toHaveLength(40);
    expect(a.train).toHaveLength(160);
    const b = splitQueries([...all].reverse(), 0.2, 1);
    expect(b.test.map((j) => j.query).sort()).toEqual(a.test.map((j) => j.query).sort());
    const c = splitQueries(all, 0.2, 2);
    expect(c.test.map((j) => j.query).sort()).not.toEqual(a.test.map((j) => j.query).sort());
  });
});
