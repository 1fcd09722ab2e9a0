// Ingest benchmark in real Chromium: from file pick to persisted-and-queryable, against
// (a) the raw parse alone and (b) a naive one-Dexie-record-per-row store, on the same file.
//   npx tsx bench/ingest-browser.ts [rows=1000000] [modes=raw-parse,edgefuse,naive]
// Prints one JSON line per mode and a summary with the ratios the issue asks for.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const rows = Number(process.argv[2] ?? 1_000_000);
const modes = (process.argv[3] ?? 'raw-parse,edgefuse,naive').split(',');
const csv = `.bench-out/orders-${rows}.csv`;
mkdirSync('.bench-out', { recursive: true });
if (!existsSync(csv)) execFileSync('npx', ['tsx', 'bench/generate-csv.ts', String(rows), csv], { stdio: 'inherit' });

// Built like the app (bench/vite.config.ts), served by the same preview server as `npm start`.
const configFile = 'bench/vite.config.ts';
await build({ configFile, logLevel: 'warn' });
const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('no port');
const base = `http://127.0.0.1:${address.port}`;

const userDataDir = mkdtempSync(join(tmpdir(), 'edgefuse-bench-'));
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  ignoreDefaultArgs: true,
  args: ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--enable-unsafe-webgpu', '--enable-blink-features=ForceEagerMeasureMemory', `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'],
});
const results: Record<string, { rowsPerSecond: number; mbPerSecond: number; seconds: number; peakHeapMB: number; rows: number }> = {};
try {
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
} finally {
  await browser.close();
  await server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
const ours = results['edgefuse'];
if (ours && results['naive'] && results['raw-parse']) console.log(JSON.stringify({
  command: `npx tsx bench/ingest-browser.ts ${rows}`,
  rows,
  fileMB: Math.round((ours.mbPerSecond * ours.seconds) * 10) / 10,
  speedupOverNaive: ours.rowsPerSecond / results['naive']!.rowsPerSecond,
  fractionOfRawParse: ours.rowsPerSecond / results['raw-parse']!.rowsPerSecond,
}));
