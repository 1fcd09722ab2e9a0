// What a stored sentiment model says about itself, and which stored model can score a table.
// The review job saves its fine-tuned classifier to the registry as task "sentiment"; the card
// keeps what scoring needs to rebuild and feed it (the fine-tuning config, the text columns
// joined into each review, the classes and which one is negative). No tfjs here: the page
// reads these cards to decide whether a new import can be scored.
import { AppError } from '../errors';
import type { ModelCard, RegisteredModel } from '../ml/registry';
import type { FineTuneConfig } from './text-classifier';

/** What scoring needs from a sentiment model's card, narrowed from the stored JSON. */
export interface SentimentSpec {
  /** Columns joined with ". " into each review's text, as in training. */
  textColumns: string[];
  /** Output order of the head. */
  classes: string[];
  /** Index of the negative class, or -1 when none of the classes reads as negative. */
  negativeClass: number;
  /** The label map the classes came from ("1-2:negative,..."), or null (labels as they were). */
  labelMap: string | null;
  /** The fine-tuning config the classifier ran with (adapters, windows, seed). */
  fineTune: FineTuneConfig;
  /** Runs with seeds fineTune.seed, +1, … whose probabilities are averaged (1: a single run). */
  seeds: number;
  /** The source it was trained on: id and name. */
  trainedOn: { sourceId: string; name: string };
}

/** The class that reads as negative: the review job's rule (a name with "neg"/"bad", or the lowest star). */
export function negativeClassOf(classes: readonly string[]): number {
  return classes.findIndex((c) => /neg|bad|^0$|^1$/i.test(c));
}

/** The card a sentiment model is stored with. `data.textColumn` shows the joined columns to people. */
export function sentimentCard(spec: SentimentSpec, run: { labelColumn: string; rows: number; trainRows: number; validationRows: number; metrics: Record<string, number>; backend: string; steps: number }): ModelCard {
  const lora = spec.fineTune.trainable === 'lora' ? { rank: spec.fineTune.loraRank, alpha: 2 * spec.fineTune.loraRank } : null;
  return {
    task: 'sentiment', base: 'use-lite', tokenizer: 'use-lite',
    config: { sentiment: { ...spec, fineTune: { ...spec.fineTune } } },
    data: { sources: [spec.trainedOn.name], textColumn: spec.textColumns.join(' + '), labelColumn: run.labelColumn, rows: run.rows, trainRows: run.trainRows, validationRows: run.validationRows },
    metrics: run.metrics, labels: [...spec.classes], lora, backend: run.backend, steps: run.steps, trainedAt: Date.now(),
  };
}

/** The most runs a stored ensemble may hold: each is a copy of USE-lite in memory when it scores. */
export const maxStoredSeeds = 5;

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The sentiment spec of a stored card; throws input-malformed when the card is not one (an imported file of another kind). */
export function parseSentimentSpec(card: Pick<ModelCard, 'task' | 'config'>): SentimentSpec {
  const raw = (card.config as { sentiment?: unknown }).sentiment as Partial<Record<keyof SentimentSpec, unknown>> | undefined;
  const bad = (what: string) => new AppError('input-malformed', `This model cannot score reviews: its card ${what}. Train one with Discover → Reviews.`, { what });
  if (card.task !== 'sentiment' || !raw || typeof raw !== 'object') throw bad('is not a sentiment model card');
  if (!isStrings(raw.textColumns) || raw.textColumns.length === 0) throw bad('names no text columns');
  if (!isStrings(raw.classes) || raw.classes.length < 2) throw bad('lists fewer than two classes');
  const fineTune = raw.fineTune as Partial<FineTuneConfig> | undefined;
  if (!fineTune || !['lora', 'head', 'all'].includes(String(fineTune.trainable)) || !Number.isInteger(fineTune.loraRank) || !Number.isInteger(fineTune.windows) || !Number.isInteger(fineTune.seed)) throw bad('lacks the fine-tuning config');
  // Cards written before ensembles were stored whole hold one run.
  const seeds = raw.seeds ?? 1;
  if (!Number.isInteger(seeds) || (seeds as number) < 1 || (seeds as number) > maxStoredSeeds) throw bad(`names ${String(seeds)} seeds (1 to ${maxStoredSeeds})`);
  const trainedOn = raw.trainedOn as { sourceId?: unknown; name?: unknown } | undefined;
  return {
    textColumns: raw.textColumns, classes: raw.classes,
    negativeClass: typeof raw.negativeClass === 'number' ? raw.negativeClass : negativeClassOf(raw.classes),
    labelMap: typeof raw.labelMap === 'string' ? raw.labelMap : null,
    fineTune: fineTune as FineTuneConfig,
    seeds: seeds as number,
    trainedOn: { sourceId: String(trainedOn?.sourceId ?? ''), name: String(trainedOn?.name ?? '') },
  };
}

/** The newest sentiment model (of `models`, newest first) whose text columns are all among `columns`, or null. */
export function sentimentModelFor(models: readonly RegisteredModel[], columns: readonly string[]): RegisteredModel | null {
  const have = new Set(columns);
  return models.find((m) => {
    if (m.card.task !== 'sentiment') return false;
    try {
      return parseSentimentSpec(m.card).textColumns.every((c) => have.has(c));
    } catch {
      return false;
    }
  }) ?? null;
}
