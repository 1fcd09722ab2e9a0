// Linkage benchmark in real Chromium: n x n generated person records with realistic corruption
// (bench/generate-link-records.ts), linked in a worker by the app's entity-resolution code.
//   npx tsx bench/link-browser.ts [n=100000]
// Prints records/s, pairs compared, peak memory (page and workers) and F1 against the truth.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const n = Number(process.argv[2] ?? 100_000);
const configFile = 'bench/link.vite.config.ts';
await build({ configFile, logLevel: 'warn' });
const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('no port');
const userDataDir = mkdtempSync(join(tmpdir(), 'edgefuse-link-bench-'));
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  ignoreDefaultArgs: true,
  args: ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--enable-blink-features=ForceEagerMeasureMemory', `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${address.port}/bench/link.html?n=${n}`);
  await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult, null, { timeout: 1_800_000, polling: 500 });
  const result = await page.evaluate(() => (window as unknown as { benchResult: Record<string, unknown> }).benchResult);
  if ('error' in result) throw new Error(String(result['error']));
  console.log(JSON.stringify({ command: `npx tsx bench/link-browser.ts ${n}`, ...result }));
} finally {
  await browser.close();
  await server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
