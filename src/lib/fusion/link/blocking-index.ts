// Blocking: an index over one side (the right table, or the table itself when deduping) that a
// row of the other side probes for candidates. Every rule adds to a per-candidate score (more
// for sharing a small block); the probing row keeps its best `maxCandidatesPerRow`. Blocks over
// `maxBlockSize` are dropped as stop keys, which is what lets this scale to 100k x 100k. New rows
// probe the same index later, so incremental linking finds what a full run would have found.
import { tokensOf, qgramsOf } from './normalise';
import { bandKeys, randomHyperplanes } from './lsh';
import type { PreparedField } from './prepare';
import type { BlockingRule, FieldComparison, LinkStats } from './types';
import { AppError } from '../../errors';

export interface BlockingIndex {
  rules: BlockingRule[];
  /** Field index (into the comparisons) each rule reads; -1 for LSH. */
  ruleFields: number[][];
  /** Per key rule: key -> indexed rows. Null for sorted neighbourhood. */
  postings: (Map<string, Int32Array> | null)[];
  /** Per sorted-neighbourhood rule: keys in order and the row holding each. */
  sorted: ({ keys: string[]; rows: Int32Array } | null)[];
  hyperplanes: (Float32Array | null)[];
  rowCount: number;
  blocks: LinkStats['blocks'];
}

/** Reusable buffers for probing, sized to the indexed side. */
export interface ProbeScratch {
  score: Uint16Array;
  touched: Int32Array;
}

export const probeScratch = (index: BlockingIndex): ProbeScratch => ({
  score: new Uint16Array(index.rowCount),
  touched: new Int32Array(index.rowCount),
});

function fieldIndex(comparisons: readonly FieldComparison[], name: string): number {
  const i = comparisons.findIndex((c) => c.name === name);
  if (i === -1) throw new AppError('input-malformed', `Blocking names the field "${name}", which is not compared. Compare it or drop the rule.`, { field: name });
  return i;
}

function ruleLabel(rule: BlockingRule): string {
  switch (rule.kind) {
    case 'exact': return `exact(${rule.fields.join('+')})`;
    case 'lsh': return `lsh(${rule.bands}x${rule.bitsPerBand})`;
    default: return `${rule.kind}(${rule.field})`;
  }
}

/** Blocking keys of one row under one rule. */
function keysOf(index: BlockingIndex, r: number, fields: readonly PreparedField[], row: number): string[] {
  const rule = index.rules[r]!;
  const ruleFields = index.ruleFields[r]!;
  if (rule.kind === 'lsh') {
    const vector = fields.find((f) => f.embeddings !== null)?.embeddings?.[row];
    const planes = index.hyperplanes[r];
    return vector && planes ? bandKeys(vector, planes, rule.bands, rule.bitsPerBand) : [];
  }
  if (rule.kind === 'exact') {
    const parts: string[] = [];
    for (const f of ruleFields) {
      const t = fields[f]!.text[row];
      if (t === null || t === undefined) return [];
      parts.push(t);
    }
    return [parts.join('\u0001')];
  }
  const text = fields[ruleFields[0]!]!.text[row];
  if (text === null || text === undefined) return [];
  if (rule.kind === 'token') return [...new Set(tokensOf(text).filter((t) => t.length > 1))];
  if (rule.kind === 'qgram') return [...new Set(qgramsOf(text, rule.q))];
  return [text];
}

