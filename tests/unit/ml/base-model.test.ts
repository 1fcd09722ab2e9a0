import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFilesJob } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import { addBertModel } from '../../../src/lib/ml/add-bert-model';
import { loadBaseModel } from '../../../src/lib/ml/base-model';
import { fineTuneJob } from '../../../src/lib/ml/fine-tune-job';
import { loadBert } from '../../../src/lib/ml/hf';
import { batchInputs, loadUseLite } from '../../../src/lib/ml/models';
import { pretrainJob } from '../../../src/lib/ml/pretrain-job';
import { listModels, loadModel } from '../../../src/lib/ml/registry';
import { padBatch } from '../../../src/lib/ml/train';
import { testDb } from '../helpers';
import { readTinyBert, texts } from './hf/fixture';
import { readPackageFile } from './models/package-files';

// Bases of training other than USE-lite: a BERT-family checkpoint added to the registry, and
// USE-lite adapted to the user's text by continued MLM pretraining (adapters stored alone).

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] ?? NaN))), 0);

function reviewsCsv(rows: number): string {
  const words = [['great', 'lovely', 'excellent'], ['awful', 'broken', 'stale']];
  const lines = ['text,verdict'];
  for (let i = 0; i < rows; i++) lines.push(`"the coffee was ${words[i % 2]![i % 3]} and the box ${words[i % 2]![(i + 1) % 3]}",${i % 2 ? 'negative' : 'positive'}`);
  return lines.join('\n');
}

describe('base models', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('adds a BERT-family checkpoint to the registry; loaded back as a base it gives the same sentence vectors, and fine-tunes', async () => {
    const db = testDb();
    const added = await addBertModel(db, 'w', readTinyBert, { name: 'tiny-bert' });
    expect(added.card).toMatchObject({ task: 'embedding', base: 'hf:tiny-bert', config: { format: 'hf-bert', family: 'bert' } });
    expect(added.card.metrics['layers']).toBe(2);

    const { model: direct } = await loadBert(readTinyBert);
    const base = await loadBaseModel(db, added.id, {});
    const before = tf.memory().numTensors;
    const theirs = tf.tidy(() => direct.forward(direct.tokenize(texts)).pooled);
    const tokens = base.tokenize(texts);
    const ours = tf.tidy(() => base.embedder.embed(padBatch(tokens, base.embedder.maxLength), false));
    expect(maxAbsDiff((await ours.data()) as Float32Array, (await theirs.data()) as Float32Array)).toBeLessThan(1e-5);
    tf.dispose([ours, theirs]);
    expect(tf.memory().numTensors).toBe(before);
    direct.dispose();
    base.dispose();

    await runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: [] } }, importFilesJob(db, [new File([reviewsCsv(40)], 'reviews.csv')]));
    const source = (await db.sources.toArray())[0]!;
    const outcome = await runJob(db, { kind: 'fine-tune', workspaceId: 'w', params: { workspaceId: 'w', sourceId: source.id, textColumn: 'text', labelColumn: 'verdict', name: 'Verdict (tiny)', lora: 4, steps: 10, base: added.id } }, fineTuneJob(db, undefined));
    expect(outcome.status).toBe('done');
    const tuned = (await listModels(db, 'w')).find((m) => m.name === 'Verdict (tiny)')!;
    expect(tuned.card).toMatchObject({ task: 'classification', base: added.id, labels: ['negative', 'positive'] });
  }, 120_000);

  it('continued pretraining adapts USE-lite with LoRA adapters only; as a base the adapters are merged in', async () => {
    const db = testDb();
    await runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: [] } }, importFilesJob(db, [new File([reviewsCsv(40)], 'reviews.csv')]));
    const source = (await db.sources.toArray())[0]!;
    const outcome = await runJob(db, { kind: 'pretrain', workspaceId: 'w', params: { workspaceId: 'w', sourceId: source.id, textColumn: 'text', tokenizer: 'bpe', steps: 6, name: 'adapted', from: 'use-lite' } }, pretrainJob(db, readPackageFile));
    expect(outcome.status).toBe('done');
    const [adapted] = await listModels(db, 'w');
    expect(adapted!.card).toMatchObject({ task: 'mlm', base: 'use-lite', tokenizer: 'use-lite', lora: { rank: 8, alpha: 16 } });
    const { weights } = await loadModel(db, adapted!.id);
    expect(Object.keys(weights).length).toBeGreaterThan(0);
    expect(Object.keys(weights).every((name) => /\.lora\.[ab]$/.test(name))).toBe(true);
    expect(adapted!.sizeBytes).toBeLessThan(1_000_000);

    // The merged base equals USE-lite running with the adapters beside its weights.
    const sample = ['the coffee was great', 'stale box, awful'];
    const withAdapters = await loadUseLite(readPackageFile, { lora: { rank: 8, alpha: 16, targets: ['query', 'value', 'up', 'down'] } });
    for (const [name, w] of Object.entries(weights)) withAdapters.weights.get(name)!.assign(tf.tensor(w.values, w.shape));
    const expected = (await tf.tidy(() => withAdapters.embed(sample)).data()) as Float32Array;
    const plain = await loadUseLite(readPackageFile);
    const original = (await tf.tidy(() => plain.embed(sample)).data()) as Float32Array;
    const base = await loadBaseModel(db, adapted!.id, { useLiteFiles: readPackageFile });
    const merged = (await tf.tidy(() => base.embedder.embed(batchInputs(base.tokenize(sample)), false)).data()) as Float32Array;
    expect(maxAbsDiff(merged, expected)).toBeLessThan(1e-4);
    expect(maxAbsDiff(merged, original)).toBeGreaterThan(1e-4);
    [withAdapters, plain, base].forEach((m) => m.dispose());
  }, 240_000);
});
