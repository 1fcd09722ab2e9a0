// The "Search evaluation" job: a catalogue and a search log from the store, BM25, dense (the
// sentence encoder on this device) and their fusion scored side by side on held-out queries,
// optionally again after fine-tuning the encoder on the other queries' (query, clicked product)
// pairs; the tuned encoder goes to the model registry, and a finding with the figures and a few
// example queries to the store. Held-out queries are sampled (maxQueries) because each is
// embedded once per encoder, and the WASM backend embeds a few dozen sentences a second.
import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { FusionTable } from '../fusion/types';
import type { JobHandler } from '../jobs';
import type { ReadFile } from '../ml/models';
import { getSource, saveFinding, type EdgeFuseDb } from '../store';
import { catalogueFromColumns, documentText, rowsByKey, type Catalogue } from './catalogue';
import { bm25Index } from './bm25';
import { tuneEncoderForSearch, type SearchPair } from './contrastive-tuning';
import { vectorIndex } from './dense';
import { rankJudged, retrievers, type Retriever } from './hybrid-search';
import { reciprocalRank, scoreRankings, type Judgement, type SearchScores } from './metrics';
import { embedInSlices, loadSearchEncoder, saveSearchEncoder, searchLora } from './search-encoder';
import { baseSearchEncoder, sampleJudgements, searchEvalDefaults, type SearchEvalParams, type SearchExample, type SearchFinding, type StoredHit } from './search-finding';
import { judgeSearchLog, splitQueries } from './search-log';

/** Peak learning rate of the LoRA adapters (the CLI's default with LoRA). */
const tuningLr = 1e-3;
const loraRank = 8;
/** Validation pairs at most: the validation loss runs the encoder over all of them, twice. */
const maxValPairs = 64;
const exampleCount = 5;
const exampleDepth = 3;

const column = (table: FusionTable, name: string, what: string) => {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new AppError('input-malformed', `${table.name} has no ${what} column "${name}".`, { column: name });
  return found;
};

/** The BM25 catalogue and the encoder's documents, row for row (same key column, same first-row rule). */
export function searchCatalogue(table: FusionTable, keyColumn: string, textColumns: readonly string[], denseColumns: readonly string[]): { catalogue: Catalogue; documents: string[] } {
  const key = column(table, keyColumn, 'product key').values;
  const catalogue = catalogueFromColumns(key, textColumns.map((name) => column(table, name, 'text')));
  const dense = catalogueFromColumns(key, (denseColumns.length > 0 ? denseColumns : textColumns).map((name) => column(table, name, 'text')));
  return { catalogue, documents: dense.keys.map((_, row) => documentText(dense, row)) };
}

const round = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(4)));
const roundScores = (s: SearchScores): SearchScores => ({ mrr: round(s.mrr) ?? 0, 'ndcg@10': round(s['ndcg@10']) ?? 0, 'recall@10': round(s['recall@10']) ?? 0 });

