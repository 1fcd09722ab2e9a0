import { alsDefaults, factorRanker, trainAls, type AlsConfig, type FactorModel } from './als';
import { mfDefaults, mfPredictor, mfRanker, trainMf, type MfConfig } from './biased-mf';
import { itemNeighbours, knnDefaults, knnPredictor, knnRanker, type ItemNeighbours, type KnnConfig } from './item-knn';
import { ratingErrors } from './metrics';
import { biasPredictor, itemMeanPredictor, popularityRanker } from './popularity';
import { phasedProgress } from './progress';
import { leaveLastOut, randomSplit } from './split';
import type { SasrecConfig } from './sasrec';
import type { SasrecTrainConfig } from './sasrec-train';
import { coordinateSearch, validationNdcg, validationRmse, type Grid, type SearchResult, type SearchStep } from './tune';
import type { Interactions, ItemText, PredictRating, RunOptions, ScoreUser } from './types';

// Every model by name: fit on a training split (tuning its settings on a validation split
// carved from that training split when asked), then score or predict. The evaluation and the
// final recommendations both go through here, so what is reported is what is recommended.
// SASRec is imported on first use: the typed-array models never load tfjs.

export const rankingModelNames = ['popularity', 'item-knn', 'als', 'als-text', 'sasrec'] as const;
export type RankingModelName = (typeof rankingModelNames)[number];

export const ratingModelNames = ['popularity', 'biases', 'item-knn', 'biased-mf', 'svd++', 'mf-text'] as const;
export type RatingModelName = (typeof ratingModelNames)[number];

/** Always computed and shown beside the models. */
export const baselineNames: ReadonlySet<string> = new Set(['popularity', 'biases', 'item-knn', 'text-knn']);

/** Models that need item text. */
export const textModelNames: ReadonlySet<string> = new Set(['als-text', 'mf-text']);

export interface ModelSettings {
  knn: Partial<KnnConfig>;
  als: Partial<AlsConfig>;
  mf: Partial<MfConfig>;
  sasrec: Partial<SasrecConfig>;
  sasrecTrain: Partial<SasrecTrainConfig>;
}

export const defaultSettings: ModelSettings = { knn: {}, als: {}, mf: {}, sasrec: {}, sasrecTrain: {} };

export interface FitOptions extends RunOptions {
  text?: ItemText | null | undefined;
  /** Choose settings on a validation split of the training data (slower, fairer). */
  tune?: boolean | undefined;
  /** k of the validation NDCG. */
  k?: number | undefined;
  seed?: number | undefined;
}

export interface FittedRanker {
  score: ScoreUser;
  /** What was chosen or learned (settings, epochs) for the report. */
  notes: Record<string, string | number>;
  neighbours?: ItemNeighbours;
  factors?: FactorModel;
}

export interface FittedPredictor {
  predict: PredictRating;
  /** The same predictions over the catalogue, where a model has a faster way than predict() per item. */
  score?: ScoreUser;
  notes: Record<string, string | number>;
}

