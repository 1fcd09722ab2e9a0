import { AppError } from '../../errors';
import { importWeights, type NamedArrays, type ReadFile } from '../models';
import { Bert } from './bert';
import { parseBertConfig, type BertOptions, type BertSpec } from './bert-config';
import { parseSafetensors } from './safetensors';
import { parseTokenizer } from './tokenizer';

// A Hugging Face checkpoint folder -> Bert. The same loader serves a folder on disk (Node), the
// files of a directory the user dropped (readFromFiles) and a Hub download (hub.ts): all three
// are a ReadFile. HF Linear weights are [out, in]; our kernels are [in, out], so they are
// transposed. Checkpoint names may carry the task model's prefix (`bert.`, `roberta.`,
// `distilbert.`) and old LayerNorms say gamma/beta for weight/bias.

export { bertFiles, optionalBertFiles } from './bert-files';

type Source = { name: string; transpose: boolean; rows?: [number, number] };

/** Our weight name -> the checkpoint's (without prefix, with `.weight`/`.bias`). */
function sourceNames(spec: BertSpec): Record<string, Source> {
  const linear = (name: string): Source => ({ name, transpose: true });
  const copy = (name: string, rows?: [number, number]): Source => (rows ? { name, transpose: false, rows } : { name, transpose: false });
  const { positionOffset: offset, encoder } = spec;
  const names: Record<string, Source> = {
    'embedding.tokens': copy('embeddings.word_embeddings.weight'),
    'embedding.positions': copy('embeddings.position_embeddings.weight', [offset, offset + encoder.maxLength]),
    'embedding.norm.scale': copy('embeddings.LayerNorm.weight'),
    'embedding.norm.bias': copy('embeddings.LayerNorm.bias'),
    ...(spec.typeVocabSize > 0 && { 'embedding.types': copy('embeddings.token_type_embeddings.weight') }),
  };
  const distil = spec.family === 'distilbert';
  for (let i = 0; i < encoder.depth; i++) {
    const hf = distil ? `transformer.layer.${i}` : `encoder.layer.${i}`;
    const parts: Record<string, string> = distil
      ? { 'attention.query': 'attention.q_lin', 'attention.key': 'attention.k_lin', 'attention.value': 'attention.v_lin', 'attention.output': 'attention.out_lin', attentionNorm: 'sa_layer_norm', 'ff.up': 'ffn.lin1', 'ff.down': 'ffn.lin2', ffNorm: 'output_layer_norm' }
      : { 'attention.query': 'attention.self.query', 'attention.key': 'attention.self.key', 'attention.value': 'attention.self.value', 'attention.output': 'attention.output.dense', attentionNorm: 'attention.output.LayerNorm', 'ff.up': 'intermediate.dense', 'ff.down': 'output.dense', ffNorm: 'output.LayerNorm' };
    for (const [ours, theirs] of Object.entries(parts)) {
      const p = `blocks.${i}.${ours}`;
      if (ours.endsWith('Norm')) Object.assign(names, { [`${p}.scale`]: copy(`${hf}.${theirs}.weight`), [`${p}.bias`]: copy(`${hf}.${theirs}.bias`) });
      else Object.assign(names, { [`${p}.kernel`]: linear(`${hf}.${theirs}.weight`), [`${p}.bias`]: copy(`${hf}.${theirs}.bias`) });
    }
  }
  return names;
}

/** [rows, cols] -> [cols, rows]. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c] as number;
  return out;
}

/**
 * Renames a checkpoint's tensors to ours (see sourceNames). Returns the weights for
 * importWeights and the checkpoint names it did not use (pooler, task heads).
 */
