import { cholesky, choleskySolve } from './linalg';
import { normalArray, type Random } from './random';
import type { ItemText } from './types';

// Text-aware item vectors (cold start). A linear map P [D, k] takes an item's text vector t
// (USE-lite, D = 512) to the factor space. Factor models start every item with text at tᵀP0
// (P0 a random projection, so items with similar text start close), pull each item's factors
// towards tᵀP while training, and refit P by ridge regression from the warm items' text to
// their learned factors:   P = (TᵀT + ρI)⁻¹ Tᵀ Y   over items with text and interactions.
// An item nobody interacted with gets exactly tᵀP: its vector comes from its text alone.

export interface TextRidge {
  /** Items that train the map (text and at least one interaction). */
  rows: Int32Array;
  /** Cholesky factor of TᵀT + ρI [D, D], computed once. */
  factor: Float64Array;
}

export function textRidge(text: ItemText, warm: Uint8Array, ridge: number): TextRidge {
  const D = text.width;
  const rows = Int32Array.from(warm.keys()).filter((i) => warm[i] === 1 && text.has[i] === 1);
  const a = new Float64Array(D * D);
  for (const i of rows) {
    const o = i * D;
    for (let p = 0; p < D; p++) {
      const tp = text.vectors[o + p]!;
      if (tp === 0) continue;
      for (let q = p; q < D; q++) a[p * D + q]! += tp * text.vectors[o + q]!;
    }
  }
  for (let p = 0; p < D; p++) {
    a[p * D + p]! += ridge;
    for (let q = 0; q < p; q++) a[p * D + q] = a[q * D + p]!;
  }
  cholesky(a, D);
  return { rows, factor: a };
}

/** P [D, k] fitted to the factors of the ridge's rows. */
export function fitTextMap(ridge: TextRidge, text: ItemText, factors: Float32Array, k: number): Float64Array {
  const D = text.width;
  const map = new Float64Array(D * k);
  const column = new Float64Array(D);
  for (let c = 0; c < k; c++) {
    column.fill(0);
    for (const i of ridge.rows) {
      const y = factors[i * k + c]!;
      for (let p = 0; p < D; p++) column[p]! += text.vectors[i * D + p]! * y;
    }
    choleskySolve(ridge.factor, D, column);
    for (let p = 0; p < D; p++) map[p * k + c] = column[p]!;
  }
  return map;
}

/** A random projection [D, k] whose images have entries of about `std`: the first P. */
export function randomTextMap(text: ItemText, k: number, std: number, random: Random): Float64Array {
  return Float64Array.from(normalArray(text.width * k, std, random));
}

/** tᵀP of item `item` into `out` [k]. */
export function projectText(text: ItemText, map: Float64Array, item: number, k: number, out: Float32Array | Float64Array, outOffset = 0): void {
  const D = text.width;
  for (let c = 0; c < k; c++) out[outOffset + c] = 0;
  for (let p = 0; p < D; p++) {
    const t = text.vectors[item * D + p]!;
    if (t === 0) continue;
    for (let c = 0; c < k; c++) out[outOffset + c]! += t * map[p * k + c]!;
  }
}

/** Cosine of two items' text vectors (USE-lite vectors are unit length). */
export function textCosine(text: ItemText, a: number, b: number): number {
  const D = text.width;
  let s = 0;
  for (let p = 0; p < D; p++) s += text.vectors[a * D + p]! * text.vectors[b * D + p]!;
  return s;
}
