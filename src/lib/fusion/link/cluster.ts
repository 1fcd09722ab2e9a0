// From scored pairs to entities: union-find over links at or above a threshold, strongest first,
// refusing a link that would grow an entity past `maxClusterSize` (a chain A~B~C~...~Z of
// individually plausible links is how one common name swallows a town). Also the 1:1 view: each
// left row's best match.
import type { Entity, EntityMember, PairTable } from './types';

function find(parent: Int32Array, x: number): number {
  let root = x;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[x] !== root) {
    const next = parent[x]!;
    parent[x] = root;
    x = next;
  }
  return root;
}

/**
 * Entities of two or more rows. Nodes are left rows, then (when linking two tables) right rows
 * after them; when deduping both sides are the same rows.
 */
export function clusterPairs(
  pairs: PairTable, threshold: number, maxClusterSize: number, dedupe: boolean, leftRows: number, rightRows: number,
): Entity[] {
  const offset = dedupe ? 0 : leftRows;
  const n = dedupe ? leftRows : leftRows + rightRows;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Int32Array(n).fill(1);
  const minProbability = new Float32Array(n).fill(1);
  const links: number[] = [];
  for (let i = 0; i < pairs.count; i++) if (pairs.probability[i]! >= threshold) links.push(i);
  links.sort((x, y) => pairs.probability[y]! - pairs.probability[x]! || x - y);
  for (const i of links) {
    const x = find(parent, pairs.a[i]!);
    const y = find(parent, pairs.b[i]! + offset);
    const p = pairs.probability[i]!;
    if (x === y) continue;
    if (size[x]! + size[y]! > maxClusterSize) continue;
    const [big, small] = size[x]! >= size[y]! ? [x, y] : [y, x];
    parent[small] = big;
    size[big]! += size[small]!;
    minProbability[big] = Math.min(minProbability[big]!, minProbability[small]!, p);
  }
  const byRoot = new Map<number, EntityMember[]>();
  for (let node = 0; node < n; node++) {
    const root = find(parent, node);
    if (size[root]! < 2) continue;
    const member: EntityMember = node < offset || dedupe ? { side: 0, row: node } : { side: 1, row: node - offset };
    const list = byRoot.get(root);
    if (list) list.push(member); else byRoot.set(root, [member]);
  }
  return [...byRoot.entries()].map(([root, members], id) => ({ id, members, minProbability: minProbability[root]! }));
}

/**
 * Each left row's best pair at or above `threshold` (highest weight, then similarity), as a pair
 * index or -1: the view for 1:1 links such as a supplier's item to our product.
 */
export function bestMatchPerRow(pairs: PairTable, threshold: number, leftRows: number): Int32Array {
  const best = new Int32Array(leftRows).fill(-1);
  for (let i = 0; i < pairs.count; i++) {
    if (pairs.probability[i]! < threshold) continue;
    const a = pairs.a[i]!;
    const j = best[a]!;
    if (j === -1 || pairs.weight[i]! > pairs.weight[j]! || (pairs.weight[i] === pairs.weight[j] && pairs.similarity[i]! > pairs.similarity[j]!)) best[a] = i;
  }
  return best;
}
