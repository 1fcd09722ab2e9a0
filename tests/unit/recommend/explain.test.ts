import { describe, expect, it } from 'vitest';
import { alsoBought, buildInteractions, buildRecommender, itemNeighbours, itemPopularity, knnDefaults, reasonsFor, similarItems, type ItemText } from '../../../src/lib/recommend';

// Explanations on a shop small enough to check by hand: coffee buyers buy filters, tea buyers
// buy cups; one new item (a grinder) nobody has bought yet is known only by its text.

const rows: [string, string][] = [
  ['ann', 'coffee'], ['ann', 'filters'], ['bob', 'coffee'], ['bob', 'filters'], ['cat', 'coffee'], ['cat', 'filters'], ['cat', 'cups'],
  ['dan', 'tea'], ['dan', 'cups'], ['eve', 'tea'], ['eve', 'cups'], ['fay', 'coffee'],
];
const { interactions: data } = buildInteractions({ user: rows.map((r) => r[0]), item: rows.map((r) => r[1]) }, { catalogue: ['grinder'] });
const item = (id: string) => data.itemIds.indexOf(id);

/** 3-d "text" vectors: coffee things point one way, tea things another. */
function text(): ItemText {
  const byItem: Record<string, number[]> = { coffee: [1, 0, 0], filters: [0.9, 0.1, 0], grinder: [0.95, 0, 0.1], tea: [0, 1, 0], cups: [0.1, 0.9, 0.2] };
  const vectors = new Float32Array(data.itemIds.length * 3);
  data.itemIds.forEach((id, i) => {
    const v = byItem[id]!;
    const norm = Math.hypot(...v);
    v.forEach((x, d) => (vectors[i * 3 + d] = x / norm));
  });
  return { width: 3, vectors, has: new Uint8Array(data.itemIds.length).fill(1) };
}

describe('explanations', () => {
  it('gives the user’s co-bought and similar-text items as reasons', async () => {
    const neighbours = await itemNeighbours(data, { ...knnDefaults, shrinkage: 0 }, 'implicit');
    const reasons = reasonsFor(item('filters'), [item('coffee'), item('tea')], neighbours, text());
    expect(reasons[0]).toMatchObject({ item: item('coffee'), source: 'co-occurrence' });
    expect(reasons.find((r) => r.source === 'text')).toMatchObject({ item: item('coffee') });
    expect(reasons.some((r) => r.source === 'co-occurrence' && r.item === item('tea'))).toBe(false); // never bought together
  });

  it('lists "customers also bought" with counts and shares, and similar items by text for a new item', async () => {
    const neighbours = await itemNeighbours(data, { ...knnDefaults, shrinkage: 0 }, 'implicit');
    const also = alsoBought(item('coffee'), neighbours, itemPopularity(data));
    expect(also[0]).toMatchObject({ item: item('filters'), together: 3, share: 3 / 4 });
    expect(similarItems(item('grinder'), neighbours, null)).toEqual([]); // no purchases, no text: nothing to say
    const byText = similarItems(item('grinder'), neighbours, text(), 2);
    expect(byText.map((r) => data.itemIds[r.item])).toEqual(['coffee', 'filters']);
  });

  it('recommends unseen items only, with reasons', async () => {
    const recommender = await buildRecommender(data, 'item-knn', { text: text() });
    const list = recommender.recommend(data.userIds.indexOf('fay'), 3);
    expect(data.itemIds[list.items[0]!]).toBe('filters');
    expect(Array.from(list.items)).not.toContain(item('coffee')); // fay already has it
    expect(list.reasons[0]![0]).toMatchObject({ item: item('coffee'), source: 'co-occurrence' });
  });
});
