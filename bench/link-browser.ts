// Linkage benchmark in real Chromium: n x n generated person records with realistic corruption
// (bench/generate-link-records.ts), linked in a worker by the app's entity-resolution code.
//   npx tsx bench/link-browser.ts [n=100000]
// Prints records/s, pairs compared, peak memory (page and workers) and F1 against the truth.
import { eagerMemoryFlag, withBenchBrowser } from './bench-browser';

const n = Number(process.argv[2] ?? 100_000);
await withBenchBrowser('bench/link.vite.config.ts', [eagerMemoryFlag], async (browser, base) => {
  const page = await browser.newPage();
  await page.goto(`${base}/bench/link.html?n=${n}`);
  await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult, null, { timeout: 1_800_000, polling: 500 });
  const result = await page.evaluate(() => (window as unknown as { benchResult: Record<string, unknown> }).benchResult);
  if ('error' in result) throw new Error(String(result['error']));
  console.log(JSON.stringify({ command: `npx tsx bench/link-browser.ts ${n}`, ...result }));
});
