// The browser side of bench/classify.ts: builds bench/classify.html like the app, serves it, and
// runs the measurement in a fresh worker on the chosen backend in Chromium. The table goes to
// the page as plain columns (structured clone), so the page reads no file.
import { existsSync } from 'node:fs';
import type { FusionTable } from '../src/lib/fusion/types';
import { gpuFlags, withBenchBrowser } from './bench-browser';
import type { ClassifyBenchOptions } from './classify-run';

export async function measureInBrowser(table: FusionTable, options: ClassifyBenchOptions, backend: 'webgpu' | 'wasm'): Promise<Record<string, unknown>> {
  if (!existsSync('public/models/use-lite/model.json')) throw new Error('public/models/use-lite/ is missing: run `node scripts/copy-assets.js` first');
  return withBenchBrowser('bench/classify.vite.config.ts', gpuFlags(), async (browser, base) => {
    const page = await browser.newPage();
    await page.goto(`${base}/bench/classify.html`);
    await page.waitForFunction(() => typeof (window as unknown as { runClassifyBench?: unknown }).runClassifyBench === 'function');
    const result = await page.evaluate(
      ([t, o, b]) => (window as unknown as { runClassifyBench: (t: unknown, o: unknown, b: string) => Promise<Record<string, unknown>> }).runClassifyBench(t, o, b),
      [table, options, backend] as const,
    );
    return { ...result, browserVersion: browser.version() };
  });
}
