import { AppError } from '../errors';
import { exportWeights, importWeights, loadUseLite, type LoraConfig, type ReadFile, type UseLite } from '../ml/models';
import { loadModel, saveModel, type ModelCard, type RegisteredModel } from '../ml/registry';
import type { EdgeFuseDb } from '../store';
import { embedTexts } from './contrastive-tuning';
import { baseSearchEncoder } from './search-finding';

// The sentence encoder behind dense retrieval in the app: USE-lite as shipped, or USE-lite
// fine-tuned on a search log and kept in the model registry (its LoRA adapters and output
// projection only, a few hundred kB), so live search can use it after a reload. Loads tfjs.

export interface SearchEncoder {
  /** 'use-lite' or the registry id. */
  id: string;
  name: string;
  model: UseLite;
}

/** The adapters fine-tuning trains: attention's query and value projections, as the CLI's default. */
export const searchLora = (rank: number): LoraConfig => ({ rank, alpha: 2 * rank, targets: ['query', 'value'] });

/** Marks a registry card as a search encoder, so live search can tell it from other embedding models. */
const purpose = 'search';

export async function loadSearchEncoder(db: EdgeFuseDb, useLiteFiles: ReadFile | undefined, id: string, lora: LoraConfig | null = null): Promise<SearchEncoder> {
  if (!useLiteFiles) throw new AppError('unsupported', 'The sentence encoder is not available here, so dense search cannot run.');
  if (id === baseSearchEncoder) return { id, name: 'USE-lite', model: await loadUseLite(useLiteFiles, { lora }) };
  const { model: entry, weights } = await loadModel(db, id);
  const stored = entry.card.config['lora'] as LoraConfig | null | undefined;
  if (entry.card.base !== baseSearchEncoder || entry.card.config['purpose'] !== purpose) {
    throw new AppError('input-malformed', `${entry.name} is not an encoder fine-tuned for search; choose USE-lite or a search encoder.`, { id });
  }
  const model = await loadUseLite(useLiteFiles, { lora: stored ?? null });
  try {
    importWeights(model.weights, weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { id, name: entry.name, model };
}

/** Stores the weights fine-tuning changed (`trained`, by name) as a registry model with its card. */
export async function saveSearchEncoder(
  db: EdgeFuseDb,
  workspaceId: string,
  name: string,
  model: UseLite,
  trained: readonly string[],
  card: Pick<ModelCard, 'data' | 'metrics' | 'backend' | 'steps'> & { lora: LoraConfig },
): Promise<RegisteredModel> {
  const keep = new Set(trained);
  const weights = await exportWeights(model.weights, (n) => keep.has(n));
  const { lora, ...rest } = card;
  return saveModel(db, workspaceId, name, {
    ...rest, task: 'embedding', base: baseSearchEncoder, tokenizer: baseSearchEncoder, labels: null, trainedAt: Date.now(),
    config: { ...model.encoder.config, lora: { ...lora, targets: [...lora.targets] }, purpose },
    lora: { rank: lora.rank, alpha: lora.alpha },
  }, weights);
}

/** Sentence vectors of `texts`, in slices so progress and an abort get through between them. */
export async function embedInSlices(model: UseLite, texts: readonly string[], signal: AbortSignal, onSlice: (done: number) => void = () => {}): Promise<Float32Array[]> {
  const slice = 256;
  const out: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += slice) {
    signal.throwIfAborted();
    out.push(...(await embedTexts(model, texts.slice(start, start + slice), 64, signal)));
    onSlice(out.length);
  }
  return out;
}
