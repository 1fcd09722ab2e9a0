// A seeded uniform generator (mulberry32), so random-pair sampling and LSH hyperplanes repeat
// exactly between runs and between a full run and an incremental one. The profile domain has
// its own, but does not export it.

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
