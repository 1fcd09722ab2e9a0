// Random-hyperplane LSH (Charikar 2002) for caller-supplied embeddings: each bit says on which
// side of a random hyperplane a vector lies, so two vectors at angle θ agree on a bit with
// probability 1 - θ/π. Bits are grouped into bands; rows sharing any whole band are candidates.
import { seededRandom } from './random';

/** bands * bitsPerBand Gaussian hyperplanes of `dims` numbers each, from a seed. */
export function randomHyperplanes(count: number, dims: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(count * dims);
  for (let k = 0; k < out.length; k += 2) {
    // Box-Muller: two normal draws from two uniform ones.
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    out[k] = r * Math.cos(angle);
    if (k + 1 < out.length) out[k + 1] = r * Math.sin(angle);
  }
  return out;
}

/** One key per band: "band:bits". */
export function bandKeys(vector: Float32Array, hyperplanes: Float32Array, bands: number, bitsPerBand: number): string[] {
  const dims = vector.length;
  const keys: string[] = [];
  for (let band = 0; band < bands; band++) {
    let bits = 0;
    for (let bit = 0; bit < bitsPerBand; bit++) {
      const offset = (band * bitsPerBand + bit) * dims;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += vector[d]! * hyperplanes[offset + d]!;
      if (dot >= 0) bits |= 1 << bit;
    }
    keys.push(`${band}:${bits}`);
  }
  return keys;
}
