import { describe, expect, it } from 'vitest';
import { StratifiedSample } from '../../../src/lib/profile/stratified-sample';

describe('StratifiedSample', () => {
  it('takes exactly one cell in each run of k, each place about equally often', () => {
    const k = 4;
    const sample = new StratifiedSample(k, 9);
    const perRun = new Map<number, number>();
    const perPlace = new Array<number>(k).fill(0);
    for (let i = 0; i < 40_000; i++) {
      if (!sample.take()) continue;
      perRun.set(Math.floor(i / k), (perRun.get(Math.floor(i / k)) ?? 0) + 1);
      perPlace[i % k]!++;
    }
    expect(perRun.size).toBe(10_000);
    expect([...perRun.values()].every((n) => n === 1)).toBe(true);
    for (const n of perPlace) expect(Math.abs(n / 2_500 - 1)).toBeLessThan(0.1);
  });

  it('does not line up with a column that repeats with the stride', () => {
    // Every 4th cell is special: a fixed stride takes all of them or none.
    const sample = new StratifiedSample(4, 3);
    let special = 0;
    for (let i = 0; i < 40_000; i++) if (sample.take() && i % 4 === 1) special++;
    expect(Math.abs((special * 4) / 10_000 - 1)).toBeLessThan(0.1);
  });
});
