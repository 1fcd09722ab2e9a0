// Ingest benchmark in real Chromium: from file pick to persisted-and-queryable, against
// (a) the raw parse alone and (b) a naive one-Dexie-record-per-row store, on the same file.
//   npx tsx bench/ingest-browser.ts [rows=1000000] [modes=raw-parse,edgefuse,naive]
// Prints one JSON line per mode and a summary with the ratios the issue asks for.
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { eagerMemoryFlag, withBenchBrowser } from './bench-browser';

const rows = Number(process.argv[2] ?? 1_000_000);
const modes = (process.argv[3] ?? 'raw-parse,edgefuse,naive').split(',');
const csv = `.bench-out/orders-${rows}.csv`;
mkdirSync('.bench-out', { recursive: true });
if (!existsSync(csv)) execFileSync('npx', ['tsx', 'bench/generate-csv.ts', String(rows), csv], { stdio: 'inherit' });

// Built like the app (bench/vite.config.ts), served by the same preview server as `npm start`.
const results: Record<string, { rowsPerSecond: number; mbPerSecond: number; seconds: number; peakHeapMB: number; rows: number }> = {};
await withBenchBrowser('bench/vite.config.ts', ['--enable-unsafe-webgpu', eagerMemoryFlag], async (browser, base) => {
  for (const mode of modes) {
    const page = await browser.newPage();
    await page.goto(`${base}/bench/ingest.html`);
    await page.selectOption('#mode', mode);
    await page.setInputFiles('#file', csv);
    await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult, null, { timeout: 1_800_000, polling: 500 });
    const result = await page.evaluate(() => (window as unknown as { benchResult: Record<string, unknown> }).benchResult);
    if ('error' in result) throw new Error(`${mode}: ${String(result['error'])}`);
    console.log(JSON.stringify(result));
    results[mode] = result as (typeof results)[string];
    await page.close();
  }
});
const ours = results['edgefuse'];
if (ours && results['naive'] && results['raw-parse']) console.log(JSON.stringify({
  command: `npx tsx bench/ingest-browser.ts ${rows}`,
  rows,
  fileMB: Math.round((ours.mbPerSecond * ours.seconds) * 10) / 10,
  speedupOverNaive: ours.rowsPerSecond / results['naive']!.rowsPerSecond,
  fractionOfRawParse: ours.rowsPerSecond / results['raw-parse']!.rowsPerSecond,
}));
