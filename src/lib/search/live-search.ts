// Live product search in the ML worker: the page sends each typed query, the worker answers
// with BM25, dense and hybrid hits. The index (BM25 over the text fields, the catalogue's
// sentence vectors) is built on the first query for a catalogue, its columns and encoder, and
// kept until one of them changes (or the source's rows or cleaning steps do); encoders are kept
// apart, so switching between USE-lite and a fine-tuned one does not reload either. Loads tfjs.
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { ReadFile } from '../ml/models';
import { getSource, type EdgeFuseDb, type Source } from '../store';
import { bm25Index, type Bm25Index } from './bm25';
import type { Catalogue } from './catalogue';
import { embedTexts } from './contrastive-tuning';
import { vectorIndex, type VectorIndex } from './dense';
import { hybridSearch, retrievers, type Retriever } from './hybrid-search';
import type { Ranking } from './ranking';
import { loadSearchEncoder, type SearchEncoder } from './search-encoder';
import type { LiveHit, SearchAnswer, SearchIndexSpec } from './search-finding';
import { searchCatalogue } from './search-job';

export interface ProductSearch {
  search(workspaceId: string, query: string, k: number, spec: SearchIndexSpec): Promise<SearchAnswer>;
}

interface LiveIndex {
  catalogue: Catalogue;
  bm25: Bm25Index;
  docs: VectorIndex;
  encoder: SearchEncoder;
}

/** Rows each retriever ranks; a hit's rank in the other list is looked up within this depth. */
const depth = 100;
/** Encoders kept loaded (USE-lite is ~28 MB of weights): the shipped one and one fine-tuned. */
const keptEncoders = 2;

/** What makes an index stale: the choice of columns and encoder, and the source's rows, cleaning and overrides. */
const indexKey = (source: Source, spec: SearchIndexSpec) =>
  JSON.stringify([spec.sourceId, spec.keyColumn, spec.textColumns, spec.denseColumns, spec.encoder, source.rowCount, source.chunkCount, source.history, source.overrides]);

export function productSearch(db: EdgeFuseDb, useLiteFiles: ReadFile | undefined, ready: () => Promise<unknown> = async () => {}): ProductSearch {
  const encoders = new Map<string, Promise<SearchEncoder>>();
  let index: { key: string; built: Promise<LiveIndex> } | null = null;

  const encoderFor = (id: string): Promise<SearchEncoder> => {
    const cached = encoders.get(id);
    if (cached) return cached;
    if (encoders.size >= keptEncoders) {
      const [oldest, evicted] = encoders.entries().next().value as [string, Promise<SearchEncoder>];
      encoders.delete(oldest);
      void evicted.then((e) => e.model.dispose(), () => {});
    }
    const loading = loadSearchEncoder(db, useLiteFiles, id);
    encoders.set(id, loading);
    loading.catch(() => encoders.get(id) === loading && encoders.delete(id));
    return loading;
  };

  const build = async (source: Source, spec: SearchIndexSpec): Promise<LiveIndex> => {
    const table = await readSourceTable(db, source);
    const { catalogue, documents } = searchCatalogue(table, spec.keyColumn, spec.textColumns, spec.denseColumns);
    const encoder = await encoderFor(spec.encoder);
    const docs = vectorIndex(await embedTexts(encoder.model, documents));
    return { catalogue, bm25: bm25Index(catalogue), docs, encoder };
  };

  return {
    async search(workspaceId, query, k, spec) {
      const source = await getSource(db, spec.sourceId);
      if (source.workspaceId !== workspaceId) throw new AppError('not-found', 'That product table is not in this workspace.', { sourceId: spec.sourceId });
      const empty = { bm25: [], dense: [], hybrid: [] };
      if (query.trim() === '') return { query, hits: empty, products: 0, encoder: '', buildMs: 0 };
      await ready();
      const key = indexKey(source, spec);
      const started = performance.now();
      const fresh = index?.key !== key;
      if (fresh) {
        const built = build(source, spec);
        const entry = { key, built };
        index = entry;
        built.catch(() => index === entry && (index = null));
      }
      const live = await (index as { built: Promise<LiveIndex> }).built;
      const buildMs = fresh ? Math.round(performance.now() - started) : 0;
      const [vector] = await embedTexts(live.encoder.model, [query]);
      const found = hybridSearch(query, vector as Float32Array, live.bm25, live.docs, { depth });
      const rankIn = (ranking: Ranking) => new Map(Array.from(ranking.rows, (row, i) => [row, i + 1]));
      const ranks = { bm25: rankIn(found.bm25), dense: rankIn(found.dense) };
      const hitsOf = (r: Retriever): LiveHit[] =>
        Array.from(found[r].rows.subarray(0, k), (row, i) => ({
          key: live.catalogue.keys[row] as string,
          text: live.catalogue.texts[0]?.[row] || (live.catalogue.keys[row] as string),
          score: found[r].scores[i] as number,
          ranks: { bm25: ranks.bm25.get(row) ?? null, dense: ranks.dense.get(row) ?? null },
        }));
      return { query, hits: Object.fromEntries(retrievers.map((r) => [r, hitsOf(r)])) as Record<Retriever, LiveHit[]>, products: live.catalogue.keys.length, encoder: live.encoder.name, buildMs };
    },
  };
}
