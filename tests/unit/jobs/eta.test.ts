import { describe, expect, it } from 'vitest';
import { estimateEtaMs, formatDuration, pushSample, type ProgressSample } from '../../../src/lib/jobs';

describe('ETA', () => {
  it('is null without evidence, then extrapolates the recent rate', () => {
    expect(estimateEtaMs([], 100)).toBeNull();
    expect(estimateEtaMs([{ atMs: 0, done: 0 }], 100)).toBeNull();
    // 10 units per second for 2 s -> 80 units left take 8 s.
    const samples: ProgressSample[] = [];
    for (let t = 0; t <= 2000; t += 500) pushSample(samples, { atMs: t, done: t / 100 });
    expect(estimateEtaMs(samples, 100)).toBe(8000);
    expect(estimateEtaMs([...samples, { atMs: 2500, done: 100 }], 100)).toBe(0);
  });

  it('follows a change of pace within the window', () => {
    const samples: ProgressSample[] = [];
    // Slow for 20 s (1/s), then fast for 10 s (10/s): the estimate uses the fast pace.
    for (let t = 0; t <= 20_000; t += 1000) pushSample(samples, { atMs: t, done: t / 1000 });
    for (let t = 21_000; t <= 30_000; t += 1000) pushSample(samples, { atMs: t, done: 20 + ((t - 20_000) / 1000) * 10 });
    const eta = estimateEtaMs(samples, 1000)!;
    expect(eta).toBeGreaterThan(70_000);
    expect(eta).toBeLessThan(100_000);
    expect(samples.length).toBeLessThanOrEqual(12);
  });

  it('formats durations', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_700_000)).toBe('1h 01m');
  });
});
