import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFilesJob } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import { fineTuneJob } from '../../../src/lib/ml/fine-tune-job';
import { listModels, loadModel } from '../../../src/lib/ml/registry';
import { testDb } from '../helpers';
import { readPackageFile } from './models/package-files';

// The app's training job over a source in IndexedDB: LoRA fine-tuning of USE-lite with a
// classification head, cut off after its first checkpoint and resumed from it, ending in the
// registry with a model card. Small and fast: the figures of quality are in tests/unit/ml/train.

const good = ['great', 'lovely', 'excellent', 'perfect', 'superb', 'delicious'];
const bad = ['awful', 'broken', 'terrible', 'stale', 'horrible', 'disappointing'];
function reviewsCsv(rows: number): string {
  const lines = ['text,verdict'];
  for (let i = 0; i < rows; i++) {
    const positive = i % 2 === 0;
    const words = positive ? good : bad;
    lines.push(`"The coffee was ${words[i % words.length]} and the tea ${words[(i * 7) % words.length]}",${positive ? 'positive' : 'negative'}`);
  }
  return lines.join('\n');
}

describe('fine-tune job', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('trains LoRA adapters and a head, resumes after a crash from its checkpoint, and registers the model', async () => {
    const db = testDb();
    await runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: [] } }, importFilesJob(db, [new File([reviewsCsv(60)], 'reviews.csv')]));
    const source = (await db.sources.toArray())[0]!;
    const params = { workspaceId: 'w', sourceId: source.id, textColumn: 'text', labelColumn: 'verdict', name: 'Verdict', lora: 4, steps: 20 };
    // The tab "dies" right after the first checkpoint is stored.
    let jobId = '';
    const crashed = runJob(db, { kind: 'fine-tune', workspaceId: 'w', params }, fineTuneJob(db, readPackageFile), {
      onEvent: (event) => {
        if (event.type === 'started') jobId = event.jobId;
        if (event.type === 'checkpoint') throw new Error('tab closed');
      },
    });
    await expect(crashed).rejects.toThrow();
    expect((await db.checkpoints.get(jobId))?.step).toBe(10);

    const resumed = await runJob(db, { kind: 'fine-tune', workspaceId: 'w', params, jobId }, fineTuneJob(db, readPackageFile));
    expect(resumed.status).toBe('done');
    const run = await db.runs.get(jobId);
    const lossSteps = run!.metrics.filter((m) => m.values['loss'] !== undefined).map((m) => m.step);
    expect(new Set(lossSteps).size).toBe(lossSteps.length);
    expect(Math.max(...lossSteps)).toBeGreaterThanOrEqual(19);

    const [model] = await listModels(db, 'w');
    expect(model).toMatchObject({ name: 'Verdict', card: { task: 'classification', base: 'use-lite', labels: ['negative', 'positive'], lora: { rank: 4, alpha: 8 } } });
    expect(model!.card.data).toMatchObject({ sources: ['reviews.csv'], textColumn: 'text', labelColumn: 'verdict', rows: 60 });
    expect(model!.card.metrics['validationAccuracy']).toBeGreaterThanOrEqual(0.75);
    // Adapters and head only: far smaller than USE-lite's 28 MB.
    const { weights } = await loadModel(db, model!.id);
    expect(Object.keys(weights).every((name) => /lora|^task\./.test(name))).toBe(true);
    expect(model!.sizeBytes).toBeLessThan(1_000_000);
  }, 240_000);
});
