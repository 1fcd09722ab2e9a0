import { AppError } from '../errors';
import { dedupePolicy } from './interactions';
import { pairedSe, popularityPercentiles, rankingFigures, ratingErrors, scoreFromPredictor, type RankingFigures } from './metrics';
import { baselineNames, defaultSettings, fitCost, fitPredictor, fitRanker, rankingModelNames, ratingModelNames, textModelNames, type ModelSettings, type RankingModelName, type RatingModelName } from './models';
import { popularityRanker } from './popularity';
import { phasedProgress, type Report } from './progress';
import { coldItemSplit, leaveLastOut, randomSplit } from './split';
import { textProfileRanker } from './text-knn';
import { coldItemsProtocol, type Interactions, type ItemText, type ModelReport, type Protocol, type RunOptions, type ScoreUser } from './types';

// Every model and baseline under one protocol, on one split, side by side; then, when items
// have text, the cold-start protocol. Reports name the protocol, k, the split's sizes and the
// de-duplication policy, so a figure never travels without the conditions that produced it.

export interface EvaluationConfig {
  protocol: Protocol;
  k: number; // cut-off of HR, NDCG, coverage and popularity
  seed: number; // splits, SGD orders, initial factors, negatives
  testShare: number; // random-80-20: share of interactions in test
  coldShare: number; // cold-items: share of items (with text) whose interactions are all hidden
  tune: boolean; // choose settings on a validation split carved from train
  /** Run only these models (baselines always run); default every model that applies. */
  models: readonly string[] | null;
  settings: ModelSettings;
}

export const evaluationDefaults: EvaluationConfig = { protocol: 'leave-last-out', k: 10, seed: 1, testShare: 0.2, coldShare: 0.1, tune: true, models: null, settings: defaultSettings };

export interface ColdStartReport {
  protocol: typeof coldItemsProtocol;
  coldItems: number;
  /** Users with a hidden interaction on a cold item and at least one training interaction. */
  users: number;
  /** (user, cold item) pairs ranked; each is ranked without the user's other cold items. */
  cases: number;
  /** Ranking among the cold items only: HR@k and NDCG@k of each user's hidden cold items. */
  models: ModelReport[];
}

export interface EvaluationReport {
  protocol: Protocol;
  k: number;
  seed: number;
  dedupe: typeof dedupePolicy;
  data: { users: number; items: number; interactions: number; train: number; test: number; evaluatedUsers: number };
  models: ModelReport[];
  /** The model with the best NDCG@k (ranking) or RMSE (ratings), baselines included. */
  best: string;
  coldStart: ColdStartReport | null;
}

export interface EvaluateOptions extends RunOptions {
  text?: ItemText | null | undefined;
}

const round = (x: number) => Number(x.toFixed(4));

function wanted(name: string, config: Pick<EvaluationConfig, 'models'>, text: boolean): boolean {
  if (textModelNames.has(name) && !text) return false;
  return baselineNames.has(name) || config.models === null || config.models.includes(name);
}

function modelsRun(config: Pick<EvaluationConfig, 'protocol' | 'models'>, text: boolean): string[] {
  return (config.protocol === 'random-80-20' ? ratingModelNames : rankingModelNames).filter((n) => wanted(n, config, text));
}

/** The cold-start protocol's models; only als-text is fitted for real. */
const coldStartModels = ['popularity', 'text-knn', 'als-text'] as const;

/**
 * The phases of an evaluation and their costs in passes (models.ts, fitCost): each model's
 * fit (tuning included), then its pass over the test users; last, with text, the cold start.
 * The bar of evaluate() moves through them in order, so it never goes back.
 */
function evaluationPhases(config: Pick<EvaluationConfig, 'protocol' | 'models' | 'tune'>, text: boolean): number[] {
  const models = modelsRun(config, text).flatMap((name) => [fitCost(name, config.tune), 1]);
  return [...models, text ? coldStartCost(config.tune) : 0];
}

function coldStartPhases(tune: boolean): number[] {
  return coldStartModels.flatMap((name) => [name === 'als-text' ? fitCost(name, tune) : 0, 1]);
}

const coldStartCost = (tune: boolean): number => coldStartPhases(tune).reduce((a, b) => a + b, 0);

/** What evaluate() costs in passes, for a caller that weighs it against other work. */
export function evaluationCost(overrides: Partial<EvaluationConfig>, text: boolean): number {
  return evaluationPhases({ ...evaluationDefaults, ...overrides }, text).reduce((a, b) => a + b, 0);
}

/** A phase's reporter whose messages name the model. */
function labelled(report: Report | undefined, label: string): Report | undefined {
  return report && ((done, total, message) => report(done, total, `${label}: ${message}`));
}

async function timed<T>(fit: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fit();
  return { value, ms: Math.round(performance.now() - started) };
}

