import { AppError } from '../errors';
import { basketCount, type Baskets } from './baskets';

// FP-Growth (Han, Pei & Yin 2000): every itemset in at least `minCount` baskets, without
// generating candidates. One pass counts items; a second inserts each basket's frequent items,
// most frequent first, into a prefix tree (the FP-tree) whose shared prefixes compress the
// data. Mining takes each item of a tree, reads the paths above its nodes (its conditional
// pattern base), builds a tree of those, and recurses with the item appended to the suffix.
//
// Nodes live in parallel arrays (item, count, parent, next node of the same item); a child is
// found by the key parent·stride + item. Every tree orders items by their global frequency,
// so a conditional pattern base is already in tree order and needs no re-sorting.

export interface FrequentItemset {
  /** Item ids, ascending. */
  items: number[];
  /** Baskets holding every one of them. */
  count: number;
}

export interface FpGrowthConfig {
  /** Fewest baskets an itemset must be in. */
  minCount: number;
  /** Largest itemset mined. */
  maxSize: number;
  /** Refuse to go on past this many itemsets (a support threshold too low for the data). */
  maxItemsets: number;
}

interface FpTree {
  item: number[];
  count: number[];
  parent: number[];
  /** Next node holding the same item (the header table's chain); −1 ends it. */
  next: number[];
  /** parent · stride + item -> node. */
  child: Map<number, number>;
  /** item -> first node of its chain. */
  head: Map<number, number>;
  /** item -> summed count of its nodes: the item's support within this tree. */
  support: Map<number, number>;
}

const root = 0;

function emptyTree(): FpTree {
  return { item: [-1], count: [0], parent: [-1], next: [-1], child: new Map(), head: new Map(), support: new Map() };
}

/** Adds one path (items in tree order) `weight` times. */
function insert(tree: FpTree, path: readonly number[], weight: number, stride: number): void {
  let node = root;
  for (const item of path) {
    const key = node * stride + item;
    let child = tree.child.get(key);
    if (child === undefined) {
      child = tree.item.length;
      tree.item.push(item);
      tree.count.push(0);
      tree.parent.push(node);
      tree.next.push(tree.head.get(item) ?? -1);
      tree.head.set(item, child);
      tree.child.set(key, child);
    }
    tree.count[child] = (tree.count[child] as number) + weight;
    tree.support.set(item, (tree.support.get(item) ?? 0) + weight);
    node = child;
  }
}

/** The paths above every node of `item`, root first, each with that node's count. */
function patternBase(tree: FpTree, item: number): { paths: number[][]; weights: number[] } {
  const paths: number[][] = [];
  const weights: number[] = [];
  for (let node = tree.head.get(item) ?? -1; node !== -1; node = tree.next[node] as number) {
    const path: number[] = [];
    for (let up = tree.parent[node] as number; up !== root; up = tree.parent[up] as number) path.push(tree.item[up] as number);
    if (path.length === 0) continue;
    paths.push(path.reverse());
    weights.push(tree.count[node] as number);
  }
  return { paths, weights };
}

/** A tree of the paths, keeping only items frequent among them; null when none is. */
function conditionalTree(paths: readonly number[][], weights: readonly number[], minCount: number, stride: number): FpTree | null {
  const counts = new Map<number, number>();
  paths.forEach((path, p) => {
    for (const item of path) counts.set(item, (counts.get(item) ?? 0) + (weights[p] as number));
  });
  let any = false;
  for (const c of counts.values()) any ||= c >= minCount;
  if (!any) return null;
  const tree = emptyTree();
  paths.forEach((path, p) => {
    const kept = path.filter((item) => (counts.get(item) as number) >= minCount);
    if (kept.length > 0) insert(tree, kept, weights[p] as number, stride);
  });
  return tree;
}

function mine(tree: FpTree, suffix: readonly number[], config: FpGrowthConfig, stride: number, out: FrequentItemset[]): void {
  for (const [item, count] of tree.support) {
    if (count < config.minCount) continue;
    const itemset = [item, ...suffix];
    out.push({ items: [...itemset].sort((a, b) => a - b), count });
    if (out.length > config.maxItemsets) {
      throw new AppError('input-malformed', `More than ${config.maxItemsets} frequent itemsets: the minimum support is too low for this data. Raise it, or lower the maximum itemset size.`, { maxItemsets: config.maxItemsets });
    }
    if (itemset.length >= config.maxSize) continue;
    const { paths, weights } = patternBase(tree, item);
    const conditional = conditionalTree(paths, weights, config.minCount, stride);
    if (conditional) mine(conditional, itemset, config, stride, out);
  }
}

/** Every itemset of at most `maxSize` items found in at least `minCount` baskets, with its count. */
export function fpGrowth(baskets: Baskets, config: FpGrowthConfig): FrequentItemset[] {
  const stride = Math.max(1, baskets.items.length);
  const counts = new Int32Array(stride);
  for (const id of baskets.itemIds) counts[id] = (counts[id] as number) + 1;
  // Tree order: most frequent first, ties by id, so the same data always builds the same tree.
  const frequent = Array.from(counts.keys()).filter((id) => (counts[id] as number) >= config.minCount);
  frequent.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
  const rank = new Int32Array(stride).fill(-1);
  frequent.forEach((id, r) => (rank[id] = r));

  const tree = emptyTree();
  const B = basketCount(baskets);
  for (let b = 0; b < B; b++) {
    const path: number[] = [];
    for (let j = baskets.offsets[b] as number; j < (baskets.offsets[b + 1] as number); j++) {
      const id = baskets.itemIds[j] as number;
      if ((rank[id] as number) >= 0) path.push(id);
    }
    if (path.length === 0) continue;
    path.sort((x, y) => (rank[x] as number) - (rank[y] as number));
    insert(tree, path, 1, stride);
  }
  const out: FrequentItemset[] = [];
  if (config.maxSize >= 1) mine(tree, [], config, stride, out);
  return out;
}
