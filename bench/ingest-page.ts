// The page side of bench/ingest-browser.ts. Timing starts at the file input's change event
// ("file pick") and stops when the rows are persisted and a page of them has been read back.
import { wrap } from '../src/lib/jobs/rpc';
import type { IngestApi } from '../src/lib/ingest';
import { createWorkspace, openDb, readRows } from '../src/lib/store';

interface BenchWorker {
  rawParse(file: File): Promise<number>;
  naiveStore(file: File): Promise<number>;
}

const input = document.getElementById('file') as HTMLInputElement;
const mode = document.getElementById('mode') as HTMLSelectElement;
const out = document.getElementById('out')!;

/** Peak memory of this page and its workers, sampled while a run goes on. */
function sampleMemory(): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const measure = (performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }).measureUserAgentSpecificMemory;
  const loop = (async () => {
    while (running && measure) {
      const { bytes } = await measure.call(performance);
      peak = Math.max(peak, bytes);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function run(file: File): Promise<Record<string, unknown>> {
  const started = performance.now();
  const memory = sampleMemory();
  let rows = 0;
  let extra: Record<string, number> = {};
  if (mode.value === 'edgefuse') {
    const ingest = wrap<IngestApi>(new Worker(new URL('../workers/ingest.worker.ts', import.meta.url), { type: 'module' }));
    const db = openDb();
    const workspace = await createWorkspace(db, `bench ${new Date().toISOString()}`);
    const outcome = await ingest.importFiles(workspace.id, [file], {}, {});
    if (outcome.status !== 'done') throw new Error('import did not finish');
    const table = outcome.result.tables[0]!;
    rows = table.rows;
    await readRows(db, table.sourceId, 0, 50);
    // Not part of "persisted and queryable": the follow-up quality pass, timed on its own.
    const persistedMs = performance.now();
    await ingest.reprofile(table.sourceId, {});
    extra = { qualityCheckSeconds: (performance.now() - persistedMs) / 1000 };
    const seconds = (persistedMs - started) / 1000;
    const peakBytes = await memory.stop();
    return { mode: mode.value, rows, seconds, rowsPerSecond: rows / seconds, mbPerSecond: file.size / 1e6 / seconds, peakHeapMB: peakBytes / 1e6, ...extra };
  } else {
    const worker = wrap<BenchWorker>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));
    rows = mode.value === 'raw-parse' ? await worker.rawParse(file) : await worker.naiveStore(file);
  }
  const seconds = (performance.now() - started) / 1000;
  const peakBytes = await memory.stop();
  return { mode: mode.value, rows, seconds, rowsPerSecond: rows / seconds, mbPerSecond: file.size / 1e6 / seconds, peakHeapMB: peakBytes / 1e6 };
}

input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (!file) return;
  void run(file).then(
    (result) => {
      out.textContent = JSON.stringify(result);
      (window as unknown as { benchResult: unknown }).benchResult = result;
    },
    (error: unknown) => {
      (window as unknown as { benchResult: unknown }).benchResult = { error: String(error) };
    },
  );
});
