// `edgefuse search-eval --products FILE --key COL --text COLS --log FILE --query COL --clicked COL`:
// product search evaluated on a search log. BM25 (MiniSearch, fuzzy + prefix), dense retrieval
// with USE-lite on the device (tfjs WASM) and their reciprocal rank fusion, side by side: MRR,
// NDCG@10 and Recall@10 over the distinct queries with a click. --fine-tune trains the encoder
// on the training queries' (query, clicked product) pairs with in-batch negatives and scores
// the held-out queries before and after.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  bm25Index, catalogueFromColumns, documentText, hybridDefaults, judgeSearchLog, rankJudged, reciprocalRank, retrievers, rowsByKey, scoreRankings, searchMetrics, splitQueries, vectorIndex,
  type Judgement, type Retriever, type SearchScores,
} from '../../lib/search';
import type { Command } from '../main';
import { loadMl, loadPackagedUseLite, readOneTable } from '../ml-runtime';
import { summariseCurve, writeModelDir } from './pretrain';

const usage = `Usage: edgefuse search-eval --products FILE --key COL --text COLS --log FILE --query COL --clicked COL [options]

Evaluates product search on a search log (one row per query, with the product clicked, if any):
BM25 over the product text columns (MiniSearch; typo-tolerant fuzzy and prefix matching), dense
retrieval with the USE-lite sentence encoder on the device (tfjs WASM, exact cosine), and hybrid
(reciprocal rank fusion of the two). Each distinct query with a click is judged, its clicked
products graded by click count. Prints JSON: mrr, ndcg@10 and recall@10 of each, n_queries, seconds.

Options:
  --products FILE   the catalogue (CSV, JSON, NDJSON, Parquet, xlsx, ...; first table)
  --key COL         product key column, as the log's clicked column names products
  --text COLS       comma-separated text columns to search (e.g. title,description,category.sub)
  --dense-text COLS the columns the encoder reads (default: --text); short, focused text such as
                    titles and categories often embeds better than long descriptions
  --log FILE        the search log
  --query COL       the query column of the log
  --clicked COL     the clicked-product column of the log (empty: no click)
  --fine-tune       fine-tune the encoder on the training queries, evaluate on held-out ones
  --steps N         fine-tuning steps (default 120)
  --batch N         pairs per step: each query's negatives are the other pairs' products (default 32)
  --lora R          rank of the LoRA adapters trained (query, value; default 8); 0 trains every
                    weight but the token embeddings (slower: on WASM a step costs ~2.5× LoRA's)
  --lr X            peak learning rate (default 0.001 with LoRA, 0.0001 with --lora 0)
  --test-frac F     share of distinct queries held out (default 0.2; without --fine-tune, every
                    query is evaluated unless this is given)
  --seed S          seed of the split and the batches (default 1)
  --depth N         rows each retriever returns; a click ranked lower counts 0 in MRR (default ${hybridDefaults.depth})
  --rrf-k K         reciprocal rank fusion's offset (default ${hybridDefaults.k})
  --weights B,D     weights of BM25 and dense in the fusion (default 1,1)
  --boost COL=W,... BM25 weight of a text column (default 1 each)
  --out DIR         write summary.json, queries.csv (per-query reciprocal ranks) and, with
                    --fine-tune, the tuned weights (encoder/)
  -h, --help        show this help`;

