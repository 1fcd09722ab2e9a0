import { describe, expect, it } from 'vitest';
import { bm25Index, catalogueFromColumns, cosineScores, documentText, reciprocalRankFusion, searchVectors, topRows, vectorIndex, type Ranking } from '../../../src/lib/search';

// The retrieval pieces against plain reference code: top-k selection against a full sort,
// cosine against a naive loop, fusion against hand-computed scores, and BM25's typo tolerance.

function random(seed: number) {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
}

describe('topRows', () => {
  it('returns the same rows as sorting every score (ties by row)', () => {
    const next = random(3);
    // Rounded scores, so ties occur and the tie rule is exercised.
    const scores = Float32Array.from({ length: 500 }, () => Math.round(next() * 50) / 50);
    const expected = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b);
    for (const k of [1, 7, 64, 500, 900]) expect(Array.from(topRows(scores, k).rows)).toEqual(expected.slice(0, k));
    expect(topRows(new Float32Array(0), 5).rows.length).toBe(0);
  });
});

describe('dense retrieval', () => {
  it('scores by cosine, as a naive loop does, for any vector width', () => {
    const next = random(5);
    for (const dim of [3, 8, 13]) {
      const vectors = Array.from({ length: 40 }, () => Float32Array.from({ length: dim }, () => next() - 0.5));
      const query = Float32Array.from({ length: dim }, () => next() - 0.5);
      const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      const naive = vectors.map((v) => v.reduce((s, x, d) => s + x * query[d]!, 0) / (norm(v) * norm(query)));
      const ours = cosineScores(vectorIndex(vectors), query);
      naive.forEach((c, i) => expect(ours[i]).toBeCloseTo(c, 5));
      const top = searchVectors(vectorIndex(vectors), query, 5);
      expect(Array.from(top.rows)).toEqual(naive.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 5).map((e) => e[1]));
    }
    // A zero vector stays zero instead of becoming NaN.
    expect(Array.from(cosineScores(vectorIndex([new Float32Array(4), Float32Array.of(1, 0, 0, 0)]), Float32Array.of(2, 0, 0, 0)))).toEqual([0, 1]);
  });
});

describe('reciprocal rank fusion', () => {
  const ranking = (rows: number[]): Ranking => ({ rows: Int32Array.from(rows), scores: new Float32Array(rows.length) });
  it('adds w / (k + rank) over the rankings', () => {
    const fused = reciprocalRankFusion([ranking([4, 2, 9]), ranking([2, 7])], { k: 60 });
    // 2: 1/62 + 1/61; 4: 1/61; 7: 1/62; 9: 1/63.
    expect(Array.from(fused.rows)).toEqual([2, 4, 7, 9]);
    expect(fused.scores[0]).toBeCloseTo(1 / 62 + 1 / 61, 7);
    expect(fused.scores[3]).toBeCloseTo(1 / 63, 7);
    // Weighting the second ranking up puts its first row on top; depth cuts the list.
    const weighted = reciprocalRankFusion([ranking([4, 2, 9]), ranking([7, 2])], { k: 1, weights: [1, 3], depth: 2 });
    expect(Array.from(weighted.rows)).toEqual([7, 2]);
  });
});

describe('BM25 search', () => {
  const titles = ['Colombian Coffee Beans 1kg', 'Ethiopian Coffee Beans 250g', 'Terracotta Teapot', 'Green Tea Sencha', 'Burr Coffee Grinder'];
  const categories = ['Coffee', 'Coffee', 'Kitchenware', 'Tea', 'Kitchenware'];
  const catalogue = catalogueFromColumns(['P1', 'P2', 'P3', 'P4', 'P5', 'P1', null], [
    { name: 'title', values: [...titles, 'a duplicate key', 'no key'] },
    { name: 'category', values: [...categories, 'x', 'y'] },
  ]);
  const top = (query: string, config = {}) => Array.from(bm25Index(catalogue, config).search(query, 3).rows, (r) => catalogue.keys[r]);

  it('reads one row per key and joins the fields for the encoder', () => {
    expect(catalogue.keys).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(documentText(catalogue, 2)).toBe('Terracotta Teapot. Kitchenware');
  });

  it('ranks by term match across fields', () => {
    expect(top('ethiopian coffee')[0]).toBe('P2');
    expect(top('kitchenware grinder')[0]).toBe('P5');
    expect(top('nothing like it')).toEqual([]);
  });

  it('tolerates typos (fuzzy) and clipped words (prefix), and not when turned off', () => {
    expect(top('terractta')[0]).toBe('P3');
    expect(top('terractta', { fuzzy: 0 })).toEqual([]);
    expect(top('colom cof')[0]).toBe('P1');
    expect(top('colom', { prefix: false, fuzzy: 0 })).toEqual([]);
  });

  it('weights fields by their boost', () => {
    const both = catalogueFromColumns(['A', 'B'], [{ name: 'title', values: ['sencha', 'matcha'] }, { name: 'notes', values: ['matcha', 'sencha'] }]);
    const first = (boosts: Record<string, number>) => both.keys[bm25Index(both, { fieldBoosts: boosts }).search('matcha', 2).rows[0]!];
    expect(first({ title: 3 })).toBe('B');
    expect(first({ notes: 3 })).toBe('A');
  });
});
