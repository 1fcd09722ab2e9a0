import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFusionApi } from '../../../src/lib/fusion/api';
import { listLinkRuns } from '../../../src/lib/fusion/link-store';
import { bestMatchPerRow } from '../../../src/lib/fusion/link';
import { createIngestApi } from '../../../src/lib/ingest';
import { useLiteTextEmbedder } from '../../../src/lib/ml/text-embedder';
import { generateDemoShop } from '../../../src/lib/demo';
import { readPackageFile } from '../ml/models/package-files';
import { testDb } from '../helpers';

// Matching the supplier's catalogue to the shop's by meaning as well as by spelling: product
// titles go through the on-device sentence encoder (USE-lite), blocked with LSH over the
// vectors and compared by cosine, inside the app's link job.
describe('link job with the sentence encoder', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('adds a meaning comparison and LSH blocking, and links the supplier catalogue as well', async () => {
    const db = testDb();
    await createIngestApi(db).loadDemo({ workspaceId: 'w', seed: 42, scale: 1 }, {});
    const sources = await db.sources.toArray();
    const id = (name: string) => sources.find((s) => s.name === name)!.id;
    const api = createFusionApi(db, { embedder: useLiteTextEmbedder(readPackageFile) });
    const outcome = await api.linkEntities({ workspaceId: 'w', leftSourceId: id('supplier_catalogue.csv'), rightSourceId: id('products.json'), meaning: true }, {});
    expect(outcome.status).toBe('done');
    const [run] = await listLinkRuns(db, 'w');
    expect(run!.settings.comparisons.map((c) => c.kind)).toContain('embedding');
    expect(run!.stats.blocks.map((b) => b.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/lsh/)]));

    const truth = generateDemoShop({ seed: 42 }).truth.supplierMatches;
    const skus = (await db.sources.get(id('products.json')))!;
    const skuColumn = skus.columns.findIndex((c) => c.name === 'sku');
    const { readColumn } = await import('../../../src/lib/store');
    const skuOf = await readColumn(db, skus.id, skuColumn);
    const best = bestMatchPerRow(run!.pairs, 0.5, truth.length);
    let tp = 0;
    let predicted = 0;
    best.forEach((pair, row) => {
      if (pair < 0) return;
      predicted++;
      if (skuOf[run!.pairs.b[pair]!] === truth[row]) tp++;
    });
    const actual = truth.filter((s) => s !== null).length;
    const f1 = (2 * tp) / (predicted + actual);
    expect(f1).toBeGreaterThan(0.9);
    const report = await api.linkReport(run!.id, 0.5);
    expect(report.nearThreshold[0]?.fields.map((f) => f.field)).toContain('product_name~title meaning');
  }, 120_000);
});
