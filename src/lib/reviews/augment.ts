import { AppError } from '../errors';
import { Rng } from '../ml/train';

// Text augmentation for training a classifier on few labels: each word is dropped with
// probability `rate`, and each remaining pair of neighbours swapped with probability `rate`.
// Small edits that keep the meaning, so the model cannot lean on one exact word or word order.
// Seeded and pure; applied to training texts only (never to validation or test rows).

export interface AugmentConfig {
  rate: number; // chance per word of being dropped, and per adjacent pair of being swapped; 0: off
  copies: number; // augmented copies added per training text (the originals stay)
  seed: number;
}

export const augmentDefaults: AugmentConfig = { rate: 0, copies: 1, seed: 1 };

/** One augmented version of `text` (whitespace-separated words; never empties a text). */
export function augmentText(text: string, rate: number, rng: Rng): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  if (rate <= 0 || words.length < 2) return words.join(' ');
  const kept = words.filter(() => rng.next() >= rate);
  const out = kept.length > 0 ? kept : [words[rng.int(words.length)] as string];
  for (let i = 0; i + 1 < out.length; i++) {
    if (rng.next() < rate) {
      [out[i], out[i + 1]] = [out[i + 1] as string, out[i] as string];
      i++; // a word moves one place at most
    }
  }
  return out.join(' ');
}

/** The texts and targets followed by `copies` augmented copies of each (none when rate is 0). */
export function augmentSet(set: { texts: readonly string[]; targets: ArrayLike<number> }, config: Partial<AugmentConfig> = {}): { texts: string[]; targets: Int32Array } {
  const c = { ...augmentDefaults, ...config };
  if (!(c.rate >= 0 && c.rate < 1)) throw new AppError('input-malformed', `The augmentation rate must be at least 0 and below 1; got ${c.rate}.`, { rate: c.rate });
  const copies = c.rate > 0 ? Math.max(0, Math.floor(c.copies)) : 0;
  const rng = new Rng(c.seed);
  const texts = [...set.texts];
  const targets = Array.from(set.targets);
  for (let copy = 0; copy < copies; copy++) {
    set.texts.forEach((text, i) => {
      texts.push(augmentText(text, c.rate, rng));
      targets.push(set.targets[i] as number);
    });
  }
  return { texts, targets: Int32Array.from(targets) };
}
