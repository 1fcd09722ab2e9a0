import type { ClassifyParams } from './classify';

// The robustness options of the review job, as the page offers them, and what they mean for
// classifyTable: text augmentation of the encoder's training texts, regularisation of the
// fine-tuning (dropout before the head, AdamW weight decay), and an ensemble of seeds. The
// defaults are the plain run (no augmentation, no dropout, decay 0.01, one seed).

export interface RobustnessParams {
  augmentRate: number; // word dropout and adjacent-swap rate of one augmented copy per training text; 0: off
  dropout: number; // dropout on the sentence vector before the head
  weightDecay: number; // AdamW decay on the trained matrices
  seeds: number; // fine-tuning runs averaged (1: a single run)
}

export const robustnessDefaults: RobustnessParams = { augmentRate: 0, dropout: 0, weightDecay: 0.01, seeds: 1 };

/** classifyTable's fine-tuning, augmentation and seeds for `steps` optimizer steps and these options. */
export function robustClassifyParams(steps: number, options: Partial<RobustnessParams> = {}): Pick<ClassifyParams, 'fineTune' | 'augment' | 'seeds'> {
  const r = { ...robustnessDefaults, ...options };
  return {
    fineTune: { steps, ...(r.dropout > 0 && { dropout: r.dropout }), ...(r.weightDecay !== robustnessDefaults.weightDecay && { weightDecay: r.weightDecay }) },
    augment: r.augmentRate > 0 ? { rate: r.augmentRate, copies: 1, seed: 1 } : null,
    seeds: Math.max(1, Math.min(5, Math.floor(r.seeds))),
  };
}
