import { describe, expect, it } from 'vitest';
import { keyHash, minHashSketch, sketchContainment, sketchHolds } from '../../../../src/lib/fusion/relate';

const form = { normalised: false, idPrefix: null };

/** Hashes of `id-<start>` .. `id-<end - 1>`. */
function idHashes(start: number, end: number): Uint32Array {
  const hashes = new Uint32Array(end - start);
  for (let i = start; i < end; i++) hashes[i - start] = keyHash(`id-${i}`, form);
  return hashes;
}

describe('MinHash containment', () => {
  it('estimates containment within a few percent on 100k values, against the exact answer', () => {
    // A = 0..99,999; B holds 60% of A plus 100k others, so |A ∩ B| / |A| = 0.6 exactly.
    const a = minHashSketch(idHashes(0, 100_000));
    const b = minHashSketch(new Uint32Array([...idHashes(40_000, 100_000), ...idHashes(500_000, 600_000)]));
    expect(a.complete).toBe(false);
    expect(a.distinct).toBe(100_000);
    const estimate = sketchContainment(a, b);
    expect(estimate.exact).toBe(false);
    expect(estimate.samples).toBeGreaterThan(500);
    expect(Math.abs(estimate.containment - 0.6)).toBeLessThan(0.04);
    // And the other way round: |A ∩ B| / |B| = 60k / 160k.
    expect(Math.abs(sketchContainment(b, a).containment - 0.375)).toBeLessThan(0.04);
  });

  it('is exact when both sets fit the exact limit', () => {
    const a = minHashSketch(idHashes(0, 1000), 64, 50_000);
    const b = minHashSketch(idHashes(250, 5000), 64, 50_000);
    expect(a.complete && b.complete).toBe(true);
    expect(sketchContainment(a, b)).toEqual({ containment: 0.75, samples: 1000, exact: true });
  });

  it('probes a sketched set against a complete one with every sampled hash', () => {
    const a = minHashSketch(idHashes(0, 100_000), 1024);
    const b = minHashSketch(idHashes(0, 30_000), 1024, 50_000);
    const estimate = sketchContainment(a, b);
    expect(estimate.samples).toBe(1024);
    expect(Math.abs(estimate.containment - 0.3)).toBeLessThan(0.05);
  });

  it('counts repeats once and answers membership only where it covers', () => {
    const sketch = minHashSketch(new Uint32Array([5, 3, 3, 9, 1, 7]), 3);
    expect([...sketch.hashes]).toEqual([1, 3, 5]);
    expect(sketch.distinct).toBe(5);
    expect(sketchHolds(sketch, 3)).toBe(true);
    expect(sketchHolds(sketch, 4)).toBe(false);
    expect(sketchHolds(sketch, 9)).toBeNull();
  });
});