const knnRankingGrid: Grid<KnnConfig> = { shrinkage: [0, 10, 50], neighbours: [50, 200] };
const knnRatingGrid: Grid<KnnConfig> = { shrinkage: [10, 100], predictDamping: [1, 3, 10] };
// ALS's figures turn on λ against the confidence 1 + α·count: too little and the factors fit
// noise, too much and they collapse to popularity, with the best just short of the collapse.
// So λ is searched first on a coarse scale, α is moved with λ (the same ratio), then β, then λ
// again on a fine scale, then the width (16 or 32): about 13 fits. With text, the text-free
// result is the start (the search is shared with the "als" row of the same training split),
// then μ with β (the prior changes what the missing cells should weigh), then λ: 8 more.
const alsSearchStart: Partial<AlsConfig> = { factors: 32 };
const scaled = (x: number) => Number(x.toPrecision(2));
const alsSteps: SearchStep<AlsConfig>[] = [
  { regularization: [10, 20, 40, 80, 160] },
  (best) => [3, 30].map((alpha) => ({ alpha, regularization: scaled((best.regularization * alpha) / best.alpha) })),
  { popularityWeighting: [0, 0.5] },
  (best) => [0.7, 0.85, 1.2, 1.4].map((f) => ({ regularization: scaled(best.regularization * f) })),
  { factors: [16] }, // 64 gained nothing on the demo (NDCG@10 within 0.001) at 2-3 times the cost of a fit
];
const alsTextSteps: SearchStep<AlsConfig>[] = [
  () => [1, 5, 20].flatMap((textWeight) => [0, 0.5].map((popularityWeighting) => ({ textWeight, popularityWeighting }))),
  (best) => [0.7, 1.4].map((f) => ({ regularization: scaled(best.regularization * f) })),
];
const mfGrid: Grid<MfConfig> = { regularization: [0.02, 0.05, 0.15, 0.4], biasRate: [0, 1] }; // λ = 0.4: InstEval chose the old top value, 0.15
const mfTextGrid: Grid<MfConfig> = { ...mfGrid, textWeight: [0.02, 0.1, 0.3] };
/** Most fits of the ALS search (its steps' candidates plus the start: a bound, not a count), and of its text steps. */
const alsTuningFits = 15;
const alsTextTuningFits = 9;

/** Most fits a one-step grid search makes: the start plus each value. */
const gridFits = (grid: Grid<object>): number => 1 + (Object.values(grid) as readonly unknown[][]).reduce((n, values) => n + values.length, 0);

// Rough costs, to weigh a progress bar's phases, in passes: one pass ranks the whole catalogue
// for every user, as evaluation does once per model. On InstEval-sized data (2,972 users,
// 1,128 items, 73k ratings; Node) a pass took 0.2-0.9 s, an ALS fit (64 factors, 12 epochs)
// 11 s, SVD++ 2 s, biased MF 1 s, item-kNN's neighbours 0.3 s. A tuning fit costs a fit on
// most of train plus a validation pass (MF's validation RMSE is cheap); ALS tunes at 32
// factors, about a third of the cost of 64. SASRec's figure is a guess: the slowest model here.
const fitPasses: Record<string, number> = { popularity: 0, biases: 0, 'item-knn': 1, als: 20, 'als-text': 25, sasrec: 60, 'biased-mf': 2, 'svd++': 4, 'mf-text': 3 };
const tuningPasses: Record<string, number> = {
  'item-knn': gridFits(knnRankingGrid) * (fitPasses['item-knn']! + 1),
  als: alsTuningFits * (fitPasses['als']! / 3 + 1),
  'als-text': alsTextTuningFits * (fitPasses['als-text']! / 3 + 1),
  'biased-mf': gridFits(mfGrid) * fitPasses['biased-mf']!,
  'svd++': gridFits(mfGrid) * fitPasses['svd++']!,
  'mf-text': gridFits(mfTextGrid) * fitPasses['mf-text']!,
};

/** What fitRanker or fitPredictor costs for a model, in passes (see above), its tuning included when asked. */
export function fitCost(name: string, tune: boolean): number {
  return (fitPasses[name] ?? 1) + (tune ? (tuningPasses[name] ?? 0) : 0);
}

/**
 * A fit's progress in two phases, tuning then the final fit, weighed by their costs, so the
 * tuning search's count and the final fit's epochs do not each restart the bar.
 */
function fitPhases(name: string, options: FitOptions): { tuning: RunOptions; fitting: FitOptions } {
  const phase = phasedProgress(options.onProgress, [options.tune ? (tuningPasses[name] ?? 0) : 0, fitPasses[name] ?? 1]);
  return { tuning: { signal: options.signal, onProgress: phase(0) }, fitting: { ...options, onProgress: phase(1) } };
}

/** Reports each fit a tuning search starts, counting up to `most` (a bound, not a count); `describe` gets the fit's number. */
function fitCounter(run: RunOptions, most: number): (describe: (fit: number) => string) => void {
  let fits = 0;
  return (describe) => run.onProgress?.(Math.min(fits++, most), most, describe(fits));
}

