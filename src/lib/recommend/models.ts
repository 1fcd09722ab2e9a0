import { alsDefaults, factorRanker, trainAls, type AlsConfig, type FactorModel } from './als';
import { mfDefaults, mfPredictor, mfRanker, trainMf, type MfConfig } from './biased-mf';
import { itemNeighbours, knnDefaults, knnPredictor, knnRanker, type ItemNeighbours, type KnnConfig } from './item-knn';
import { ratingErrors } from './metrics';
import { biasPredictor, itemMeanPredictor, popularityRanker } from './popularity';
import { leaveLastOut, randomSplit } from './split';
import type { SasrecConfig } from './sasrec';
import type { SasrecTrainConfig } from './sasrec-train';
import { coordinateSearch, validationNdcg, validationRmse, type Grid } from './tune';
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
const alsGrid: Grid<AlsConfig> = { regularization: [1, 5, 20, 80, 200], popularityWeighting: [0, 0.5, 1], alpha: [1, 3, 10, 30], factors: [16, 32, 64] };
const alsTextGrid: Grid<AlsConfig> = { ...alsGrid, textWeight: [1, 5, 20] };
const mfGrid: Grid<MfConfig> = { regularization: [0.02, 0.05, 0.15], biasRate: [0, 1] };
const mfTextGrid: Grid<MfConfig> = { ...mfGrid, textWeight: [0.02, 0.1, 0.3] };

const asNotes = (config: object): Record<string, number> => Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'number'));

export async function fitRanker(name: RankingModelName, train: Interactions, settings: ModelSettings = defaultSettings, options: FitOptions = {}): Promise<FittedRanker> {
  const k = options.k ?? 10;
  const text = options.text ?? null;
  const quiet = { signal: options.signal };
  switch (name) {
    case 'popularity':
      return { score: popularityRanker(train), notes: {} };
    case 'item-knn': {
      let config = { ...knnDefaults, ...settings.knn };
      if (options.tune) {
        const split = leaveLastOut(train);
        ({ best: config } = await coordinateSearch(config, knnRankingGrid, (c) => validationNdcg(split, k, async (t) => knnRanker(t, await itemNeighbours(t, c, 'implicit', quiet)))));
      }
      const neighbours = await itemNeighbours(train, config, 'implicit', options);
      return { score: knnRanker(train, neighbours), notes: { neighbours: config.neighbours, shrinkage: config.shrinkage }, neighbours };
    }
    case 'als':
    case 'als-text': {
      const withText = name === 'als-text' ? text : null;
      let config: AlsConfig = { ...alsDefaults, ...settings.als, ...(withText ? {} : { textWeight: 0 }) };
      if (options.tune) {
        const split = leaveLastOut(train);
        ({ best: config } = await coordinateSearch(config, withText ? alsTextGrid : alsGrid, (c) => validationNdcg(split, k, async (t) => factorRanker(await trainAls(t, c, withText, quiet)))));
      }
      const factors = await trainAls(train, config, withText, options);
      return { score: factorRanker(factors), notes: asNotes(config), factors };
    }
    case 'sasrec': {
      const { fitSasrec } = await import('./fit-sasrec');
      return fitSasrec(train, settings, { ...options, k });
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
  switch (name) {
    case 'popularity':
      return { predict: itemMeanPredictor(train), notes: { damping: 5 } };
    case 'biases':
      return { predict: biasPredictor(train), notes: {} };
    case 'item-knn': {
      let config = { ...knnDefaults, ...settings.knn };
      if (options.tune) {
        const split = randomSplit(train, 0.1, (options.seed ?? 1) + 1);
        ({ best: config } = await coordinateSearch(config, knnRatingGrid, (c) => validationRmse(split, async (t) => knnPredictor(t, await itemNeighbours(t, c, 'explicit', quiet), c))));
      }
      const neighbours = await itemNeighbours(train, config, 'explicit', options);
      return { predict: knnPredictor(train, neighbours, config), notes: asNotes(config) };
    }
    case 'biased-mf':
    case 'svd++':
    case 'mf-text': {
      const withText = name === 'mf-text' ? text : null;
      let config: MfConfig = { ...mfDefaults, ...settings.mf, implicit: name === 'svd++', textWeight: withText ? (settings.mf.textWeight ?? mfDefaults.textWeight) : 0 };
      if (options.tune) {
        // Each candidate trains until its validation RMSE stops improving; the winner's epoch
        // count is kept for the refit on the whole training split.
        const split = randomSplit(train, 0.1, (options.seed ?? 1) + 1);
        const epochsOf = new Map<MfConfig, number>();
        const search = await coordinateSearch(config, withText ? mfTextGrid : mfGrid, async (c) => {
          const { epochs, rmse } = await bestEpochs(split, c, withText, quiet);
          epochsOf.set(c, epochs);
          return -rmse;
        });
        config = { ...search.best, epochs: epochsOf.get(search.best) ?? config.epochs };
      }
      const model = await trainMf(train, config, { ...options, text: withText });
      return { predict: mfPredictor(model), score: mfRanker(model), notes: asNotes(config) };
    }
  }
}
