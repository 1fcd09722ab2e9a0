import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './harness';

// The transformer engine (src/lib/ml/models) in real Chromium, on webgpu (SwiftShader: slow, so
// small shapes and few, short texts) and wasm. A test page (tests/browser/pages/ml-model.*) is
// built into a temporary folder with the app's public/ (so /models/use-lite/ is served: run
// `npm run build`, or `node scripts/copy-assets.js`, first) and served by vite preview. The
// harness's launch() is tied to the app's own server, so this file launches Chromium itself,
// with the same flags, and refuses every request that leaves the page's origin.

const outDir = mkdtempSync(join(tmpdir(), 'edgefuse-ml-model-'));
const userDataDir = mkdtempSync(join(tmpdir(), 'edgefuse-chromium-'));
let server: PreviewServer;
let browser: Browser;
let page: Page;
const foreign: string[] = [];

beforeAll(async () => {
  const root = process.cwd();
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false, sourcemap: false, chunkSizeWarningLimit: 8000, rolldownOptions: { input: { 'ml-model': 'tests/browser/pages/ml-model.html' } } },
  });
  server = await preview({ configFile: false, root, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const base = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    ignoreDefaultArgs: true,
    args: ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu', `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'],
  });
  const context = await browser.newContext();
  await context.route(
    (url) => !(url.href.startsWith(`${base}/`) || url.protocol === 'data:' || url.protocol === 'blob:'),
    (route) => (foreign.push(route.request().url()), route.abort('blockedbyclient')),
  );
  page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(`${base}/tests/browser/pages/ml-model.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server) await server.close();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(userDataDir, { recursive: true, force: true });
  expect(foreign, 'requests that left the page origin').toEqual([]);
});

const short = ['Hello, world!', 'Café déjà vu, 42 €.', ''];
const longer = [...short, 'The quick brown fox jumps over the lazy dog.', 'Order #12345 shipped on 2024-03-07 🍣 東京', "It's (very) good: 10/10!"];

describe('transformer engine in Chromium', () => {
  it('offers a WebGPU adapter (SwiftShader)', async () => {
    expect(await page.evaluate(() => window.mlModel.hasWebGpu())).toBe(true);
  });

  it('USE-lite on wasm embeds like the original GraphModel', async () => {
    const result = await page.evaluate((texts) => window.mlModel.useLiteParity('wasm', [...texts, 'end']), longer);
    console.log(`USE-lite in Chromium, ${result.backend}: max abs diff ${result.diff.toExponential(2)}`);
    expect(result.backend).toBe('wasm');
    expect(result.shape).toEqual([longer.length + 1, 512]);
    expect(result.diff).toBeLessThan(1e-4);
    expect(result.leaked).toBe(0);
  });

  it('USE-lite on webgpu embeds like the original GraphModel (run on wasm: it loses the GPU on webgpu)', async () => {
    const result = await page.evaluate((texts) => window.mlModel.useLiteParity('webgpu', [...texts, 'end'], 'wasm'), short);
    console.log(`USE-lite in Chromium, ${result.backend}: max abs diff ${result.diff.toExponential(2)}`);
    expect(result.backend).toBe('webgpu');
    expect(result.shape).toEqual([short.length + 1, 512]);
    expect(result.diff).toBeLessThan(1e-4);
    expect(result.leaked).toBe(0);
  });

  it.each([
    { norm: 'pre', activation: 'gelu', positions: 'learned', pooling: 'mean' },
    { norm: 'post', activation: 'relu', positions: 'sinusoidal', pooling: 'cls', embeddingWidth: 32 },
  ] as const)('a tiny random encoder gives the same outputs and gradients on webgpu as on wasm (%o)', async (overrides) => {
    const result = await page.evaluate((o) => window.mlModel.encoderParity('webgpu', o), overrides);
    console.log(`encoder webgpu vs wasm ${JSON.stringify(overrides)}: max abs diff ${result.diff.toExponential(2)} (outputs and gradients)`);
    expect(result.diff).toBeLessThan(1e-3);
    expect(result.leaked).toBe(0);
    expect(result.referenceLeaked).toBe(0);
  });
});