export function mapBertWeights(spec: BertSpec, checkpoint: NamedArrays): { weights: NamedArrays; ignored: string[] } {
  const anchor = Object.keys(checkpoint).find((n) => n.endsWith('embeddings.word_embeddings.weight'));
  if (anchor === undefined) throw new AppError('input-malformed', 'model.safetensors has no embeddings.word_embeddings.weight: it is not a BERT-family checkpoint.');
  const prefix = anchor.slice(0, -'embeddings.word_embeddings.weight'.length);
  const used = new Set<string>();
  const take = (name: string) => {
    const candidates = [name, name.replace(/\.weight$/, '.gamma'), name.replace(/\.bias$/, '.beta')].map((n) => prefix + n);
    const found = candidates.find((n) => n in checkpoint);
    if (found === undefined) throw new AppError('input-malformed', `model.safetensors lacks ${prefix}${name}. The checkpoint does not match its config.json.`, { name: prefix + name });
    used.add(found);
    return checkpoint[found] as NamedArrays[string];
  };
  const weights: NamedArrays = {};
  for (const [ours, source] of Object.entries(sourceNames(spec))) {
    const { shape, values } = take(source.name);
    if (source.transpose) {
      const [rows = 0, cols = 0] = shape;
      weights[ours] = { shape: [cols, rows], values: transpose(values, rows, cols) };
    } else if (source.rows) {
      const [begin, end] = source.rows;
      const cols = shape[1] ?? 0;
      if ((shape[0] ?? 0) < end) throw new AppError('input-malformed', `${prefix}${source.name} has ${shape[0]} rows; config.json needs ${end}.`, { name: source.name });
      weights[ours] = { shape: [end - begin, cols], values: values.slice(begin * cols, end * cols) };
    } else weights[ours] = { shape, values };
  }
  return { weights, ignored: Object.keys(checkpoint).filter((n) => !used.has(n)) };
}

const text = (bytes: ArrayBuffer | Uint8Array) => new TextDecoder().decode(bytes);

function parseJson(bytes: ArrayBuffer | Uint8Array, file: string): unknown {
  try {
    return JSON.parse(text(bytes));
  } catch (error) {
    throw new AppError('input-malformed', `${file} is not valid JSON. Download or export the model again.`, { file }, { cause: error });
  }
}

export interface LoadedBert {
  model: Bert;
  /** Checkpoint tensors that are not part of the encoder (pooler, task heads) or not float. */
  ignored: string[];
}

/** Reads config.json, model.safetensors and tokenizer.json (+ tokenizer_config.json if there). */
export async function loadBert(read: ReadFile, options: BertOptions = {}): Promise<LoadedBert> {
  const spec = parseBertConfig(parseJson(await read('config.json'), 'config.json'), options);
  const tokenizerConfig = await read('tokenizer_config.json').then((b) => parseJson(b, 'tokenizer_config.json'), () => ({})); // optional
  const tokenizer = parseTokenizer(parseJson(await read('tokenizer.json'), 'tokenizer.json'), tokenizerConfig);
  const file = parseSafetensors(await read('model.safetensors'));
  const { weights, ignored } = mapBertWeights(spec, file.tensors);
  const model = new Bert(spec, tokenizer);
  try {
    importWeights(model.weights, weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, ignored: [...ignored, ...file.skipped] };
}

/**
 * A ReadFile over the File objects of a dropped or picked directory (`<input webkitdirectory>`,
 * DataTransferItem.webkitGetAsEntry): files are matched by their path inside the folder
 * (webkitRelativePath minus the top folder), else by bare name.
 */
export function readFromFiles(files: Iterable<File>): ReadFile {
  const byPath = new Map<string, File>();
  for (const file of files) {
    const relative = file.webkitRelativePath ? file.webkitRelativePath.split('/').slice(1).join('/') : file.name;
    byPath.set(relative, file);
    if (!byPath.has(file.name)) byPath.set(file.name, file);
  }
  return async (name) => {
    const file = byPath.get(name);
    if (!file) throw new AppError('not-found', `The folder has no ${name}. Choose the folder that holds config.json, model.safetensors and tokenizer.json.`, { name });
    return new Uint8Array(await file.arrayBuffer());
  };
}
