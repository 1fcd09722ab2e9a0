// Relationship discovery across all tables of a workspace. Every key-typed column is hashed
// and sketched once; each candidate key (near-unique, mostly filled, enough values) is then
// tried as the `to` side of every column of the other tables: by key overlap first and, for
// short unique text such as product names, by similarity. Of the two directions of a pair the
// better-scoring one is kept, so `from` ends up the contained, repeating (foreign-key) side.
import type { FusionTable, Relationship } from '../types';
import { columnKeyStats, isKeyLike, keyTypes } from './column-key-stats';
import { relateOptions, type RelateOptions } from './options';
import { fuzzyRelationship, isFuzzyCandidate, keyRelationship, type KeyColumn } from './relationship';
import { valueOverlap } from './value-overlap';

/**
 * A `from` column points at one key. When it lies wholly inside one key and two thirds inside
 * another (a subset of the first, such as an extension table), the weaker link is an echo of
 * the stronger: links trailing the best containment of their `from` by more than this go.
 */
const echoMargin = 0.15;

function keyColumns(tables: readonly FusionTable[], options: RelateOptions): KeyColumn[] {
  const columns: KeyColumn[] = [];
  for (const table of tables) {
    for (const column of table.columns) {
      if (keyTypes.includes(column.type)) columns.push({ column, stats: columnKeyStats(table, column, options) });
    }
  }
  return columns;
}

/** The best link from `from` to the candidate key `to`, or null when none passes the options. */
function tryPair(from: KeyColumn, to: KeyColumn, options: RelateOptions): Relationship | null {
  const overlap = valueOverlap(from.stats, to.stats);
  let found: Relationship | null = null;
  if (overlap.containment >= options.minContainment) {
    found = keyRelationship(from, to, options);
  } else if (options.fuzzy && isFuzzyCandidate(from.stats, options) && isFuzzyCandidate(to.stats, options)) {
    // Too few values match as written: names and titles may still match by similarity.
    found = fuzzyRelationship(from, to, options);
  }
  return found && found.containment >= options.minContainment && found.score >= options.minScore ? found : null;
}

/**
 * Suggested relationships between the tables, best first, each with status `suggested`.
 * Pure: the same tables and options always give the same list.
 */
export function discoverRelationships(tables: readonly FusionTable[], overrides: Partial<RelateOptions> = {}): Relationship[] {
  const options = relateOptions(overrides);
  const columns = keyColumns(tables, options);
  const keys = columns.filter((c) => isKeyLike(c.stats, options));
  // One link per pair of columns, whichever direction scores better.
  const best = new Map<string, Relationship>();
  for (const to of keys) {
    for (const from of columns) {
      if (from.stats.table === to.stats.table || from.stats.normalised.distinct < 2) continue;
      const found = tryPair(from, to, options);
      if (!found) continue;
      const pair = [found.from, found.to].map((r) => `${r.table}/${r.column}`).sort().join(' | ');
      const previous = best.get(pair);
      if (!previous || found.score > previous.score || (found.score === previous.score && found.containment > previous.containment)) {
        best.set(pair, found);
      }
    }
  }
  const links = [...best.values()];
  const bestContainment = new Map<string, number>();
  for (const r of links) {
    const from = `${r.from.table}/${r.from.column}`;
    bestContainment.set(from, Math.max(bestContainment.get(from) ?? 0, r.containment));
  }
  return links
    .filter((r) => r.containment >= (bestContainment.get(`${r.from.table}/${r.from.column}`) ?? 0) - echoMargin)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
