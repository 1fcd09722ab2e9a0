import MiniSearch from 'minisearch';
import type { Catalogue } from './catalogue';
import { emptyRanking, type Ranking } from './ranking';

// Keyword retrieval: BM25 (the BM25+ variant) over the catalogue's text fields, by MiniSearch.
// Typo tolerance is MiniSearch's fuzzy match (terms within an edit distance proportional to the
// term's length) and prefix match ("colom cof" finds "colombian coffee"); both count for less
// than an exact term. Documents are catalogue row numbers and fields are read from the
// catalogue's columns, so no object is built per product.

export interface Bm25Config {
  fuzzy: number; // edit distance allowed, as a share of the query term's length (0: exact terms only)
  maxFuzzy: number; // never more edits than this, however long the term
  prefix: boolean; // a query term also matches the terms it begins
  fieldBoosts: Record<string, number>; // field name -> weight (default 1)
  combineWith: 'OR' | 'AND'; // OR: a product matching any term is a candidate, ranked by score
  k1: number; // term-frequency saturation
  b: number; // length normalisation
  delta: number; // BM25+'s floor for one occurrence in a long field
}

export const bm25Defaults: Bm25Config = {
  fuzzy: 0.2,
  maxFuzzy: 2,
  prefix: true,
  fieldBoosts: {},
  combineWith: 'OR',
  k1: 1.2,
  b: 0.7,
  delta: 0.5,
};

export interface Bm25Index {
  /** The `k` best rows for the query; rows no query term matches are left out. */
  search(query: string, k: number): Ranking;
}

export function bm25Index(catalogue: Catalogue, overrides: Partial<Bm25Config> = {}): Bm25Index {
  const config = { ...bm25Defaults, ...overrides };
  // Our own field ids, so a text column named "id" cannot clash with the document id.
  const fieldIds = catalogue.fields.map((_, f) => `f${f}`);
  const fieldOf = new Map(fieldIds.map((id, f) => [id, catalogue.texts[f] as string[]]));
  const index = new MiniSearch<number>({
    idField: 'row',
    fields: fieldIds,
    extractField: (row, field) => (field === 'row' ? row : fieldOf.get(field)?.[row]),
  });
  index.addAll(catalogue.keys.map((_, row) => row));
  const boost = Object.fromEntries(catalogue.fields.map((name, f) => [`f${f}`, config.fieldBoosts[name] ?? 1]));
  const options = {
    fuzzy: config.fuzzy,
    maxFuzzy: config.maxFuzzy,
    prefix: config.prefix,
    boost,
    combineWith: config.combineWith,
    bm25: { k: config.k1, b: config.b, d: config.delta },
  };
  return {
    search(query, k) {
      const hits = index.search(query, options);
      if (hits.length === 0) return emptyRanking();
      const n = Math.min(k, hits.length);
      const rows = new Int32Array(n);
      const scores = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        rows[i] = hits[i]!.id as number;
        scores[i] = hits[i]!.score;
      }
      return { rows, scores };
    },
  };
}