/** A tuning search's score function that reports each fit it starts (`most` bounds the count). */
function reportingFits<C>(run: RunOptions, most: number, label: string, score: (config: C) => Promise<number>): (config: C) => Promise<number> {
  const count = fitCounter(run, most);
  return (config) => {
    count((fit) => `${label}: fit ${fit}`);
    return score(config);
  };
}

const asNotes = (config: object): Record<string, number> => Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'number'));

/** How every tuned model's settings were chosen, in its notes. */
export const validationNote = 'on a validation split carved from train';

/** The text-free ALS search of each training split, so "als-text" starts where "als" ended. */
const alsSearches = new WeakMap<Interactions, Map<string, Promise<SearchResult<AlsConfig>>>>();

async function tuneAls(train: Interactions, start: AlsConfig, text: ItemText | null, k: number, run: RunOptions): Promise<SearchResult<AlsConfig>> {
  const split = leaveLastOut(train);
  // One count over both searches (without text, then with it).
  const count = fitCounter(run, alsTuningFits + (text ? alsTextTuningFits : 0));
  const score = (withText: ItemText | null) => (c: AlsConfig) => {
    count((fit) => `Tuning ${withText ? 'ALS with text' : 'ALS'}: fit ${fit} (λ=${c.regularization}, α=${c.alpha}, β=${c.popularityWeighting}, ${c.factors} factors${withText ? `, μ=${c.textWeight}` : ''})`);
    return validationNdcg(split, k, async (t) => factorRanker(await trainAls(t, c, withText, { signal: run.signal })));
  };
  const plain = { ...start, ...alsSearchStart, textWeight: 0 };
  const key = JSON.stringify([plain, k]);
  const searches = alsSearches.get(train) ?? new Map<string, Promise<SearchResult<AlsConfig>>>();
  alsSearches.set(train, searches);
  if (!searches.has(key)) searches.set(key, coordinateSearch(plain, alsSteps, score(null)).catch((error: unknown) => (searches.delete(key), Promise.reject(error))));
  const withoutText = await searches.get(key)!;
  if (!text) return withoutText;
  const withText = await coordinateSearch({ ...withoutText.best, textWeight: start.textWeight || alsDefaults.textWeight }, alsTextSteps, score(text));
  return { ...withText, fits: withoutText.fits + withText.fits };
}

export async function fitRanker(name: RankingModelName, train: Interactions, settings: ModelSettings = defaultSettings, options: FitOptions = {}): Promise<FittedRanker> {
  const k = options.k ?? 10;
  const text = options.text ?? null;
  const quiet = { signal: options.signal };
  const { tuning, fitting } = fitPhases(name, options);
  switch (name) {
    case 'popularity':
      return { score: popularityRanker(train), notes: {} };
    case 'item-knn': {
      let config = { ...knnDefaults, ...settings.knn };
      let tuned: Record<string, string | number> = {};
      if (options.tune) {
        const split = leaveLastOut(train);
        const search = await coordinateSearch(config, knnRankingGrid, reportingFits(tuning, gridFits(knnRankingGrid), 'Tuning item-kNN', (c) => validationNdcg(split, k, async (t) => knnRanker(t, await itemNeighbours(t, c, 'implicit', quiet)))));
        [config, tuned] = [search.best, { tuned: validationNote, validationNdcg: Number(search.score.toFixed(4)), fits: search.fits }];
      }
      const neighbours = await itemNeighbours(train, config, 'implicit', fitting);
      return { score: knnRanker(train, neighbours), notes: { neighbours: config.neighbours, shrinkage: config.shrinkage, ...tuned }, neighbours };
    }
    case 'als':
    case 'als-text': {
      const withText = name === 'als-text' ? text : null;
      let config: AlsConfig = { ...alsDefaults, ...settings.als, ...(withText ? {} : { textWeight: 0 }) };
      let tuned: Record<string, string | number> = {};
      if (options.tune) {
        const search = await tuneAls(train, config, withText, k, tuning);
        config = search.best;
        tuned = { tuned: validationNote, validationNdcg: Number(search.score.toFixed(4)), fits: search.fits };
      }
      const factors = await trainAls(train, config, withText, fitting);
      return { score: factorRanker(factors), notes: { ...asNotes(config), ...tuned }, factors };
    }
    case 'sasrec': {
      const { fitSasrec } = await import('./fit-sasrec');
      return fitSasrec(train, settings, { ...fitting, k });
    }
  }
}

