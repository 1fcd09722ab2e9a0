import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/ml/train/rng';
import { chooseK, findTopics, topicKeywords } from '../../../src/lib/reviews/topics';
import { silhouette, sphericalKMeans, unitRows } from '../../../src/lib/reviews/topics-kmeans';

// Topics on planted data: four clusters of 16-d vectors (a direction per cluster plus noise),
// each with texts that use its own words, so the right k, memberships and keywords are known.

const themes = [
  { words: ['courier', 'parcel', 'tracking'], sentiment: -0.8 },
  { words: ['flavour', 'aroma', 'roast'], sentiment: 0.7 },
  { words: ['price', 'bargain', 'discount'], sentiment: 0.2 },
  { words: ['stitching', 'fabric', 'seam'], sentiment: -0.3 },
];
const filler = ['the', 'was', 'and', 'really', 'order', 'this', 'product', 'my', 'it', 'again'];

function planted(perTheme: number, d: number, noise: number, seed: number) {
  const rng = new Rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const centres = themes.map(() => Float32Array.from({ length: d }, gauss));
  const texts: string[] = [];
  const embeddings: Float32Array[] = [];
  const truth: number[] = [];
  const sentiment: number[] = [];
  for (let i = 0; i < perTheme * themes.length; i++) {
    const t = i % themes.length;
    const theme = themes[t]!;
    const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
    texts.push([pick(filler), pick(theme.words), pick(filler), pick(theme.words), pick(filler), pick(filler)].join(' '));
    embeddings.push(Float32Array.from(centres[t]!, (c) => c + noise * gauss()));
    truth.push(t);
    sentiment.push(theme.sentiment + 0.1 * gauss());
  }
  return { texts, embeddings, truth, sentiment };
}

/** Share of texts in the majority planted theme of their topic. */
function purity(assignment: Int32Array, truth: readonly number[], k: number): number {
  let agree = 0;
  for (let c = 0; c < k; c++) {
    const counts = new Map<number, number>();
    assignment.forEach((a, i) => a === c && counts.set(truth[i]!, (counts.get(truth[i]!) ?? 0) + 1));
    agree += Math.max(0, ...counts.values());
  }
  return agree / truth.length;
}

