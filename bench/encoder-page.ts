// The page side of bench/encoder-browser.ts: one fresh worker per backend (so each starts
// clean), the figures left on window.benchResult.
import { wrap } from '../src/lib/jobs/rpc';
import type { BenchOptions } from './encoder-texts';

interface EncoderBenchWorker {
  run(backend: string, options: BenchOptions): Promise<Record<string, unknown>[]>;
}

const params = new URLSearchParams(location.search);
const backends = (params.get('backends') ?? 'webgpu,wasm').split(',');
const options = JSON.parse(params.get('options') ?? '{}') as BenchOptions;

async function main(): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  for (const backend of backends) {
    const raw = new Worker(new URL('./encoder.worker.ts', import.meta.url), { type: 'module' });
    try {
      lines.push(...(await wrap<EncoderBenchWorker>(raw).run(backend, options)));
    } catch (error) {
      lines.push({ measure: 'failed', requested: backend, error: String(error) });
    } finally {
      raw.terminate();
    }
    document.getElementById('out')!.textContent = lines.map((line) => JSON.stringify(line)).join('\n');
  }
  return lines;
}

main().then(
  (lines) => ((window as unknown as { benchResult: unknown }).benchResult = { lines, crossOriginIsolated: self.crossOriginIsolated, userAgent: navigator.userAgent }),
  (error: unknown) => ((window as unknown as { benchResult: unknown }).benchResult = { error: String(error) }),
);
