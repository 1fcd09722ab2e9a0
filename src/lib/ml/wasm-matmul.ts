import * as tf from '@tensorflow/tfjs-core';

// tfjs-backend-wasm 4.22 multiplies transposed operands (matMul(a, b, false, true) and
// (a, b, true, false)) in a plain loop instead of XNNPACK: 15–20× slower than transposing
// first and multiplying plainly (752×1536 by 1536×512: 1.9 s against 0.12 s on this machine).
// Every gradient of a matMul is such a product, so fine-tuning on WASM spent ~90% of its time
// there. This wraps the WASM kernel: transposed operands are transposed explicitly (the Transpose
// kernel, then the plain product). The engine still records the original op, so gradients are
// unchanged. Applied wherever WASM starts (ml/backend.ts, the CLI's runtime), so every WASM
// training job gains; the fine-tuning wrapper applies it too for callers that set the backend
// themselves (tests, benches).

let patched = false;

/** Makes WASM's BatchMatMul transpose explicitly. Idempotent; a no-op without the WASM kernel. */
export function speedUpWasmTransposedMatMul(): void {
  if (patched) return;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transposeKernel = tf.getKernel('Transpose', 'wasm');
  if (!original || !transposeKernel) return;
  patched = true;
  const kernelFunc: tf.KernelFunc = (args) => {
    const { inputs, backend, attrs } = args as { inputs: { a: tf.TensorInfo; b: tf.TensorInfo }; backend: tf.KernelBackend; attrs: { transposeA: boolean; transposeB: boolean } };
    if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
    const lastTwo = (x: tf.TensorInfo) => [...x.shape.keys()].map((i, _, all) => (i < all.length - 2 ? i : i === all.length - 2 ? all.length - 1 : all.length - 2)); // [..., m, n] -> [..., n, m]
    const flip = (x: tf.TensorInfo) => transposeKernel.kernelFunc({ inputs: { x }, backend, attrs: { perm: lastTwo(x) } }) as tf.TensorInfo;
    const a = attrs.transposeA ? flip(inputs.a) : inputs.a;
    const b = attrs.transposeB ? flip(inputs.b) : inputs.b;
    const out = original.kernelFunc({ inputs: { a, b }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    if (a !== inputs.a) backend.disposeData(a.dataId);
    if (b !== inputs.b) backend.disposeData(b.dataId);
    return out;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}
