import { logLoss } from './logistic-regression';

// The fine-tuned encoder and the TF-IDF baseline err on different texts (meaning against exact
// words), so their average often beats both. The weight is chosen on the validation rows, by log
// loss, from a coarse grid; the held-out test rows never take part in the choice.

/** w·a + (1 − w)·b, row-major [N, K]. */
export function blendProbabilities(a: ArrayLike<number>, b: ArrayLike<number>, weight: number): Float32Array {
  return Float32Array.from({ length: a.length }, (_, i) => weight * (a[i] as number) + (1 - weight) * (b[i] as number));
}

/** The weight of `a` in 0, 0.1, …, 1 with the lowest validation log loss (ties: the smaller weight). */
export function chooseBlendWeight(a: ArrayLike<number>, b: ArrayLike<number>, targets: ArrayLike<number>, classCount: number): { weight: number; loss: number } {
  let best = { weight: 0, loss: Infinity };
  for (let step = 0; step <= 10; step++) {
    const weight = step / 10;
    const loss = logLoss(blendProbabilities(a, b, weight), targets, classCount);
    if (loss < best.loss - 1e-12) best = { weight, loss };
  }
  return best;
}
