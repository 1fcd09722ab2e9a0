import type { CellValue } from '../store';
import { keyText } from './catalogue';
import type { Judgement } from './metrics';

// A search log (one row per query typed, with the product clicked, if any) as judgements: one
// per distinct query, its clicked products graded by click count. Rows without a click say
// nothing about relevance and are dropped; clicks on keys missing from the catalogue are
// counted and dropped.

/** Lower case, trimmed, inner whitespace collapsed: "Colombian  Coffee " and "colombian coffee" are one query. */
export const normaliseQuery = (q: string): string => q.trim().toLowerCase().replace(/\s+/g, ' ');

export interface JudgedLog {
  judgements: Judgement[];
  /** Log rows read, rows with a query and a click, and clicks on keys not in the catalogue. */
  counts: { rows: number; clicks: number; unknownProducts: number };
}

export function judgeSearchLog(queries: readonly CellValue[], clicked: readonly CellValue[], rowOfKey: ReadonlyMap<string, number>): JudgedLog {
  const byQuery = new Map<string, Map<number, number>>();
  let [clicks, unknownProducts] = [0, 0];
  queries.forEach((q, i) => {
    const key = keyText(clicked[i]);
    const query = q === null ? '' : normaliseQuery(String(q));
    if (key === null || query === '') return;
    clicks++;
    const row = rowOfKey.get(key);
    if (row === undefined) {
      unknownProducts++;
      return;
    }
    let gains = byQuery.get(query);
    if (!gains) byQuery.set(query, (gains = new Map()));
    gains.set(row, (gains.get(row) ?? 0) + 1);
  });
  const judgements = [...byQuery].map(([query, gains]) => ({ query, rows: Int32Array.from(gains.keys()), gains: Float32Array.from(gains.values()) }));
  return { judgements, counts: { rows: queries.length, clicks, unknownProducts } };
}

/** FNV-1a of the seed and the text: a query's side of the split depends on nothing else. */
function hashOf(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Held-out queries for evaluating fine-tuning: `testFraction` of the distinct queries (rounded,
 * at least one when there are two or more), chosen by a seeded hash of the query text, so the
 * split is the same whatever the order of the log.
 */
export function splitQueries(judgements: readonly Judgement[], testFraction: number, seed: number): { train: Judgement[]; test: Judgement[] } {
  const order = [...judgements].sort((a, b) => hashOf(a.query, seed) - hashOf(b.query, seed) || (a.query < b.query ? -1 : 1));
  const count = testFraction <= 0 || judgements.length < 2 ? 0 : Math.min(judgements.length - 1, Math.max(1, Math.round(judgements.length * testFraction)));
  const test = new Set(order.slice(0, count));
  return { train: judgements.filter((j) => !test.has(j)), test: judgements.filter((j) => test.has(j)) };
}
