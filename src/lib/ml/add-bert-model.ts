// Adds a BERT-family checkpoint (config.json, model.safetensors, tokenizer.json) to the model
// registry, from files the user picked or from a Hub download the user asked for. The model is
// built once to prove it loads (names, shapes, tokenizer), then kept as the files' JSON plus its
// weights under the encoder's names, so it can be a base for fine-tuning like USE-lite.
import { AppError } from '../errors';
import type { EdgeFuseDb } from '../store';
import { tf } from './backend';
import type { HfCardConfig, HfCardTokenizer } from './base-model';
import { loadBert } from './hf';
import { exportWeights, type ReadFile } from './models';
import { saveModel, type RegisteredModel } from './registry';

const json = async (read: ReadFile, file: string, optional = false): Promise<unknown> => {
  const bytes = await read(file).catch((error: unknown) => {
    if (optional) return null;
    throw error;
  });
  return bytes === null ? {} : JSON.parse(new TextDecoder().decode(bytes));
};

export async function addBertModel(db: EdgeFuseDb, workspaceId: string | null, read: ReadFile, { name, pooling = 'mean' }: { name: string; pooling?: 'mean' | 'cls' }): Promise<RegisteredModel> {
  const { model, ignored } = await loadBert(read, { pooling });
  try {
    const weights = await exportWeights(model.weights);
    const parameters = Object.values(weights).reduce((n, w) => n + w.values.length, 0);
    const config: HfCardConfig = { format: 'hf-bert', config: await json(read, 'config.json'), pooling };
    const tokenizer: HfCardTokenizer = { format: 'hf', tokenizer: await json(read, 'tokenizer.json'), tokenizerConfig: await json(read, 'tokenizer_config.json', true) };
    if (!model.tokenizer) throw new AppError('internal', 'Internal error: the model was built without its tokenizer. Please report this.');
    return await saveModel(db, workspaceId, name, {
      task: 'embedding', base: `hf:${name}`, config: { ...config, family: model.spec.family, ignoredTensors: ignored.length }, tokenizer,
      data: { sources: [], textColumn: null, labelColumn: null, rows: 0, trainRows: 0, validationRows: 0 },
      metrics: { parameters, layers: model.config.depth, width: model.config.width },
      labels: null, lora: null, backend: tf.getBackend(), steps: 0, trainedAt: Date.now(),
    }, weights);
  } finally {
    model.dispose();
  }
}