export async function evaluate(data: Interactions, overrides: Partial<EvaluationConfig> = {}, options: EvaluateOptions = {}): Promise<EvaluationReport> {
  const config = { ...evaluationDefaults, ...overrides };
  const text = options.text ?? null;
  const phase = phasedProgress(options.onProgress, evaluationPhases(config, text !== null));
  // Model m fits in phase 2m and ranks in phase 2m + 1.
  const fit = (m: number, name: string) => ({ text, tune: config.tune, k: config.k, seed: config.seed, signal: options.signal, onProgress: labelled(phase(2 * m), name) });
  const rank = (m: number, name: string) => ({ signal: options.signal, onProgress: labelled(phase(2 * m + 1), name) });
  const names = modelsRun(config, text !== null);
  const models: ModelReport[] = [];
  const ratings = config.protocol === 'random-80-20';
  if (ratings && !data.rating) throw new AppError('input-malformed', 'The random-80-20 protocol measures rating errors: give a rating column, or use leave-last-out.');
  const split = ratings ? randomSplit(data, config.testShare, config.seed) : leaveLastOut(data);
  const percentiles = popularityPercentiles(split.train);
  const listOptions = { k: config.k, percentiles };
  let evaluatedUsers = 0;
  if (ratings) {
    for (const [m, name] of (names as RatingModelName[]).entries()) {
      phase(2 * m)?.(0, 1, `Training ${name}`);
      const { value: fitted, ms } = await timed(() => fitPredictor(name, split.train, config.settings, fit(m, name)));
      const errors = ratingErrors(fitted.predict, split.test);
      const lists = await rankingFigures(fitted.score ?? scoreFromPredictor(fitted.predict), split.train, split.test, listOptions, rank(m, name));
      evaluatedUsers = lists.users;
      models.push({ model: name, baseline: baselineNames.has(name), rmse: round(errors.rmse), mae: round(errors.mae), rmseSe: round(errors.rmseSe), coverage: round(lists.coverage), popularityPercentile: round(lists.popularityPercentile), trainMs: ms, notes: fitted.notes });
    }
  } else {
    // Baselines come first in rankingModelNames: each model is then paired with them case by case.
    const baselineCases: [string, RankingFigures['perCase']][] = [];
    for (const [m, name] of (names as RankingModelName[]).entries()) {
      phase(2 * m)?.(0, 1, `Training ${name}`);
      const { value: fitted, ms } = await timed(() => fitRanker(name, split.train, config.settings, fit(m, name)));
      const f = await rankingFigures(fitted.score, split.train, split.test, listOptions, rank(m, name));
      evaluatedUsers = f.users;
      const baseline = baselineNames.has(name);
      if (baseline) baselineCases.push([name, f.perCase]);
      const paired = baseline ? undefined : baselineCases.map(([b, cases]) => ({ baseline: b, hrSe: round(pairedSe(f.perCase.hr, cases.hr)), ndcgSe: round(pairedSe(f.perCase.ndcg, cases.ndcg)) }));
      models.push({ model: name, baseline, ranking: { hr: round(f.hr), ndcg: round(f.ndcg), mrr: round(f.mrr), hrSe: round(f.hrSe), ndcgSe: round(f.ndcgSe) }, ...(paired ? { paired } : {}), coverage: round(f.coverage), popularityPercentile: round(f.popularityPercentile), trainMs: ms, notes: fitted.notes });
    }
  }
  const best = [...models].sort((a, b) => (ratings ? (a.rmse ?? Infinity) - (b.rmse ?? Infinity) : (b.ranking?.ndcg ?? 0) - (a.ranking?.ndcg ?? 0)))[0]?.model ?? 'popularity';
  return {
    protocol: config.protocol,
    k: config.k,
    seed: config.seed,
    dedupe: dedupePolicy,
    data: { users: data.userIds.length, items: data.itemIds.length, interactions: data.user.length, train: split.train.user.length, test: split.test.user.length, evaluatedUsers },
    models,
    best,
    coldStart: text ? await evaluateColdStart(data, text, config, { signal: options.signal, onProgress: phase(2 * names.length) }) : null,
  };
}

/**
 * Cold start: hide every interaction of a seeded share of the items that have text, train on
 * the rest, and rank only the hidden items for each user who had interacted with one.
 * Popularity cannot tell them apart (none has an interaction): its figure is the random one.
 */
export async function evaluateColdStart(data: Interactions, text: ItemText, config: EvaluationConfig, options: RunOptions = {}): Promise<ColdStartReport> {
  const split = coldItemSplit(data, text, config.coldShare, config.seed);
  const percentiles = popularityPercentiles(split.train);
  const phase = phasedProgress(options.onProgress, coldStartPhases(config.tune));
  const report = (k: number, name: string) => labelled(phase(k), `cold start, ${name}`);
  const fits: Record<(typeof coldStartModels)[number], () => Promise<{ score: ScoreUser; notes: Record<string, string | number> }>> = {
    popularity: async () => ({ score: popularityRanker(split.train), notes: {} }),
    'text-knn': async () => ({ score: textProfileRanker(split.train, text), notes: {} }),
    'als-text': () => fitRanker('als-text', split.train, config.settings, { text, tune: config.tune, k: config.k, seed: config.seed, signal: options.signal, onProgress: report(2 * coldStartModels.indexOf('als-text'), 'als-text') }),
  };
  const models: ModelReport[] = [];
  let [users, cases] = [0, 0];
  for (const [m, name] of coldStartModels.entries()) {
    const { value: fitted, ms } = await timed(fits[name]);
    const f = await rankingFigures(fitted.score, split.train, split.test, { k: config.k, candidates: split.cold, percentiles }, { signal: options.signal, onProgress: report(2 * m + 1, name) });
    [users, cases] = [f.users, f.cases];
    models.push({ model: name, baseline: baselineNames.has(name), ranking: { hr: round(f.hr), ndcg: round(f.ndcg), mrr: round(f.mrr), hrSe: round(f.hrSe), ndcgSe: round(f.ndcgSe) }, coverage: round(f.coverage), popularityPercentile: round(f.popularityPercentile), trainMs: ms, notes: fitted.notes });
  }
  return { protocol: coldItemsProtocol, coldItems: split.cold.reduce((n, c) => n + c, 0), users, cases, models };
}
