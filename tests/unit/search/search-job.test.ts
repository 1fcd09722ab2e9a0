import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFilesJob } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import { listModels } from '../../../src/lib/ml/registry';
import { baseSearchEncoder, searchMetrics, type SearchFinding } from '../../../src/lib/search';
import { productSearch } from '../../../src/lib/search/live-search';
import { searchEvalJob } from '../../../src/lib/search/search-job';
import { latestFinding } from '../../../src/lib/store';
import { testDb } from '../helpers';
import { readPackageFile } from '../ml/models/package-files';

// The app's search evaluation job over a catalogue and a search log in IndexedDB (USE-lite on
// WASM, a short fine-tuning run whose encoder lands in the registry), and the worker's live
// search over the same catalogue: typo-tolerant, its index built once, the tuned encoder usable.

const origins = ['Colombian', 'Ethiopian', 'Kenyan', 'Brazilian', 'Assam', 'Darjeeling'];
const kinds = [['Coffee Beans', 'Coffee'], ['Ground Coffee', 'Coffee'], ['Black Tea', 'Tea'], ['Teapot', 'Kitchenware']];
const products = origins.flatMap((o, i) => kinds.map(([kind, category], k) => ({ sku: `P-${i}${k}`, title: `${o} ${kind}`, category: category! })));
// A typo in the second letter and clipped words, as people type them.
const typo = (w: string) => (w.length > 4 ? w[0]! + w[2]! + w[1]! + w.slice(3) : w);
const productsCsv = ['sku,title,category', ...products.map((p) => `${p.sku},${p.title},${p.category}`)].join('\n');
const logCsv = ['query,clicked', ...products.flatMap((p) => {
  const words = p.title.toLowerCase().split(' ');
  return [words.join(' '), words.map(typo).join(' '), words.map((w) => w.slice(0, 4)).join(' ')].map((q) => `${q},${p.sku}`).concat([`${words[0]},`]);
})].join('\n');

async function shop() {
  const db = testDb();
  await runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: [] } },
    importFilesJob(db, [new File([productsCsv], 'products.csv'), new File([logCsv], 'log.csv')]));
  const sources = await db.sources.toArray();
  const id = (name: string) => sources.find((s) => s.name === name)!.id;
  return { db, catalogue: { sourceId: id('products.csv'), keyColumn: 'sku', textColumns: ['title', 'category'], denseColumns: ['title', 'category'] }, logId: id('log.csv') };
}

describe('search evaluation job and live search', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('scores BM25, dense and hybrid on sampled held-out queries, fine-tunes, stores the finding and the encoder; live search finds misspelt products', async () => {
    const { db, catalogue, logId } = await shop();
    const before = tf.memory().numTensors;
    const params = { workspaceId: 'w', catalogue, log: { sourceId: logId, queryColumn: 'query', clickedColumn: 'clicked' }, fineTune: { steps: 3, batchSize: 8 }, maxQueries: 10, testFraction: 0.25, seed: 1 };
    const outcome = await runJob(db, { kind: 'search-eval', workspaceId: 'w', params }, searchEvalJob(db, readPackageFile));
    expect(outcome.status).toBe('done');
    expect(tf.memory().numTensors).toBe(before);

    const finding = (await latestFinding(db, 'w', 'search'))!;
    const result = finding.result as unknown as SearchFinding;
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    // 24 products × 3 clicked queries = 72 distinct queries; a quarter held out, 10 of them scored.
    expect(result).toMatchObject({ catalogue: { products: 24, source: 'products.csv' }, log: { rows: 96, clicks: 72, distinctQueries: 72 }, evaluation: { heldOut: 18, evaluated: 10, trainQueries: 54 }, backend: 'wasm' });
    const tuned = result.fineTuned!;
    for (const scores of [result.scores.bm25, result.scores.dense, result.scores.hybrid, tuned.scores.dense, tuned.scores.hybrid]) {
      for (const m of searchMetrics) expect(scores[m]).toBeGreaterThanOrEqual(0), expect(scores[m]).toBeLessThanOrEqual(1);
    }
    // Typos and clipped words are what BM25's fuzzy and prefix matching are for; fusion keeps it.
    expect(result.scores.bm25.mrr).toBeGreaterThan(0.7);
    expect(result.scores.hybrid.mrr).toBeGreaterThanOrEqual(Math.min(result.scores.bm25.mrr, result.scores.dense.mrr));
    expect(tuned).toMatchObject({ steps: 3, batchSize: 8, pairs: 54 });
    expect(result.examples).toHaveLength(5);
    for (const ex of result.examples) expect(ex.top.hybrid).toHaveLength(3), expect(ex.tuned?.dense).toHaveLength(3);

    const [model] = await listModels(db, 'w');
    expect(model).toMatchObject({ id: tuned.modelId, card: { task: 'embedding', base: 'use-lite', lora: { rank: 8, alpha: 16 }, config: { purpose: 'search' } } });
    expect(model!.sizeBytes).toBeLessThan(2_000_000);

    // Live search: a transposed letter and a clipped word still find "Ethiopian Coffee Beans".
    const search = productSearch(db, readPackageFile);
    const spec = { ...catalogue, encoder: baseSearchEncoder };
    const first = await search.search('w', 'etiopian cofee bea', 5, spec);
    expect(first).toMatchObject({ products: 24, encoder: 'USE-lite' });
    expect(first.buildMs).toBeGreaterThan(0);
    expect(first.hits.bm25[0]!.key).toBe('P-10');
    // Dense reads the typos as other words, so fusion may rank a near neighbour first; the product stays in its top 3.
    expect(first.hits.hybrid.slice(0, 3).find((h) => h.key === 'P-10')).toMatchObject({ text: 'Ethiopian Coffee Beans', ranks: { bm25: 1 } });
    for (const r of ['bm25', 'dense', 'hybrid'] as const) expect(first.hits[r].length).toBeLessThanOrEqual(5);
    // The index is kept: the next query builds nothing and leaves no tensor behind.
    const tensors = tf.memory().numTensors;
    const second = await search.search('w', 'darjeling black tea', 5, spec);
    expect(second.buildMs).toBe(0);
    expect(second.hits.hybrid[0]!.key).toBe('P-52');
    expect(tf.memory().numTensors).toBe(tensors);
    // The fine-tuned encoder serves live search too.
    const withTuned = await search.search('w', 'kenian teapot', 5, { ...spec, encoder: tuned.modelId });
    expect(withTuned.encoder).toBe(tuned.modelName);
    expect(withTuned.hits.hybrid[0]!.key).toBe('P-23');
    await expect(search.search('other', 'tea', 5, spec)).rejects.toMatchObject({ code: 'not-found' });
  }, 240_000);

  it('refuses a log whose clicks name no product of the catalogue', async () => {
    const { db, catalogue, logId } = await shop();
    const params = { workspaceId: 'w', catalogue: { ...catalogue, keyColumn: 'title' }, log: { sourceId: logId, queryColumn: 'query', clickedColumn: 'clicked' }, fineTune: null };
    await expect(runJob(db, { kind: 'search-eval', workspaceId: 'w', params }, searchEvalJob(db, readPackageFile))).rejects.toMatchObject({ code: 'input-malformed' });
  });
});
