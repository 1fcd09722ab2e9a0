// The reference oracle for fp-growth.ts, micrograd-style: level-wise Apriori on plain sets,
// counting every candidate by scanning every basket. Slow and obvious.

export function aprioriItemsets(baskets: readonly number[][], minCount: number, maxSize: number): Map<string, number> {
  const sets = baskets.map((b) => new Set(b));
  const countOf = (items: readonly number[]) => sets.filter((s) => items.every((i) => s.has(i))).length;
  const out = new Map<string, number>();
  let level = [...new Set(baskets.flat())].sort((a, b) => a - b).map((i) => [i]).filter((c) => countOf(c) >= minCount);
  for (let size = 1; level.length > 0 && size <= maxSize; size++) {
    for (const c of level) out.set(c.join(','), countOf(c));
    // Join two frequent k-sets sharing their first k−1 items; keep the candidate if frequent.
    const next = new Map<string, number[]>();
    for (const a of level) for (const b of level) {
      if (a.slice(0, -1).join(',') !== b.slice(0, -1).join(',') || (a.at(-1) as number) >= (b.at(-1) as number)) continue;
      const candidate = [...a, b.at(-1) as number];
      if (countOf(candidate) >= minCount) next.set(candidate.join(','), candidate);
    }
    level = [...next.values()];
  }
  return out;
}