const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(x.toFixed(4)));
const rounded = (s: SearchScores) => Object.fromEntries(searchMetrics.map((m) => [m, round(s[m])]));
const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function positiveInteger(value: string | undefined, fallback: number, flag: string): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer, got '${value}'.`);
  return n;
}

export const searchEvalCommand: Command = {
  summary: 'evaluate product search (BM25, dense, hybrid; optional fine-tuning) on a search log (JSON)',
  usage,
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        products: { type: 'string' }, key: { type: 'string' }, text: { type: 'string' },
        log: { type: 'string' }, query: { type: 'string' }, clicked: { type: 'string' },
        'fine-tune': { type: 'boolean' }, steps: { type: 'string' }, batch: { type: 'string' }, lr: { type: 'string' }, lora: { type: 'string' },
        'test-frac': { type: 'string' }, seed: { type: 'string' }, depth: { type: 'string' }, 'rrf-k': { type: 'string' }, weights: { type: 'string' },
        boost: { type: 'string' }, out: { type: 'string' }, 'dense-text': { type: 'string' },
      },
    });
    const required = ['products', 'key', 'text', 'log', 'query', 'clicked'] as const;
    const missing = required.filter((f) => !values[f]);
    if (missing.length > 0) return context.fail(`${missing.map((f) => `--${f}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required.`);
    let steps, batchSize, depth, seed, rank, rrfK, testFrac, weights: [number, number], lr;
    const boosts: Record<string, number> = {};
    try {
      [steps, batchSize, depth] = [positiveInteger(values.steps, 120, 'steps'), positiveInteger(values.batch, 32, 'batch'), positiveInteger(values.depth, hybridDefaults.depth, 'depth')];
      seed = positiveInteger(values.seed === undefined ? undefined : String(Number(values.seed) + 1), 2, 'seed') - 1;
      rank = values.lora === undefined ? 8 : Number(values.lora);
      if (!Number.isInteger(rank) || rank < 0) throw new Error(`--lora must be an integer ≥ 0, got '${values.lora}'.`);
      rrfK = Number(values['rrf-k'] ?? hybridDefaults.k);
      if (!(rrfK >= 0)) throw new Error(`--rrf-k must be a number ≥ 0, got '${values['rrf-k']}'.`);
      testFrac = Number(values['test-frac'] ?? 0.2);
      if (!(testFrac > 0 && testFrac < 1)) throw new Error(`--test-frac must be in (0, 1), got '${values['test-frac']}'.`);
      const w = (values.weights ?? '1,1').split(',').map(Number);
      if (w.length !== 2 || !w.every((x) => x >= 0)) throw new Error(`--weights takes two numbers ≥ 0 (BM25, dense), got '${values.weights}'.`);
      weights = [w[0] as number, w[1] as number];
      lr = Number(values.lr ?? (rank > 0 ? 1e-3 : 1e-4));
      if (!(lr > 0)) throw new Error(`--lr must be a number > 0, got '${values.lr}'.`);
      for (const part of (values.boost ?? '').split(',').filter((p) => p.trim() !== '')) {
        const [name, weight] = part.split('=');
        if (!name || !(Number(weight) >= 0)) throw new Error(`--boost takes COL=WEIGHT pairs, got '${part}'.`);
        boosts[name.trim()] = Number(weight);
      }
    } catch (error) {
      return context.fail((error as Error).message);
    }
    const started = performance.now();

    const products = await readOneTable(context.cwd, values.products as string);
    const log = await readOneTable(context.cwd, values.log as string);
    const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const textColumns = list(values.text as string);
    const denseColumns = values['dense-text'] === undefined ? textColumns : list(values['dense-text']);
    for (const name of Object.keys(boosts)) if (!textColumns.includes(name)) return context.fail(`--boost names '${name}', which is not one of --text.`);
    for (const [table, file, names] of [[products, values.products, [values.key, ...textColumns, ...denseColumns]], [log, values.log, [values.query, values.clicked]]] as const) {
      const absent = names.filter((name) => !table.columns.some((c) => c.name === name));
      if (absent.length > 0) return context.fail(`${file} has no column ${absent.map((a) => `'${a}'`).join(', ')}; it has ${table.columns.map((c) => c.name).join(', ')}.`);
    }
    const columnOf = (table: typeof products, name: string) => table.columns.find((c) => c.name === name) as (typeof products.columns)[number];
    const catalogueOf = (names: readonly string[]) => catalogueFromColumns(columnOf(products, values.key as string).values, names.map((name) => columnOf(products, name)));
    const catalogue = catalogueOf(textColumns);
    const judged = judgeSearchLog(columnOf(log, values.query as string).values, columnOf(log, values.clicked as string).values, rowsByKey(catalogue));
    if (judged.judgements.length < (values['fine-tune'] ? 10 : 1)) return context.fail(`Only ${judged.judgements.length} distinct queries have a click on a product of the catalogue (${judged.counts.unknownProducts} clicks name unknown keys); check --key and --clicked.`);
    const heldOut = values['fine-tune'] === true || values['test-frac'] !== undefined;
    const { train: trainQueries, test } = heldOut ? splitQueries(judged.judgements, testFrac, seed) : { train: [], test: judged.judgements };

    const { tf } = await loadMl();
    const { embedTexts, tuneEncoderForSearch } = await import('../../lib/search/contrastive-tuning');
    const lora = values['fine-tune'] && rank > 0 ? { rank, alpha: 2 * rank, targets: ['query', 'value'] as const } : null;
    const model = await loadPackagedUseLite(lora && { ...lora, targets: [...lora.targets] });
    const keyword = bm25Index(catalogue, { fieldBoosts: boosts });
    // The encoder's documents, row for row with the BM25 catalogue (same key column, same first-row rule).
    const denseCatalogue = catalogueOf(denseColumns);
    const documents = denseCatalogue.keys.map((_, row) => documentText(denseCatalogue, row));
    const hybrid = { depth, k: rrfK, weights };
    const evaluate = async (judgements: readonly Judgement[]) => {
      const docs = vectorIndex(await embedTexts(model, documents));
      const queryVectors = await embedTexts(model, judgements.map((j) => j.query));
      return rankJudged(judgements, queryVectors, keyword, docs, hybrid);
    };
    const score = (ranked: Record<Retriever, Int32Array[]>) => Object.fromEntries(retrievers.map((r) => [r, scoreRankings(ranked[r], test)])) as Record<Retriever, SearchScores>;
    const embedStarted = performance.now();
    const rankedBefore = await evaluate(test);
    const before = score(rankedBefore);
    const evalSeconds = (performance.now() - embedStarted) / 1000;

    let fineTuned: Record<string, unknown> | undefined;
    let rankedAfter: Record<Retriever, Int32Array[]> | undefined;
    if (values['fine-tune']) {
      const pairs = trainQueries.flatMap((j) => Array.from(j.rows, (row) => ({ query: j.query, document: documents[row] as string })));
      const tensorsBefore = tf.memory().numTensors;
      const curve: { step: number; value: number }[] = [];
      const tuneStarted = performance.now();
      const result = await tuneEncoderForSearch(model, pairs, { steps, batchSize, lr, seed }, {
        onEvent: (e) => {
          if (e.type !== 'metric' || e.values.loss === undefined) return;
          curve.push({ step: e.step, value: e.values.loss });
          context.err(`fine-tuning: step ${e.step + 1}/${steps}, loss ${e.values.loss.toFixed(3)}, ${((performance.now() - tuneStarted) / 1000).toFixed(0)} s\n`);
        },
      });
      const tuneSeconds = (performance.now() - tuneStarted) / 1000;
      rankedAfter = await evaluate(test);
      const after = score(rankedAfter);
      const { models } = await loadMl();
      if (values.out) {
        const trained = await models.exportWeights(new Map([...model.weights].filter(([name]) => result.trained.includes(name))));
        await writeModelDir(join(resolve(context.cwd, values.out), 'encoder'), { ...models.useLiteConfig, lora: lora && { ...lora, targets: [...lora.targets] } }, trained, null, { base: 'use-lite', task: 'search', trainable: result.trainable, trained: result.trained });
      }
      fineTuned = {
        dense: rounded(after.dense),
        hybrid: rounded(after.hybrid),
        gain: Object.fromEntries((['dense', 'hybrid'] as const).map((r) => [r, Object.fromEntries(searchMetrics.map((m) => [m, round(after[r][m] - before[r][m])]))])),
        trainable: result.trainable,
        ...(lora ? { lora: { rank: lora.rank, alpha: lora.alpha } } : {}),
        trainedParameters: result.parameters,
        trainQueries: trainQueries.length,
        pairs: { train: result.examples.train, val: result.examples.val },
        steps: result.step,
        batch: batchSize,
        lr,
        trainLoss: { first: round(result.trainLoss.first), last: round(result.trainLoss.last), curve: summariseCurve(curve, 6) },
        valLoss: { first: round(result.valLoss.first), last: round(result.valLoss.last) },
        seconds: round(tuneSeconds),
        leakedTensors: tf.memory().numTensors - tensorsBefore,
      };
    }
    model.dispose();

    const summary = {
      products: catalogue.keys.length,
      text: textColumns,
      denseText: denseColumns,
      log: { ...judged.counts, distinctQueries: judged.judgements.length },
      evaluated: heldOut ? 'held-out queries' : 'all queries',
      n_queries: test.length,
      ...Object.fromEntries(retrievers.map((r) => [r, rounded(before[r])])),
      ...(fineTuned ? { fine_tuned: fineTuned } : {}),
      settings: { depth, rrfK, weights, boosts, seed, ...(heldOut ? { testFrac } : {}) },
      backend: tf.getBackend(),
      seconds: round((performance.now() - started) / 1000),
      embedAndSearchSeconds: round(evalSeconds),
    };
    if (values.out) {
      const out = resolve(context.cwd, values.out);
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
      await writeFile(join(out, 'queries.csv'), queriesCsv(test, catalogue.keys, rankedBefore, rankedAfter));
    }
    context.out(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  },
};

/** One row per evaluated query: its clicks, each retriever's reciprocal rank and top result. */
function queriesCsv(test: readonly Judgement[], keys: readonly string[], before: Record<Retriever, Int32Array[]>, after: Record<Retriever, Int32Array[]> | undefined): string {
  const tuned = after ? (['dense', 'hybrid'] as const) : [];
  const header = ['query', 'clicked', ...retrievers.flatMap((r) => [`${r}_rr`, `${r}_top`]), ...tuned.flatMap((r) => [`${r}_tuned_rr`, `${r}_tuned_top`])];
  const lines = test.map((j, i) => {
    const cells = (ranked: Int32Array[]) => [round(reciprocalRank(ranked[i] as Int32Array, j)), keys[(ranked[i] as Int32Array)[0] ?? -1] ?? ''];
    return [
      csvCell(j.query), csvCell(Array.from(j.rows, (row, g) => `${keys[row]}×${j.gains[g]}`).join(' ')),
      ...retrievers.flatMap((r) => cells(before[r])), ...tuned.flatMap((r) => cells((after as Record<Retriever, Int32Array[]>)[r])),
    ].join(',');
  });
  return [header.join(','), ...lines].join('\n') + '\n';
}
