// What a trained model says about itself: the registry shows it, exports carry it, and a
// model without one cannot be told apart from another. Plain JSON.

export const modelTasks = ['embedding', 'mlm', 'classification', 'regression', 'pair', 'adapter', 'sentiment'] as const;
export type ModelTask = (typeof modelTasks)[number];

export interface ModelCard {
  task: ModelTask;
  /** What it was trained from: a registry id or a named pretrained model ("use-lite"); null from scratch. */
  base: string | null;
  /** The encoder's config (and a head's), as the trainer recorded it. */
  config: Record<string, unknown>;
  /** The tokenizer, serialised (a trained BPE or character vocabulary), or a name ("use-lite"). */
  tokenizer: unknown;
  /** The data it learned from: names only, never rows. */
  data: { sources: string[]; textColumn: string | null; labelColumn: string | null; rows: number; trainRows: number; validationRows: number };
  /** Final and best figures: loss, accuracy, RMSE... */
  metrics: Record<string, number>;
  /** Labels of a classification head, in output order. */
  labels: string[] | null;
  lora: { rank: number; alpha: number } | null;
  backend: string;
  steps: number;
  trainedAt: number;
}

/** Models that fine-tuning can start from: encoders (added, pretrained, adapted), not task models. */
export function isBaseCandidate(card: Pick<ModelCard, 'task'>): boolean {
  return card.task === 'embedding' || card.task === 'mlm';
}
