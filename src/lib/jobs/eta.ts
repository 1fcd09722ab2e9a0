// Remaining-time estimate from (time, done) samples. The rate is measured over a sliding
// window of recent samples rather than since the start, so a job whose speed changes (a slow
// first chunk while caches warm, a GPU that throttles) converges to its current pace.

export interface ProgressSample {
  atMs: number;
  done: number;
}

export const etaWindowMs = 10_000;

/** Milliseconds left, or null while there is too little evidence to say. */
export function estimateEtaMs(samples: readonly ProgressSample[], total: number): number | null {
  const last = samples.at(-1);
  if (!last || total <= 0) return null;
  if (last.done >= total) return 0;
  const first = samples.find((s) => s.atMs >= last.atMs - etaWindowMs) ?? samples[0]!;
  const elapsedMs = last.atMs - first.atMs;
  const progressed = last.done - first.done;
  if (elapsedMs < 200 || progressed <= 0) return null;
  return Math.round(((total - last.done) * elapsedMs) / progressed);
}

/** Keeps the samples an estimate needs and no more. */
export function pushSample(samples: ProgressSample[], sample: ProgressSample): void {
  samples.push(sample);
  while (samples.length > 2 && samples[1]!.atMs < sample.atMs - etaWindowMs) samples.shift();
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