export function searchEvalJob(db: EdgeFuseDb, useLiteFiles: ReadFile | undefined): JobHandler<SearchEvalParams, { findingId: string; modelId: string | null }> {
  return async (ctx) => {
    const started = performance.now();
    const { workspaceId, catalogue: spec, log: logSpec, fineTune } = ctx.params;
    const { maxQueries, testFraction, seed } = { ...searchEvalDefaults, ...ctx.params };
    const [catalogueSource, logSource] = await Promise.all([getSource(db, spec.sourceId), getSource(db, logSpec.sourceId)]);
    ctx.progress(0, 1, 'steps', `Reading ${catalogueSource.name} and ${logSource.name}`);
    const { catalogue, documents } = searchCatalogue(await readSourceTable(db, catalogueSource, { signal: ctx.signal }), spec.keyColumn, spec.textColumns, spec.denseColumns);
    const logTable = await readSourceTable(db, logSource, { signal: ctx.signal });
    const judged = judgeSearchLog(column(logTable, logSpec.queryColumn, 'query').values, column(logTable, logSpec.clickedColumn, 'clicked product').values, rowsByKey(catalogue));
    if (judged.judgements.length < 10) {
      throw new AppError('input-malformed', `Only ${judged.judgements.length} distinct queries of ${logSource.name} have a click on a product of ${catalogueSource.name} (${judged.counts.unknownProducts} clicks name unknown keys). Check the key and clicked-product columns.`);
    }
    const split = splitQueries(judged.judgements, testFraction, seed);
    const test = sampleJudgements(split.test, maxQueries, seed);
    const bm25 = bm25Index(catalogue);

    const steps = fineTune?.steps ?? 0;
    const encoder = await loadSearchEncoder(db, useLiteFiles, baseSearchEncoder, fineTune ? searchLora(loraRank) : null);
    try {
      // Work in sentences embedded, plus training steps weighted as one batch of pairs each.
      const sentences = documents.length + test.length;
      const total = sentences * (fineTune ? 2 : 1) + steps * 2 * (fineTune?.batchSize ?? 0);
      let done = 0;
      const rank = async (phase: string): Promise<Record<Retriever, Int32Array[]>> => {
        const vectors = await embedInSlices(encoder.model, [...documents, ...test.map((j) => j.query)], ctx.signal, (n) => ctx.progress(done + n, total, 'sentences', `${phase} (${test.length} held-out queries, ${documents.length} products)`));
        done += sentences;
        return rankJudged(test, vectors.slice(documents.length), bm25, vectorIndex(vectors.slice(0, documents.length)));
      };
      const before = await rank('Embedding with USE-lite');
      const scoresOf = (ranked: Record<Retriever, Int32Array[]>) => Object.fromEntries(retrievers.map((r) => [r, roundScores(scoreRankings(ranked[r], test))])) as Record<Retriever, SearchScores>;
      const scores = scoresOf(before);

      let fineTuned: SearchFinding['fineTuned'] = null;
      let after: Record<Retriever, Int32Array[]> | null = null;
      if (fineTune) {
        const tuneStarted = performance.now();
        const pairs: SearchPair[] = split.train.flatMap((j) => Array.from(j.rows, (row) => ({ query: j.query, document: documents[row] as string })));
        const result = await tuneEncoderForSearch(encoder.model, pairs, {
          steps, batchSize: fineTune.batchSize, lr: tuningLr, seed, valFraction: Math.min(0.1, maxValPairs / pairs.length),
        }, {
          signal: ctx.signal,
          onEvent: (event) => {
            if (event.type !== 'metric') return;
            ctx.metric(event.step, event.values);
            ctx.progress(done + event.step * 2 * fineTune.batchSize, total, 'sentences', `Fine-tuning the encoder on ${tf.getBackend()}: step ${event.step + 1} of ${steps}`);
          },
        });
        done += steps * 2 * fineTune.batchSize;
        after = await rank('Embedding with the fine-tuned encoder');
        const tuned = scoresOf(after);
        const name = `Search encoder (${catalogueSource.name} · ${logSource.name})`;
        const saved = await saveSearchEncoder(db, workspaceId, name, encoder.model, result.trained, {
          lora: searchLora(loraRank), backend: tf.getBackend(), steps: result.step,
          data: { sources: [catalogueSource.name, logSource.name], textColumn: logSpec.queryColumn, labelColumn: logSpec.clickedColumn, rows: pairs.length, trainRows: result.examples.train, validationRows: result.examples.val },
          metrics: Object.fromEntries(Object.entries({
            trainLoss: result.trainLoss.last, validationLoss: result.valLoss.last, denseMrrBefore: scores.dense.mrr, denseMrr: tuned.dense.mrr, hybridMrrBefore: scores.hybrid.mrr, hybridMrr: tuned.hybrid.mrr,
          }).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))),
        });
        fineTuned = {
          scores: { dense: tuned.dense, hybrid: tuned.hybrid }, steps: result.step, batchSize: fineTune.batchSize, lr: tuningLr, pairs: pairs.length,
          trainLoss: { first: round(result.trainLoss.first), last: round(result.trainLoss.last) }, valLoss: { first: round(result.valLoss.first), last: round(result.valLoss.last) },
          modelId: saved.id, modelName: saved.name, seconds: round((performance.now() - tuneStarted) / 1000) ?? 0,
        };
      }

      const result: SearchFinding = {
        catalogue: { ...spec, source: catalogueSource.name, products: catalogue.keys.length },
        log: { source: logSource.name, ...judged.counts, distinctQueries: judged.judgements.length },
        evaluation: { heldOut: split.test.length, evaluated: test.length, trainQueries: split.train.length, testFraction, seed },
        scores, fineTuned, examples: searchExamples(test, catalogue, before, after), backend: tf.getBackend(), seconds: round((performance.now() - started) / 1000) ?? 0,
      };
      const finding = await saveFinding(db, { workspaceId, kind: 'search', jobId: ctx.jobId, params: { ...ctx.params }, result: { ...result } });
      ctx.summarise({ queries: test.length, bm25Mrr: scores.bm25.mrr, denseMrr: scores.dense.mrr, hybridMrr: scores.hybrid.mrr, ...(fineTuned ? { tunedHybridMrr: fineTuned.scores.hybrid.mrr } : {}), backend: tf.getBackend() });
      ctx.progress(total, total, 'sentences', 'Done');
      return { findingId: finding.id, modelId: fineTuned?.modelId ?? null };
    } finally {
      encoder.model.dispose();
    }
  };
}

/**
 * A few held-out queries with each retriever's top hits: first those on which the retrievers
 * disagree most (the spread of their reciprocal ranks), as they show what each one is good at.
 */
export function searchExamples(test: readonly Judgement[], catalogue: Catalogue, before: Record<Retriever, Int32Array[]>, after: Record<Retriever, Int32Array[]> | null): SearchExample[] {
  const label = (row: number) => catalogue.texts[0]?.[row] || (catalogue.keys[row] as string);
  const hits = (ranked: Int32Array | undefined, j: Judgement): StoredHit[] =>
    Array.from((ranked ?? new Int32Array(0)).subarray(0, exampleDepth), (row) => ({ key: catalogue.keys[row] as string, text: label(row), clicked: j.rows.includes(row) }));
  const spread = test.map((j, i) => {
    const rr = retrievers.map((r) => reciprocalRank(before[r][i] as Int32Array, j));
    return { i, spread: Math.max(...rr) - Math.min(...rr) };
  });
  spread.sort((a, b) => b.spread - a.spread || a.i - b.i);
  return spread.slice(0, exampleCount).map(({ i }) => {
    const j = test[i] as Judgement;
    return {
      query: j.query,
      clicked: Array.from(j.rows, label),
      top: Object.fromEntries(retrievers.map((r) => [r, hits(before[r][i], j)])) as Record<Retriever, StoredHit[]>,
      tuned: after ? { dense: hits(after.dense[i], j), hybrid: hits(after.hybrid[i], j) } : null,
    };
  });
}