export function buildBlockingIndex(
  rules: readonly BlockingRule[],
  comparisons: readonly FieldComparison[],
  fields: readonly PreparedField[],
  rowCount: number,
): BlockingIndex {
  const index: BlockingIndex = {
    rules: [...rules], ruleFields: [], postings: [], sorted: [], hyperplanes: [], rowCount, blocks: [],
  };
  for (const rule of rules) {
    index.ruleFields.push(rule.kind === 'lsh' ? [] : rule.kind === 'exact' ? rule.fields.map((f) => fieldIndex(comparisons, f)) : [fieldIndex(comparisons, rule.field)]);
    let planes: Float32Array | null = null;
    if (rule.kind === 'lsh') {
      const dims = fields.find((f) => f.embeddings !== null)?.embeddings?.find((e) => e !== undefined)?.length ?? 0;
      planes = dims > 0 ? randomHyperplanes(rule.bands * rule.bitsPerBand, dims, rule.seed) : null;
    }
    index.hyperplanes.push(planes);
  }
  rules.forEach((rule, r) => {
    if (rule.kind === 'sorted-neighbourhood') {
      const keyed: { key: string; row: number }[] = [];
      for (let row = 0; row < rowCount; row++) for (const key of keysOf(index, r, fields, row)) keyed.push({ key, row });
      keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.row - y.row));
      index.sorted.push({ keys: keyed.map((k) => k.key), rows: Int32Array.from(keyed, (k) => k.row) });
      index.postings.push(null);
      index.blocks.push({ rule: ruleLabel(rule), blocks: Math.max(0, keyed.length - rule.window), skipped: 0 });
      return;
    }
    const lists = new Map<string, number[]>();
    for (let row = 0; row < rowCount; row++) {
      for (const key of keysOf(index, r, fields, row)) {
        const list = lists.get(key);
        if (list) list.push(row); else lists.set(key, [row]);
      }
    }
    const postings = new Map<string, Int32Array>();
    let skipped = 0;
    for (const [key, list] of lists) {
      if (list.length > rule.maxBlockSize) skipped++;
      else postings.set(key, Int32Array.from(list));
    }
    index.postings.push(postings);
    index.sorted.push(null);
    index.blocks.push({ rule: ruleLabel(rule), blocks: postings.size, skipped });
  });
  return index;
}

/** Smaller blocks are stronger evidence: a shared rare token counts three times a common one. */
const blockScore = (size: number): number => (size <= 8 ? 3 : size <= 64 ? 2 : 1);

/** First position whose key is >= `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Candidates for one probing row: indexed rows above `minRow` (to list each pair once when
 * deduping), best-scored first, at most `limit`. The result is a fresh array.
 */
export function probe(
  index: BlockingIndex, fields: readonly PreparedField[], row: number, minRow: number, limit: number, scratch: ProbeScratch,
): Int32Array {
  const { score, touched } = scratch;
  let count = 0;
  let best = 0;
  const add = (b: number, s: number): void => {
    if (b <= minRow) return;
    if (score[b] === 0) touched[count++] = b;
    const next = Math.min(65535, score[b]! + s);
    score[b] = next;
    if (next > best) best = next;
  };
  for (let r = 0; r < index.rules.length; r++) {
    const rule = index.rules[r]!;
    const keys = keysOf(index, r, fields, row);
    const sorted = index.sorted[r];
    if (rule.kind === 'sorted-neighbourhood' && sorted) {
      for (const key of keys) {
        const at = lowerBound(sorted.keys, key);
        const from = Math.max(0, at - rule.window);
        const to = Math.min(sorted.rows.length, at + rule.window);
        for (let k = from; k < to; k++) add(sorted.rows[k]!, 1);
      }
      continue;
    }
    const postings = index.postings[r]!;
    for (const key of keys) {
      const list = postings.get(key);
      if (!list) continue;
      const s = blockScore(list.length);
      for (let k = 0; k < list.length; k++) add(list[k]!, s);
    }
  }
  // Keep the best `limit` by score, ties in the order found, with one pass per score level.
  let out: Int32Array;
  if (count <= limit) out = touched.slice(0, count);
  else {
    out = new Int32Array(limit);
    let filled = 0;
    for (let level = best; level > 0 && filled < limit; level--) {
      for (let k = 0; k < count && filled < limit; k++) if (score[touched[k]!] === level) out[filled++] = touched[k]!;
    }
  }
  for (let k = 0; k < count; k++) score[touched[k]!] = 0;
  return out.sort();
}
