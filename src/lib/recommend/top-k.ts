// Top-k selection over a dense score array with a size-k min-heap: O(n log k), no sort of the
// catalogue. Items scored -Infinity (the user's own items, non-candidates) are never returned.
// Ties go to the lower item index, so lists are deterministic.

/** Indices of the k best scores, best first. */
export function topK(scores: Float32Array, k: number): Int32Array {
  const heapItem = new Int32Array(k);
  const heapScore = new Float32Array(k);
  let size = 0;
  // "a worse than b": lower score, or equal score and higher index.
  const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
  const siftDown = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let m = at;
      if (l < size && worse(heapScore[l]!, heapItem[l]!, heapScore[m]!, heapItem[m]!)) m = l;
      if (r < size && worse(heapScore[r]!, heapItem[r]!, heapScore[m]!, heapItem[m]!)) m = r;
      if (m === at) return;
      [heapScore[at], heapScore[m]] = [heapScore[m]!, heapScore[at]!];
      [heapItem[at], heapItem[m]] = [heapItem[m]!, heapItem[at]!];
      at = m;
    }
  };
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s === -Infinity) continue;
    if (size < k) {
      let at = size++;
      heapScore[at] = s;
      heapItem[at] = i;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(heapScore[at]!, heapItem[at]!, heapScore[parent]!, heapItem[parent]!)) break;
        [heapScore[at], heapScore[parent]] = [heapScore[parent]!, heapScore[at]!];
        [heapItem[at], heapItem[parent]] = [heapItem[parent]!, heapItem[at]!];
        at = parent;
      }
    } else if (worse(heapScore[0]!, heapItem[0]!, s, i)) {
      heapScore[0] = s;
      heapItem[0] = i;
      siftDown(0);
    }
  }
  const out = new Int32Array(size);
  for (let n = size - 1; n >= 0; n--) {
    out[n] = heapItem[0]!;
    heapScore[0] = heapScore[n]!;
    heapItem[0] = heapItem[n]!;
    size = n;
    siftDown(0);
  }
  return out;
}
