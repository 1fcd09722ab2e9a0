// AdamW for an embedding table held in a Float32Array, updating only the rows a batch touched
// ("lazy" Adam, as TensorFlow's LazyAdam and PyTorch's SparseAdam): the same formulas as
// ml/train's AdamW, with the step count t shared by all rows. A dense update would touch every
// row of a 100k-item catalogue at every step, for rows whose gradient is zero.
//
//   m ← β1·m + (1 − β1)·g    v ← β2·v + (1 − β2)·g²    p ← p − lr·( m̂ / (√v̂ + ε) + λ·p )

export interface RowAdamWConfig {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
}

export interface RowAdamW {
  /**
   * One update. `rows[n]` lists the table rows of a gathered tensor, `grads[n]` its gradient
   * [rows.length, width]; a row gathered several times gets the sum. Row 0 (padding) is frozen.
   */
  apply(rows: readonly Int32Array[], grads: readonly Float32Array[]): void;
}

export function createRowAdamW(table: Float32Array, width: number, config: RowAdamWConfig): RowAdamW {
  const m = new Float32Array(table.length);
  const v = new Float32Array(table.length);
  const tableRows = table.length / width;
  const slotOf = new Int32Array(tableRows).fill(-1);
  let sum = new Float32Array(0);
  let step = 0;
  return {
    apply(rows, grads) {
      step++;
      const touched: number[] = [];
      const total = rows.reduce((n, r) => n + r.length, 0);
      if (sum.length < total * width) sum = new Float32Array(total * width);
      rows.forEach((ids, n) => {
        const g = grads[n]!;
        for (let k = 0; k < ids.length; k++) {
          const row = ids[k]!;
          if (row === 0) continue;
          let slot = slotOf[row]!;
          if (slot < 0) {
            slot = slotOf[row] = touched.length;
            touched.push(row);
            sum.fill(0, slot * width, slot * width + width);
          }
          for (let c = 0; c < width; c++) sum[slot * width + c]! += g[k * width + c]!;
        }
      });
      const { lr, beta1, beta2, epsilon, weightDecay } = config;
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      touched.forEach((row, slot) => {
        slotOf[row] = -1;
        for (let c = 0; c < width; c++) {
          const at = row * width + c;
          const g = sum[slot * width + c]!;
          m[at] = beta1 * m[at]! + (1 - beta1) * g;
          v[at] = beta2 * v[at]! + (1 - beta2) * g * g;
          table[at] = table[at]! * (1 - lr * weightDecay) - (lr * (m[at]! / c1)) / (Math.sqrt(v[at]! / c2) + epsilon);
        }
      });
    },
  };
}
