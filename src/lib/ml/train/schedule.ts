// The learning-rate schedule as a pure function of the step (nanoGPT's get_lr): linear warmup
// from 0 to `lr`, then linear or cosine decay to `minLr` at `steps`. No state, so a resumed run
// gets the same rate at the same step.

export const decays = ['linear', 'cosine'] as const;
export type Decay = (typeof decays)[number];

export interface Schedule {
  /** Peak learning rate, reached at the end of warmup. */
  lr: number;
  /** Floor of the decay, reached at `steps`. */
  minLr: number;
  /** Steps of linear warmup: step s < warmup gets lr · (s + 1) / warmup. */
  warmup: number;
  /** Total steps; the decay ends here. */
  steps: number;
  decay: Decay;
}

export function lrAt(step: number, { lr, minLr, warmup, steps, decay }: Schedule): number {
  if (step < warmup) return (lr * (step + 1)) / warmup;
  if (step >= steps) return minLr;
  const progress = (step - warmup) / Math.max(1, steps - warmup); // 0 -> 1
  const coefficient = decay === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress; // 1 -> 0
  return minLr + coefficient * (lr - minLr);
}
