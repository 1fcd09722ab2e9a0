// The browser side of bench/classify.ts: builds bench/classify.html like the app, serves it, and
// runs the measurement in a fresh worker on the chosen backend in Chromium. The table goes to
// the page as plain columns (structured clone), so the page reads no file.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import type { FusionTable } from '../src/lib/fusion/types';
import type { ClassifyBenchOptions } from './classify-run';

export async function measureInBrowser(table: FusionTable, options: ClassifyBenchOptions, backend: 'webgpu' | 'wasm'): Promise<Record<string, unknown>> {
  if (!existsSync('public/models/use-lite/model.json')) throw new Error('public/models/use-lite/ is missing: run `node scripts/copy-assets.js` first');
  const configFile = 'bench/classify.vite.config.ts';
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const gpuFlags = (process.env['CHROMIUM_GPU_FLAGS'] ?? '--enable-unsafe-webgpu').split(' ').filter(Boolean);
  const userDataDir = mkdtempSync(join(tmpdir(), 'edgefuse-classify-bench-'));
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    ignoreDefaultArgs: true,
    args: ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...gpuFlags, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${address.port}/bench/classify.html`);
    await page.waitForFunction(() => typeof (window as unknown as { runClassifyBench?: unknown }).runClassifyBench === 'function');
    const result = await page.evaluate(
      ([t, o, b]) => (window as unknown as { runClassifyBench: (t: unknown, o: unknown, b: string) => Promise<Record<string, unknown>> }).runClassifyBench(t, o, b),
      [table, options, backend] as const,
    );
    return { ...result, browserVersion: browser.version() };
  } finally {
    await browser.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
