import { describe, expect, it } from 'vitest';
import { createRandom, cumulative } from '../../../src/lib/demo/random';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int, float and pick inside their ranges', () => {
    const r = createRandom(1);
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      const x = r.float(-1, 1);
      expect(x).toBeGreaterThanOrEqual(-1);
      expect(x).toBeLessThan(1);
    }
    const seen = new Set(Array.from({ length: 400 }, () => r.int(0, 3)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    expect(() => r.pick([])).toThrow();
  });

  it('draws weighted items in proportion to their weights', () => {
    const r = createRandom(2);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20000; i++) counts[r.weighted(['a', 'b', 'c'] as const, [1, 3, 0])]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
    const cum = cumulative([1, 0, 3]);
    const hits = [0, 0, 0];
    for (let i = 0; i < 20000; i++) hits[r.fromCumulative(cum)]! += 1;
    expect(hits[1]).toBe(0);
    expect(hits[2]! / hits[0]!).toBeGreaterThan(2.7);
  });

  it('shuffles into a permutation without touching the input', () => {
    const r = createRandom(3);
    const input = Array.from({ length: 50 }, (_, i) => i);
    const out = r.shuffle(input);
    expect(input).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(out).not.toEqual(input);
    expect([...out].sort((a, b) => a - b)).toEqual(input);
  });

  it('samples a normal with the asked mean and spread', () => {
    const r = createRandom(4);
    const xs = Array.from({ length: 20000 }, () => r.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });

  it('derives streams that do not depend on draws already made', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    b.next();
    b.next();
    expect(a.derive('x').next()).toBe(b.derive('x').next());
    expect(a.derive('x').next()).not.toBe(a.derive('y').next());
  });
});
