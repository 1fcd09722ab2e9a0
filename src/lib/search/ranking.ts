// A ranking is what every retriever returns: catalogue rows best first, with their scores,
// as two parallel typed arrays.

export interface Ranking {
  /** Catalogue rows, best first. */
  rows: Int32Array;
  /** The retriever's score of each row; higher is better. Scales differ between retrievers. */
  scores: Float32Array;
}

export const emptyRanking = (): Ranking => ({ rows: new Int32Array(0), scores: new Float32Array(0) });

/** Whether (score a, row a) ranks above (score b, row b): higher score, then lower row, so ties break the same way every time. */
const above = (sa: number, ra: number, sb: number, rb: number) => sa > sb || (sa === sb && ra < rb);

/**
 * The `k` best rows of `scores` (one score per row), best first. A min-heap of the k best so
 * far: O(n log k), no sort of the whole array.
 */
export function topRows(scores: Float32Array, k: number): Ranking {
  const size = Math.min(k, scores.length);
  const heapRows = new Int32Array(size);
  const heapScores = new Float32Array(size);
  let filled = 0;
  // heap[0] is the worst of the kept rows; a row enters only if it beats that one.
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < filled && above(heapScores[worst] as number, heapRows[worst] as number, heapScores[l] as number, heapRows[l] as number)) worst = l;
      if (r < filled && above(heapScores[worst] as number, heapRows[worst] as number, heapScores[r] as number, heapRows[r] as number)) worst = r;
      if (worst === i) return;
      [heapRows[i], heapRows[worst]] = [heapRows[worst] as number, heapRows[i] as number];
      [heapScores[i], heapScores[worst]] = [heapScores[worst] as number, heapScores[i] as number];
      i = worst;
    }
  };
  for (let row = 0; row < scores.length; row++) {
    const s = scores[row] as number;
    if (filled < size) {
      // Sift up.
      let i = filled++;
      heapRows[i] = row;
      heapScores[i] = s;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!above(heapScores[parent] as number, heapRows[parent] as number, heapScores[i] as number, heapRows[i] as number)) break;
        [heapRows[i], heapRows[parent]] = [heapRows[parent] as number, heapRows[i] as number];
        [heapScores[i], heapScores[parent]] = [heapScores[parent] as number, heapScores[i] as number];
        i = parent;
      }
    } else if (size > 0 && above(s, row, heapScores[0] as number, heapRows[0] as number)) {
      heapRows[0] = row;
      heapScores[0] = s;
      siftDown(0);
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => (above(heapScores[a] as number, heapRows[a] as number, heapScores[b] as number, heapRows[b] as number) ? -1 : 1));
  return { rows: Int32Array.from(order, (i) => heapRows[i] as number), scores: Float32Array.from(order, (i) => heapScores[i] as number) };
}
