import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIngestApi } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import { pretrainJob } from '../../../src/lib/ml/pretrain-job';
import { listModels, loadModel } from '../../../src/lib/ml/registry';
import { tokenizerFromJson } from '../../../src/lib/ml/text';
import { testDb } from '../helpers';

// The app's pretraining job on the demo's review texts: a character tokenizer and a small encoder
// learned from scratch by masked-LM, registered with its tokenizer.
describe('pretrain job', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('learns the masked tokens of a source far better than a uniform guess, and registers the encoder', async () => {
    const db = testDb();
    await createIngestApi(db).loadDemo({ workspaceId: 'w', seed: 42, scale: 0.1 }, {});
    const reviews = (await db.sources.toArray()).find((s) => s.name === 'reviews.ndjson')!;
    const params = { workspaceId: 'w', sourceId: reviews.id, textColumn: 'text', tokenizer: 'char' as const, steps: 40, name: 'Review characters' };
    await expect(runJob(db, { kind: 'pretrain', workspaceId: 'w', params: { ...params, textColumn: 'nope' } }, pretrainJob(db), {})).rejects.toMatchObject({ code: 'input-malformed' });
    const done = await runJob(db, { kind: 'pretrain', workspaceId: 'w', params }, pretrainJob(db), {});
    expect(done.status).toBe('done');
    const [model] = await listModels(db, 'w');
    expect(model?.card.task).toBe('mlm');
    const { trainLoss, uniformGuessLoss } = model!.card.metrics;
    expect(trainLoss).toBeLessThan(0.8 * uniformGuessLoss!);
    expect(tokenizerFromJson(model!.card.tokenizer).encode('great coffee').length).toBeGreaterThan(0);
    expect(Object.keys((await loadModel(db, model!.id)).weights)).toContain('embedding.tokens');
  }, 240_000);
});