/** Trains MF on `train`, stopping at the epoch that scored best on `split`, and returns that count. */
async function bestEpochs(split: { train: Interactions; test: Interactions }, config: MfConfig, text: ItemText | null, run: RunOptions): Promise<{ epochs: number; rmse: number }> {
  let best = { epochs: 1, rmse: Infinity };
  let sinceBest = 0;
  await trainMf(split.train, config, {
    ...run,
    text,
    afterEpoch: (epoch, model) => {
      const { rmse } = ratingErrors(mfPredictor(model), split.test);
      if (rmse < best.rmse) [best, sinceBest] = [{ epochs: epoch + 1, rmse }, 0];
      return ++sinceBest > 3;
    },
  });
  return best;
}

export async function fitPredictor(name: RatingModelName, train: Interactions, settings: ModelSettings = defaultSettings, options: FitOptions = {}): Promise<FittedPredictor> {
  const text = options.text ?? null;
  const quiet = { signal: options.signal };
  const { tuning, fitting } = fitPhases(name, options);
  switch (name) {
    case 'popularity':
      return { predict: itemMeanPredictor(train), notes: { damping: 5 } };
    case 'biases':
      return { predict: biasPredictor(train), notes: {} };
    case 'item-knn': {
      let config = { ...knnDefaults, ...settings.knn };
      let tuned: Record<string, string | number> = {};
      if (options.tune) {
        const split = randomSplit(train, 0.1, (options.seed ?? 1) + 1);
        const search = await coordinateSearch(config, knnRatingGrid, reportingFits(tuning, gridFits(knnRatingGrid), 'Tuning item-kNN', (c) => validationRmse(split, async (t) => knnPredictor(t, await itemNeighbours(t, c, 'explicit', quiet), c))));
        [config, tuned] = [search.best, { tuned: validationNote, validationRmse: Number((-search.score).toFixed(4)), fits: search.fits }];
      }
      const neighbours = await itemNeighbours(train, config, 'explicit', fitting);
      return { predict: knnPredictor(train, neighbours, config), notes: { ...asNotes(config), ...tuned } };
    }
    case 'biased-mf':
    case 'svd++':
    case 'mf-text': {
      const withText = name === 'mf-text' ? text : null;
      let config: MfConfig = { ...mfDefaults, ...settings.mf, implicit: name === 'svd++', textWeight: withText ? (settings.mf.textWeight ?? mfDefaults.textWeight) : 0 };
      let tuned: Record<string, string | number> = {};
      if (options.tune) {
        // Each candidate trains until its validation RMSE stops improving; the winner's epoch
        // count is kept for the refit on the whole training split.
        const split = randomSplit(train, 0.1, (options.seed ?? 1) + 1);
        const epochsOf = new Map<MfConfig, number>();
        const grid = withText ? mfTextGrid : mfGrid;
        const search = await coordinateSearch(config, grid, reportingFits(tuning, gridFits(grid), `Tuning ${name}`, async (c) => {
          const { epochs, rmse } = await bestEpochs(split, c, withText, quiet);
          epochsOf.set(c, epochs);
          return -rmse;
        }));
        config = { ...search.best, epochs: epochsOf.get(search.best) ?? config.epochs };
        tuned = { tuned: validationNote, validationRmse: Number((-search.score).toFixed(4)), fits: search.fits };
      }
      const model = await trainMf(train, config, { ...fitting, text: withText });
      return { predict: mfPredictor(model), score: mfRanker(model), notes: { ...asNotes(config), ...tuned } };
    }
  }
}