describe('topics', () => {
  const data = planted(30, 16, 0.6, 3);

  it('chooses k = 4 by silhouette and recovers the planted clusters, keywords and sentiment', async () => {
    const result = await findTopics(data, { minTopics: 2, maxTopics: 8 });
    console.log(`topics: k ${result.k}, silhouette ${result.silhouette.toFixed(3)} (${result.candidates.map((c) => `${c.k}:${c.silhouette.toFixed(2)}`).join(' ')})`);
    expect(result.k).toBe(4);
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(purity(result.assignment, data.truth, result.k)).toBe(1);
    for (const topic of result.topics) {
      const theme = themes[data.truth[topic.representatives[0]!.review]!]!;
      // every representative is of the topic's theme, and its top 3 keywords are the theme's words
      for (const r of topic.representatives) expect(themes[data.truth[r.review]!]).toBe(theme);
      expect(topic.keywords.slice(0, 3).map((w) => w.word).sort()).toEqual([...theme.words].sort());
      expect(topic.size).toBe(30);
      expect(topic.share).toBeCloseTo(0.25, 6);
      expect(topic.sentiment!.meanScore).toBeCloseTo(theme.sentiment, 1);
      expect(topic.sentiment!.scored).toBe(30);
    }
    const courier = result.topics.find((t) => t.keywords.some((w) => w.word === 'courier'))!;
    expect(courier.sentiment!.negative).toBe(30);
  });

  it('is deterministic for a seed, honours a given k and numbers topics by size', async () => {
    const a = await findTopics(data, { topics: 3, seed: 5 });
    const b = await findTopics(data, { topics: 3, seed: 5 });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(a.k).toBe(3);
    expect(a.candidates).toHaveLength(1);
    expect(a.topics.map((t) => t.size)).toEqual([...a.topics.map((t) => t.size)].sort((x, y) => y - x));
    expect(a.topics.reduce((s, t) => s + t.size, 0)).toBe(data.texts.length);
  });

  it('refuses bad input and unknown options, and stops on abort', async () => {
    await expect(findTopics({ texts: ['a', 'b'], embeddings: [new Float32Array(2), new Float32Array(2)] })).rejects.toMatchObject({ code: 'input-malformed' });
    await expect(findTopics({ ...data, embeddings: data.embeddings.slice(1) })).rejects.toMatchObject({ code: 'input-malformed' });
    await expect(findTopics(data, { topicz: 3 } as never)).rejects.toMatchObject({ code: 'input-malformed' });
    await expect(findTopics(data, { topics: 1000 })).rejects.toMatchObject({ code: 'input-malformed' });
    const controller = new AbortController();
    controller.abort();
    await expect(findTopics(data, {}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const events: { done: number; total: number; unit: string }[] = [];
    await findTopics(data, { minTopics: 2, maxTopics: 4 }, { onProgress: (p) => events.push(p) });
    expect(events[0]).toMatchObject({ done: 0, total: 4, unit: 'candidates' });
    expect(events.at(-1)).toMatchObject({ done: 4, total: 4 });
  });
});

describe('spherical k-means and silhouette', () => {
  it('silhouette matches the pairwise definition (oracle on 40 rows)', () => {
    const { embeddings } = planted(10, 5, 1.5, 9);
    const X = unitRows(embeddings);
    const n = embeddings.length;
    const { assignment } = sphericalKMeans(X, n, 5, 3, new Rng(1));
    const dist = (i: number, j: number) => 1 - Array.from({ length: 5 }, (_, t) => X[i * 5 + t]! * X[j * 5 + t]!).reduce((s, v) => s + v, 0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const mean = (c: number) => {
        const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i && assignment[j] === c);
        return others.reduce((s, j) => s + dist(i, j), 0) / others.length;
      };
      const a = mean(assignment[i]!);
      const b = Math.min(...[0, 1, 2].filter((c) => c !== assignment[i]).map(mean));
      total += (b - a) / Math.max(a, b);
    }
    expect(silhouette(X, n, 5, assignment, 3)).toBeCloseTo(total / n, 5);
  });

  it('keeps k clusters when rows repeat (no empty cluster)', () => {
    const rows = [...Array(6).fill([1, 0]), ...Array(6).fill([0, 1]), [0.7, 0.7]].map((r) => Float32Array.from(r as number[]));
    const result = sphericalKMeans(unitRows(rows), rows.length, 2, 3, new Rng(2));
    expect(new Set(result.assignment).size).toBe(3);
  });

  it('chooseK keeps the finest k within the tolerance of the best silhouette', () => {
    const flat = [{ k: 2, silhouette: 0.142 }, { k: 3, silhouette: 0.137 }, { k: 4, silhouette: 0.132 }, { k: 5, silhouette: 0.125 }, { k: 6, silhouette: 0.083 }];
    expect(chooseK(flat, 0.1)).toBe(4);
    expect(chooseK(flat, 0)).toBe(2);
    expect(chooseK([{ k: 2, silhouette: -0.2 }, { k: 3, silhouette: -0.1 }], 0.1)).toBe(3);
  });

  it('c-TF-IDF prefers words specific to a topic over words common to all', () => {
    const texts = ['slow courier slow', 'courier lost parcel', 'great aroma', 'aroma and roast great'];
    const keywords = topicKeywords(texts, Int32Array.from([0, 0, 1, 1]), 2, { keywords: 2, bigrams: false, minKeywordReviews: 1 });
    expect(keywords[0]!.map((w) => w.word)).toEqual(['courier', 'slow']);
    expect(keywords[1]!.map((w) => w.word)).toEqual(['aroma', 'great']);
  });
});
