// Small generated interaction data with planted structure, for the recommender tests: every
// generator is seeded, so the figures the tests assert are the same on every run.
import type { CellValue } from '../../../src/lib/store';
import { buildInteractions, type Interactions, type ItemText } from '../../../src/lib/recommend';
import { seededRandom } from '../../../src/lib/recommend/random';

export interface Columns {
  user: CellValue[];
  item: CellValue[];
  rating?: CellValue[];
  time?: CellValue[];
}

const built = (columns: Columns): Interactions => buildInteractions(columns).interactions;

/**
 * Taste groups: each user belongs to one of `groups` groups of items and draws `perUser` items,
 * 85% from their group, else from anywhere; within a group items have Zipf-like popularity, so
 * global popularity says little about a user's next item and co-occurrence says a lot.
 */
export function tasteGroups({ users = 240, groups = 4, itemsPerGroup = 12, perUser = 8, seed = 3 } = {}): { columns: Columns; data: Interactions; groupOf: (item: string) => number } {
  const random = seededRandom(seed);
  const items = groups * itemsPerGroup;
  const weights = Array.from({ length: itemsPerGroup }, (_, r) => 1 / (r + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const zipf = () => {
    let x = random.next() * total;
    for (let r = 0; r < itemsPerGroup; r++) if ((x -= weights[r]!) < 0) return r;
    return itemsPerGroup - 1;
  };
  const columns: Columns = { user: [], item: [], time: [] };
  for (let u = 0; u < users; u++) {
    const g = u % groups;
    const seen = new Set<number>();
    for (let n = 0; seen.size < perUser && n < 100; n++) {
      const i = random.next() < 0.85 ? g * itemsPerGroup + zipf() : random.int(items);
      if (seen.has(i)) continue;
      seen.add(i);
      columns.user.push(`u${u}`);
      columns.item.push(`i${i}`);
      columns.time!.push(seen.size);
    }
  }
  return { columns, data: built(columns), groupOf: (item) => Math.floor(Number(item.slice(1)) / itemsPerGroup) };
}

/** Chains: items form `chains` loops; a user starts anywhere and walks forward one item at a time. */
export function chains({ users = 200, chainsCount = 4, chainLength = 10, steps = 6, seed = 5 } = {}): Interactions {
  const random = seededRandom(seed);
  const columns: Columns = { user: [], item: [], time: [] };
  for (let u = 0; u < users; u++) {
    const c = random.int(chainsCount);
    const start = random.int(chainLength);
    for (let s = 0; s < steps; s++) {
      columns.user.push(`u${u}`);
      columns.item.push(`i${c * chainLength + ((start + s) % chainLength)}`);
      columns.time!.push(s);
    }
  }
  return built(columns);
}

/** Ratings from a planted rank-2 taste model plus biases and noise: r = 3 + b_u + b_i + p_u·q_i + e, clipped to 1..5. */
export function plantedRatings({ users = 300, items = 60, perUser = 24, noise = 0.3, seed = 7 } = {}): Interactions {
  const random = seededRandom(seed);
  const p = Array.from({ length: users }, () => [random.normal(), random.normal()]);
  const q = Array.from({ length: items }, () => [random.normal(), random.normal()]);
  const bu = Array.from({ length: users }, () => 0.3 * random.normal());
  const bi = Array.from({ length: items }, () => 0.3 * random.normal());
  const columns: Columns = { user: [], item: [], rating: [] };
  for (let u = 0; u < users; u++) {
    const seen = new Set<number>();
    while (seen.size < perUser) seen.add(random.int(items));
    for (const i of seen) {
      const r = 3 + bu[u]! + bi[i]! + 0.8 * (p[u]![0]! * q[i]![0]! + p[u]![1]! * q[i]![1]!) + noise * random.normal();
      columns.user.push(`u${u}`);
      columns.item.push(`i${i}`);
      columns.rating!.push(Math.min(5, Math.max(1, r)));
    }
  }
  return built(columns);
}

/** Text vectors that know each item's group: the group's direction plus noise, unit length. */
export function groupText(data: Interactions, groupOf: (item: string) => number, { width = 16, noise = 0.6, seed = 11 } = {}): ItemText {
  const random = seededRandom(seed);
  const directions = Array.from({ length: 8 }, () => Array.from({ length: width }, () => random.normal()));
  const vectors = new Float32Array(data.itemIds.length * width);
  data.itemIds.forEach((id, i) => {
    const v = directions[groupOf(id)]!.map((x) => x + noise * Math.sqrt(width) * random.normal() / 2);
    const norm = Math.hypot(...v);
    v.forEach((x, d) => (vectors[i * width + d] = x / norm));
  });
  return { width, vectors, has: new Uint8Array(data.itemIds.length).fill(1) };
}
