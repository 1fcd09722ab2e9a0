import { describe, expect, it } from 'vitest';
import { deleteModel, exportModel, importModel, listModels, loadModel, readModelFile, saveModel, type ModelCard } from '../../../../src/lib/ml/registry';
import { testDb } from '../../helpers';

const card: ModelCard = {
  task: 'classification', base: 'use-lite', config: { width: 4 }, tokenizer: 'use-lite',
  data: { sources: ['reviews.ndjson'], textColumn: 'text', labelColumn: 'stars', rows: 100, trainRows: 90, validationRows: 10 },
  metrics: { validationAccuracy: 0.91 }, labels: ['neg', 'pos'], lora: { rank: 4, alpha: 8 }, backend: 'wasm', steps: 50, trainedAt: 1,
};
const weights = {
  'head.kernel': { shape: [2, 2], values: Float32Array.of(1, 2, 3, 4) },
  'blocks.0.attention.query.lora.a': { shape: [3], values: Float32Array.of(0.5, -0.5, 0.25) },
};

describe('model registry', () => {
  it('stores a model with its card, lists it, loads its weights back, exports and imports it', async () => {
    const db = testDb();
    const saved = await saveModel(db, 'w', 'Review stars', card, weights);
    expect(saved.sizeBytes).toBe(7 * 4);
    expect((await listModels(db, 'w')).map((m) => [m.name, m.card.task])).toEqual([['Review stars', 'classification']]);
    expect(await listModels(db, 'other')).toEqual([]);
    const loaded = await loadModel(db, saved.id);
    expect(loaded.weights).toEqual(weights);
    expect(loaded.model.card).toEqual(card);

    const file = await exportModel(db, saved.id);
    expect(readModelFile(file)).toEqual({ name: 'Review stars', card, weights });
    const copy = await importModel(testDb(), null, file);
    expect(copy.card.metrics).toEqual({ validationAccuracy: 0.91 });
    await deleteModel(db, saved.id);
    expect(await listModels(db, 'w')).toEqual([]);
  });

  it('refuses a file that is not a model', () => {
    expect(() => readModelFile(new TextEncoder().encode('hello'))).toThrow(/not an EdgeFuse model file/);
  });
});
