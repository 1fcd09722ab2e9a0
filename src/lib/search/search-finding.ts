import { columnRole, columnWithRole } from '../fusion/column-role';
import type { Role } from '../profile';
import type { Source } from '../store';
import { mulberry32 } from '../random';
import type { Judgement, SearchMetric, SearchScores } from './metrics';
import type { Retriever } from './hybrid-search';

// What the Discover page's Search tab sends to the ML worker and gets back: the evaluation
// job's params and stored finding, a live query's answer, and the pure helpers the panel uses
// on them (which tables and columns to preselect, which retriever found a hit, the gain of
// fine-tuning). No tfjs: the page imports this; the job and the live index are in
// search-job.ts and live-search.ts.

/** The searchable catalogue: a table, its product key, what BM25 reads and what the encoder reads. */
export interface SearchColumns {
  sourceId: string;
  keyColumn: string;
  /** Fields BM25 indexes; the first one labels a hit. */
  textColumns: string[];
  /** Fields the sentence encoder reads, joined (short, focused text embeds better than long descriptions). */
  denseColumns: string[];
}

/** The encoder behind dense retrieval: USE-lite as shipped, or a registry id (one fine-tuned for search). */
export const baseSearchEncoder = 'use-lite';

export interface SearchIndexSpec extends SearchColumns {
  encoder: string;
}

export interface SearchEvalParams {
  workspaceId: string;
  catalogue: SearchColumns;
  log: { sourceId: string; queryColumn: string; clickedColumn: string };
  /** Fine-tune the encoder on the training queries' (query, clicked product) pairs; null: evaluate only. */
  fineTune: { steps: number; batchSize: number } | null;
  /** Held-out queries scored at most (a seeded sample beyond that): each is embedded once per encoder. */
  maxQueries?: number;
  /** Share of distinct queries held out. */
  testFraction?: number;
  seed?: number;
}

export const searchEvalDefaults = { maxQueries: 150, testFraction: 0.2, seed: 1, fineTune: { steps: 30, batchSize: 16 } } as const;

/** One product of a stored example: its key, its label (first text field), and whether the query's users clicked it. */
export interface StoredHit {
  key: string;
  text: string;
  clicked: boolean;
}

export interface SearchExample {
  query: string;
  /** Labels of the products clicked for it. */
  clicked: string[];
  /** Each retriever's top hits; `tuned` after fine-tuning (dense and hybrid only: BM25 has no encoder). */
  top: Record<Retriever, StoredHit[]>;
  tuned: Record<'dense' | 'hybrid', StoredHit[]> | null;
}

export interface SearchFinding {
  catalogue: SearchColumns & { source: string; products: number };
  log: { source: string; rows: number; clicks: number; unknownProducts: number; distinctQueries: number };
  /** Queries held out of fine-tuning, and how many of them were scored (a seeded sample). */
  evaluation: { heldOut: number; evaluated: number; trainQueries: number; testFraction: number; seed: number };
  scores: Record<Retriever, SearchScores>;
  fineTuned: {
    scores: Record<'dense' | 'hybrid', SearchScores>;
    steps: number;
    batchSize: number;
    lr: number;
    pairs: number;
    trainLoss: { first: number | null; last: number | null };
    valLoss: { first: number | null; last: number | null };
    /** The tuned encoder in the model registry: live search can use it. */
    modelId: string;
    modelName: string;
    seconds: number;
  } | null;
  examples: SearchExample[];
  backend: string;
  seconds: number;
}

/** A hit of a live query: its label, the retriever's score, and its 1-based rank in each retriever's list (null: not in it). */
export interface LiveHit {
  key: string;
  text: string;
  score: number;
  ranks: Record<'bm25' | 'dense', number | null>;
}

export interface SearchAnswer {
  query: string;
  hits: Record<Retriever, LiveHit[]>;
  products: number;
  /** The encoder's name as the user knows it. */
  encoder: string;
  /** Milliseconds this call spent building the index (embedding the catalogue); 0 when it was cached. */
  buildMs: number;
}

const tableRole = (t: SearchTable, ...roles: Role[]) => columnWithRole(t, ...roles);
const columnsWithRole = (t: SearchTable, role: Role) => t.columns.map((c) => c.name).filter((name) => columnRole(t, name) === role);

export type SearchTable = Pick<Source, 'id' | 'name' | 'columns' | 'overrides' | 'profile' | 'cleanProfile'>;

export interface SearchInputs {
  catalogue: { tableId: string; keyColumn: string; textColumns: string[]; denseColumns: string[] } | null;
  log: { tableId: string; queryColumn: string; clickedColumn: string } | null;
}

/**
 * What the panel preselects, from the columns' roles: the first table (warehouse views come
 * first) with a product key and a title or description, and no query, customer, order, rating
 * or review column, is the catalogue;
 * the first with a query and a product key is the search log. BM25 reads titles, categories and
 * descriptions; the encoder titles and categories (descriptions blur its vectors: on the demo,
 * dense MRR 0.37 without them, 0.30 with).
 */
