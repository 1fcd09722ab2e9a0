// The page side of bench/link-browser.ts: runs the linkage in a worker, samples the memory of
// page and workers while it runs, and leaves the figures on window.benchResult.
import { wrap } from '../src/lib/jobs/rpc';

interface LinkBenchWorker {
  run(n: number): Promise<Record<string, number>>;
}

const n = Number(new URLSearchParams(location.search).get('n') ?? 100_000);
const measure = (performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }).measureUserAgentSpecificMemory;
let peak = 0;
let running = true;
const sampling = (async () => {
  while (running && measure) {
    peak = Math.max(peak, (await measure.call(performance)).bytes);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
})();

const worker = wrap<LinkBenchWorker>(new Worker(new URL('./link.worker.ts', import.meta.url), { type: 'module' }));
worker.run(n).then(
  async (figures) => {
    running = false;
    await sampling;
    const result = { ...figures, peakMemoryMB: peak / 1e6 };
    document.getElementById('out')!.textContent = JSON.stringify(result);
    (window as unknown as { benchResult: unknown }).benchResult = result;
  },
  (error: unknown) => {
    (window as unknown as { benchResult: unknown }).benchResult = { error: String(error) };
  },
);
