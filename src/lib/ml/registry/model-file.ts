// A model as one file, for export and import: a zip holding `card.json`, `weights.json` (name
// -> shape and byte offset) and `weights.bin` (float32, little-endian, concatenated). A LoRA
// adapter is the same file with only the adapter weights: small enough to share.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AppError } from '../../errors';
import type { NamedArrays } from '../models/weights';
import type { ModelCard } from './model-card';

export const modelFileExtension = '.edgefuse-model';
const formatVersion = 1;

interface WeightsManifest {
  format: number;
  tensors: { name: string; shape: number[]; offset: number; length: number }[];
}

/** Packs named weights into one buffer plus its manifest (what the registry stores too). */
export function packWeights(weights: NamedArrays): { manifest: WeightsManifest; bytes: ArrayBuffer } {
  const tensors: WeightsManifest['tensors'] = [];
  let offset = 0;
  for (const [name, { shape, values }] of Object.entries(weights)) {
    tensors.push({ name, shape, offset, length: values.length });
    offset += values.length;
  }
  const all = new Float32Array(offset);
  for (const t of tensors) all.set(weights[t.name]!.values, t.offset);
  return { manifest: { format: formatVersion, tensors }, bytes: all.buffer };
}

export function unpackWeights(manifest: WeightsManifest, bytes: ArrayBuffer): NamedArrays {
  const all = new Float32Array(bytes);
  const out: NamedArrays = {};
  for (const t of manifest.tensors) {
    if (t.offset + t.length > all.length) throw new AppError('input-malformed', `The model file is cut short: weight "${t.name}" is missing its values.`);
    out[t.name] = { shape: t.shape, values: all.slice(t.offset, t.offset + t.length) };
  }
  return out;
}

export interface ModelFile {
  name: string;
  card: ModelCard;
  weights: NamedArrays;
}

export function writeModelFile(model: ModelFile): Uint8Array {
  const { manifest, bytes } = packWeights(model.weights);
  return zipSync({
    'card.json': strToU8(JSON.stringify({ name: model.name, ...model.card }, null, 2)),
    'weights.json': strToU8(JSON.stringify(manifest)),
    'weights.bin': new Uint8Array(bytes),
  });
}

export function readModelFile(bytes: Uint8Array): ModelFile {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new AppError('input-malformed', 'This is not an EdgeFuse model file (it is not a zip archive).');
  }
  const [card, manifest, weights] = [files['card.json'], files['weights.json'], files['weights.bin']];
  if (!card || !manifest || !weights) throw new AppError('input-malformed', 'This is not an EdgeFuse model file: it lacks card.json, weights.json or weights.bin.');
  const parsed = JSON.parse(strFromU8(manifest)) as WeightsManifest;
  if (parsed.format !== formatVersion) throw new AppError('unsupported', `This model file has format ${parsed.format}; this version of EdgeFuse reads format ${formatVersion}.`);
  const { name, ...rest } = JSON.parse(strFromU8(card)) as ModelCard & { name: string };
  // Copy out of the zip's buffer so the floats are aligned.
  const buffer = weights.slice().buffer;
  return { name, card: rest, weights: unpackWeights(parsed, buffer) };
}