export function searchInputs(tables: readonly SearchTable[]): SearchInputs {
  const candidates = tables.filter((t) => tableRole(t, 'product-id') && tableRole(t, 'title', 'description') && !tableRole(t, 'query-text'));
  // Reviews have a product and a title too; a catalogue has no customer, order, rating or review text.
  const catalogueTable = candidates.find((t) => !tableRole(t, 'customer-id', 'order-id', 'rating', 'review-text')) ?? candidates[0];
  const logTable = tables.find((t) => tableRole(t, 'query-text') && tableRole(t, 'product-id'));
  const catalogue = catalogueTable ? { tableId: catalogueTable.id, ...catalogueColumns(catalogueTable) } : null;
  const log = logTable ? { tableId: logTable.id, queryColumn: tableRole(logTable, 'query-text') as string, clickedColumn: tableRole(logTable, 'product-id') as string } : null;
  return { catalogue, log };
}

/** Columns the profile read as free text (many words, rarely repeated) and no role claimed. */
function freeTextColumns(table: SearchTable, except: string): string[] {
  const profile = table.cleanProfile ?? table.profile;
  return table.columns.map((c) => c.name).filter((name) => name !== except && columnRole(table, name) === 'none' && profile?.columns.find((p) => p.name === name)?.inference.type === 'text');
}

/**
 * The columns of a catalogue table to preselect: the product key (else the first column). BM25
 * reads the free text first (titles, descriptions, review text, other text columns), then
 * categories; else every string column. The encoder reads titles and categories when there
 * are titles (descriptions blur its vectors: on the demo, dense MRR 0.37 without them, 0.30
 * with); without titles, the free text (a corpus of documents: a category alone names no
 * document); else what BM25 reads.
 */
export function catalogueColumns(table: SearchTable): { keyColumn: string; textColumns: string[]; denseColumns: string[] } {
  const keyColumn = tableRole(table, 'product-id') ?? table.columns[0]?.name ?? '';
  const [titles, categories, descriptions, reviews] = (['title', 'category', 'description', 'review-text'] as const).map((role) => columnsWithRole(table, role)) as [string[], string[], string[], string[]];
  const prose = [...descriptions, ...reviews, ...freeTextColumns(table, keyColumn)];
  const roled = [...titles, ...prose, ...categories];
  const textColumns = roled.length > 0 ? roled : table.columns.filter((c) => c.type === 'string' && c.name !== keyColumn).map((c) => c.name);
  const dense = titles.length > 0 ? [...titles, ...categories] : prose.length > 0 ? prose : categories;
  return { keyColumn, textColumns, denseColumns: dense.length > 0 ? dense : textColumns };
}

/** What the page calls each retriever. */
export const retrieverLabels: Record<Retriever, string> = { bm25: 'BM25', dense: 'Dense', hybrid: 'Hybrid' };
export const retrieverDescriptions: Record<Retriever, string> = {
  bm25: 'keywords, typo-tolerant by fuzzy and prefix matching',
  dense: 'meaning: the sentence encoder on this device, cosine similarity',
  hybrid: 'reciprocal rank fusion of BM25 and dense',
};

/** The retrievers that rank a hybrid hit within their first `within` places: "which retriever found it". */
export function foundBy(hit: LiveHit, within: number): ('bm25' | 'dense')[] {
  return (['bm25', 'dense'] as const).filter((r) => hit.ranks[r] !== null && (hit.ranks[r] as number) <= within);
}

/** Fine-tuned minus before, per metric, for dense and hybrid. */
export function tuningGain(finding: Pick<SearchFinding, 'scores' | 'fineTuned'>): Record<'dense' | 'hybrid', Record<SearchMetric, number>> | null {
  const tuned = finding.fineTuned;
  if (!tuned) return null;
  const diff = (r: 'dense' | 'hybrid') => ({
    mrr: tuned.scores[r].mrr - finding.scores[r].mrr,
    'ndcg@10': tuned.scores[r]['ndcg@10'] - finding.scores[r]['ndcg@10'],
    'recall@10': tuned.scores[r]['recall@10'] - finding.scores[r]['recall@10'],
  });
  return { dense: diff('dense'), hybrid: diff('hybrid') };
}

/** A signed figure for a gain: "+0.021", "−0.004", "±0". */
export function formatGain(x: number, digits = 3): string {
  const rounded = Number(x.toFixed(digits));
  if (rounded === 0) return '±0';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(digits)}`;
}

/**
 * At most `n` judgements, a seeded sample (the same seed, the same queries whatever the order
 * given): a partial Fisher–Yates shuffle over the queries sorted by text, by a mulberry32 stream.
 */
export function sampleJudgements(judgements: readonly Judgement[], n: number, seed: number): Judgement[] {
  if (judgements.length <= n) return [...judgements];
  const pool = [...judgements].sort((a, b) => (a.query < b.query ? -1 : a.query > b.query ? 1 : 0));
  const next = mulberry32(seed);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as Judgement, pool[i] as Judgement];
  }
  return pool.slice(0, n);
}
