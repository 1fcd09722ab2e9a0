import type { ItemNeighbours } from './item-knn';
import { textCosine } from './text-prior';
import { topK } from './top-k';
import type { ItemText } from './types';

// Why an item is recommended, and the item-to-item lists beside it. Plain records of indices
// and numbers (the caller maps indices to ids), so they cross a worker boundary as they are.
//   reasons        the user's own items most like the recommended one: by co-occurrence
//                  (customers who bought one bought the other) and by text similarity;
//   also bought    the items most often bought by the same customers, with the share of the
//                  item's customers who did ("customers also bought");
//   similar items  the item's nearest neighbours by co-occurrence cosine, or by text for an
//                  item nobody has bought yet.

export const reasonSources = ['co-occurrence', 'text'] as const;
export type ReasonSource = (typeof reasonSources)[number];

export interface Reason {
  /** The user's item the recommendation resembles. */
  item: number;
  source: ReasonSource;
  similarity: number;
}

export interface RelatedItem {
  item: number;
  similarity: number;
  /** Customers who interacted with both (co-occurrence lists only). */
  together?: number;
  /** together / the item's customers: how many of its buyers also bought this one. */
  share?: number;
}

/** Up to `max` reasons per source, strongest first. */
export function reasonsFor(item: number, userItems: ArrayLike<number>, neighbours: ItemNeighbours | null, text: ItemText | null, max = 2): Reason[] {
  const reasons: Reason[] = [];
  if (neighbours) {
    const owned = new Set(Array.from(userItems));
    const found: Reason[] = [];
    for (let q = neighbours.offsets[item]!; q < neighbours.offsets[item + 1]!; q++) {
      const j = neighbours.index[q]!;
      if (owned.has(j) && neighbours.similarity[q]! > 0) found.push({ item: j, source: 'co-occurrence', similarity: neighbours.similarity[q]! });
    }
    reasons.push(...found.slice(0, max)); // neighbour lists are sorted, most similar first
  }
  if (text && text.has[item]) {
    const byText = Array.from(userItems, (j) => ({ item: j, source: 'text' as const, similarity: text.has[j] ? textCosine(text, item, j) : -1 }));
    reasons.push(...byText.filter((r) => r.similarity > 0).sort((a, b) => b.similarity - a.similarity).slice(0, max));
  }
  return reasons;
}

/** "Customers also bought": the item's neighbours by how many customers bought both. */
export function alsoBought(item: number, neighbours: ItemNeighbours, customers: ArrayLike<number>, max = 10): RelatedItem[] {
  const related: RelatedItem[] = [];
  const buyers = Math.max(1, customers[item] ?? 0);
  for (let q = neighbours.offsets[item]!; q < neighbours.offsets[item + 1]!; q++) {
    const together = neighbours.together[q]!;
    if (together > 0) related.push({ item: neighbours.index[q]!, similarity: neighbours.similarity[q]!, together, share: together / buyers });
  }
  return related.sort((a, b) => b.together! - a.together! || b.similarity - a.similarity).slice(0, max);
}

/** Most similar items by co-occurrence; by text when the item has no neighbours (a new item) or `byText`. */
export function similarItems(item: number, neighbours: ItemNeighbours | null, text: ItemText | null, max = 10, byText = false): RelatedItem[] {
  const hasNeighbours = neighbours !== null && neighbours.offsets[item + 1]! > neighbours.offsets[item]!;
  if (hasNeighbours && !byText) {
    const related: RelatedItem[] = [];
    for (let q = neighbours.offsets[item]!; q < neighbours.offsets[item + 1]! && related.length < max; q++) related.push({ item: neighbours.index[q]!, similarity: neighbours.similarity[q]!, together: neighbours.together[q]! });
    return related;
  }
  if (!text || !text.has[item]) return [];
  const items = text.has.length;
  const scores = new Float32Array(items);
  for (let j = 0; j < items; j++) scores[j] = j !== item && text.has[j] ? textCosine(text, item, j) : -Infinity;
  return Array.from(topK(scores, max), (j) => ({ item: j, similarity: scores[j]! }));
}
