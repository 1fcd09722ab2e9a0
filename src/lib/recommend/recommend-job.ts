// The "Recommendations" job of the Discover page: interactions from a table (optionally joined
// to a lookup table: order lines get their customer from orders), item text from a catalogue
// (USE-lite vectors, for the text-aware models, cold start, reasons and names), every model
// beside the baselines under the named protocols, then the chosen model refitted on ALL
// interactions, each stored customer's top-k with reasons, and each item's "customers also
// bought" and similar items. The finding is plain JSON (stored-recommendations.ts types it).
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { FusionTable } from '../fusion/types';
import type { JobContext, JobHandler } from '../jobs';
import type { TextEmbedder } from '../ml/text-embedder';
import { getSource, saveFinding, type EdgeFuseDb } from '../store';
import { evaluate, evaluationCost, type EvaluationReport } from './evaluate';
import { alsoBought, reasonSources, similarItems, type Reason } from './explain';
import { buildInteractions, byUser, idReader, itemPopularity } from './interactions';
import { alsDefaults } from './als';
import { defaultSettings, fitCost, type ModelSettings } from './models';
import { phasedProgress } from './progress';
import { buildRecommender, recommendAll } from './recommendations';
import { catalogueText, column, itemTextFrom, joinLookup } from './recommend-inputs';
import type { RecommendFinding, StoredEvaluation, StoredRelated, StoredUser } from './stored-recommendations';
import type { Interactions, ItemText, RunOptions } from './types';

export interface RecommendConfig {
  k: number; // list length, and the cut-off of HR, NDCG and coverage
  tune: boolean; // choose each model's settings on a validation split carved from train (about 13 ALS fits, 8 more with text)
  tuneUpTo: number; // most interactions for which `tune` applies: past it each fit takes minutes in a tab, so defaults are used (and said)
  sasrec: boolean; // evaluate SASRec too (tfjs; the slowest model on WASM)
  sasrecEpochs: number; // SASRec's most epochs, early-stopped on validation NDCG
  storedUsers: number; // customers whose lists are stored: the most active ones
  storedItems: number; // items whose related lists are stored: the most popular ones
  related: number; // length of "also bought" and similar-item lists
  historyShown: number; // most recent items of a customer's history stored for display
  normaliseIds: boolean; // read C-00012 and c-12 as one id, as the fusion domain does
  seed: number; // splits and training
  recommendWith: string | null; // the model that makes the lists; null: the best under leave-last-out (NDCG@k)
}

export const recommendDefaults: RecommendConfig = { k: 10, tune: true, tuneUpTo: 50_000, sasrec: false, sasrecEpochs: 10, storedUsers: 2000, storedItems: 5000, related: 10, historyShown: 20, normaliseIds: true, seed: 1, recommendWith: null };

export interface RecommendParams {
  workspaceId: string;
  sourceId: string;
  userColumn: string;
  itemColumn: string;
  ratingColumn?: string | null;
  timeColumn?: string | null;
  /** Columns added from another table by a key: order lines (`on` order_id) + orders (`key` order_id). */
  lookup?: { sourceId: string; on: string; key: string } | null;
  /** The catalogue: item key, text columns (embedded) and a name column (shown). */
  catalogue?: { sourceId: string; keyColumn: string; textColumns: string[]; nameColumn: string | null } | null;
  config?: Partial<RecommendConfig>;
}

export interface RecommendResult {
  findingId: string;
  best: string;
  users: number;
}

/** The stages after reading the tables, in order; each fills its share of the job's one bar. */
const stages = ['Embedding item text', 'leave-last-out', 'random-80-20', 'Refitting on all interactions', 'Recommending', 'Related items', 'Storing'] as const;
type Stage = (typeof stages)[number];

/** Texts the encoder takes per call. */
const embedBatch = 64;

const rounded = (x: number, digits = 4) => Number(x.toFixed(digits));

/** Plain JSON: a figure that is not finite (a NaN validation score) is dropped, never stored. */
const plainJson = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? undefined : v))) as T;

/** The evaluated settings of the chosen model (and item-kNN's, which also drive reasons), so the refit does not tune again. */
function settingsFrom(report: EvaluationReport, model: string, epochs: number): ModelSettings {
  const numbers = (name: string) => Object.fromEntries(Object.entries(report.models.find((m) => m.model === name)?.notes ?? {}).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
  const knn = numbers('item-knn');
  const chosen = numbers(model);
  return {
    ...defaultSettings,
    knn: { ...(knn['neighbours'] ? { neighbours: knn['neighbours'] } : {}), ...(knn['shrinkage'] !== undefined ? { shrinkage: knn['shrinkage'] } : {}) },
    als: model === 'als' || model === 'als-text' ? Object.fromEntries(Object.entries(chosen).filter(([key]) => key in alsDefaults)) : {},
    sasrec: model === 'sasrec' ? Object.fromEntries(['maxLength', 'width', 'depth', 'heads', 'dropout'].flatMap((key) => (chosen[key] === undefined ? [] : [[key, chosen[key]]]))) : {},
    sasrecTrain: { epochs },
  };
}

interface StagePlan {
  data: Interactions;
  config: RecommendConfig;
  tune: boolean;
  /** Item texts to embed (0 when there is no catalogue text or no encoder). */
  texts: number;
  rankingModels: string[];
  ratingModels: string[] | null;
}

/**
 * Each stage's share of the bar, in passes (models.ts: one pass ranks the catalogue for every
 * user). The evaluations and the refit are costed model by model, tuning included; the rest
 * are estimates in the same unit: a batch of texts through the encoder about half a pass, the
 * stored lists one pass for every user, related items and storing a fraction of one.
 */
function stageCosts({ data, config, tune, texts, rankingModels, ratingModels }: StagePlan): Record<Stage, number> {
  const users = Math.max(1, data.userIds.length);
  const common = { k: config.k, tune };
  return {
    'Embedding item text': 0.5 * Math.ceil(texts / embedBatch),
    'leave-last-out': evaluationCost({ ...common, protocol: 'leave-last-out', models: rankingModels }, texts > 0),
    'random-80-20': ratingModels ? evaluationCost({ ...common, protocol: 'random-80-20', models: ratingModels }, texts > 0) : 0,
    // The chosen model is known only after evaluating; ALS usually wins.
    'Refitting on all interactions': fitCost(config.recommendWith ?? 'als', false) + 1,
    Recommending: Math.min(users, config.storedUsers) / users,
    'Related items': 0.5,
    Storing: 0.1,
  };
}

/**
 * The job's one bar: each stage's progress fills that stage's share, and inside a stage the
 * evaluation and the fits weigh their own phases the same way, so the bar only moves forward
 * and the ETA reads the whole run.
 */
function progressOf(ctx: JobContext<RecommendParams>, costs: Record<Stage, number>): (stage: Stage) => RunOptions {
  const phase = phasedProgress((done, total, message) => ctx.progress(done, total, 'per-mille', message), stages.map((stage) => costs[stage]));
  return (stage) => {
    const report = phase(stages.indexOf(stage))!;
    report(0, 1, stage);
    return { signal: ctx.signal, onProgress: (done, total, message) => report(done, total, `${stage}: ${message}`) };
  };
}

async function readTable(db: EdgeFuseDb, sourceId: string, signal: AbortSignal): Promise<FusionTable> {
  return readSourceTable(db, await getSource(db, sourceId), { signal });
}

async function embedItems(embedder: TextEmbedder, texts: readonly string[], run: RunOptions): Promise<ItemText | null> {
  const present = texts.filter((t) => t !== '');
  if (present.length === 0) return null;
  const vectors: Float32Array[] = [];
  for (let start = 0; start < present.length; start += embedBatch) {
    run.onProgress?.(start, present.length, `${start} of ${present.length} items`);
    vectors.push(...(await embedder.embed(present.slice(start, start + embedBatch), run.signal)));
  }
  return itemTextFrom(texts, vectors, vectors[0]?.length ?? 0);
}

/** The strongest reason of each source (reasonsFor gives up to two each): half the stored size. */
function strongestReasons(reasons: readonly Reason[]): Reason[] {
  return reasonSources.flatMap((source) => reasons.filter((r) => r.source === source).slice(0, 1)).map((r) => ({ ...r, similarity: rounded(r.similarity, 3) }));
}

/** The `count` most active users (ties: first seen), most active first. */
function mostActive(data: Interactions, count: number): number[] {
  const users = byUser(data);
  const size = (u: number) => users.offsets[u + 1]! - users.offsets[u]!;
  return Array.from(data.userIds.keys()).sort((a, b) => size(b) - size(a) || a - b).slice(0, count);
}

export function recommendJob(db: EdgeFuseDb, embedder: TextEmbedder | null): JobHandler<RecommendParams, RecommendResult> {
  return async (ctx) => {
    const { workspaceId, sourceId, userColumn, itemColumn, ratingColumn, timeColumn, lookup, catalogue } = ctx.params;
    const config: RecommendConfig = { ...recommendDefaults, ...ctx.params.config };
    const notes: string[] = [];

    ctx.progress(0, 1000, 'per-mille', 'Reading');
    let table = await readTable(db, sourceId, ctx.signal);
    if (lookup) table = joinLookup(table, await readTable(db, lookup.sourceId, ctx.signal), lookup.on, lookup.key, config.normaliseIds);
    const items = catalogue ? await readTable(db, catalogue.sourceId, ctx.signal) : null;
    const itemValues = column(table, itemColumn, 'item').values;
    const { interactions: data, report } = buildInteractions(
      { user: column(table, userColumn, 'user').values, item: itemValues, rating: ratingColumn ? column(table, ratingColumn, 'rating').values : undefined, time: timeColumn ? column(table, timeColumn, 'time').values : undefined },
      { normaliseIds: config.normaliseIds, catalogue: items && catalogue ? column(items, catalogue.keyColumn, 'item key').values : [] },
    );
    if (data.user.length < 2) throw new AppError('input-malformed', `${table.name} has fewer than two usable interactions (${report.rowsDropped} rows lack a customer, an item${ratingColumn ? ', a rating' : ''}${timeColumn ? ' or a time' : ''}).`);

    const described = items && catalogue ? catalogueText(items, catalogue.keyColumn, catalogue.textColumns, catalogue.nameColumn, data.itemIds, idReader(itemValues, config.normaliseIds)) : null;
    const toEmbed = described && embedder && catalogue!.textColumns.length > 0 ? described.texts : null;
    const tune = config.tune && data.user.length <= config.tuneUpTo;
    // Text models are asked for when there is text to embed; evaluate() skips them if none embeds.
    const rankingModels = ['als', ...(toEmbed ? ['als-text'] : []), ...(config.sasrec ? ['sasrec'] : [])];
    const ratingModels = data.rating ? ['biased-mf', 'svd++', ...(toEmbed ? ['mf-text'] : [])] : null;
    const stage = progressOf(ctx, stageCosts({ data, config, tune, texts: toEmbed ? toEmbed.filter((t) => t !== '').length : 0, rankingModels, ratingModels }));

    const run = stage('Embedding item text');
    const text = toEmbed && embedder ? await embedItems(embedder, toEmbed, run) : null;
    if (catalogue && catalogue.textColumns.length > 0 && !embedder) notes.push('No text encoder here: the text-aware models were skipped.');

    // Every model beside the baselines (popularity, item-kNN; biases for ratings), one protocol at a time.
    const settings: ModelSettings = { ...defaultSettings, sasrecTrain: { epochs: config.sasrecEpochs } };
    if (config.tune && !tune) notes.push(`Settings were not tuned: ${data.user.length.toLocaleString('en')} interactions is past the ${config.tuneUpTo.toLocaleString('en')} up to which each model is tuned in the tab (the CLI tunes any size); every model ran with its default settings.`);
    const common = { k: config.k, seed: config.seed, tune, settings };
    if (!config.sasrec) notes.push('SASRec was not run (tick it to include it; it trains a transformer and is the slowest model here).');
    const ranking = await evaluate(data, { ...common, protocol: 'leave-last-out', models: rankingModels }, { ...stage('leave-last-out'), text });
    const { coldStart, ...rankingTable } = ranking;
    const evaluations: StoredEvaluation[] = [rankingTable];
    if (ratingModels) {
      // evaluate() runs the cold-start protocol again here (same seed: the same figures); it is dropped.
      const { coldStart: _again, ...ratings } = await evaluate(data, { ...common, protocol: 'random-80-20', models: ratingModels }, { ...stage('random-80-20'), text });
      evaluations.push(ratings);
    }

    const model = config.recommendWith ?? ranking.best;
    const recommender = await buildRecommender(data, model, { ...stage('Refitting on all interactions'), text, settings: settingsFrom(ranking, model, config.sasrecEpochs), tune: false, seed: config.seed, protocol: 'leave-last-out' });

    const chosenUsers = mostActive(data, config.storedUsers);
    if (chosenUsers.length < data.userIds.length) notes.push(`Lists are stored for the ${chosenUsers.length.toLocaleString('en')} most active of ${data.userIds.length.toLocaleString('en')} customers.`);
    const lists = await recommendAll(recommender, chosenUsers, config.k, stage('Recommending'));
    const history = byUser(data);
    const users: StoredUser[] = lists.map((list) => {
      const own = history.index.subarray(history.offsets[list.user]!, history.offsets[list.user + 1]!);
      return {
        id: data.userIds[list.user]!,
        interactions: own.length,
        history: Array.from(own.subarray(Math.max(0, own.length - config.historyShown))),
        recommendations: Array.from(list.items, (item, n) => ({ item, score: Number(list.scores[n]!.toPrecision(4)), reasons: strongestReasons(list.reasons[n]!) })),
      };
    });

    const relatedRun = stage('Related items');
    const popularity = itemPopularity(data);
    const keptItems = new Set(Array.from(data.itemIds.keys()).sort((a, b) => popularity[b]! - popularity[a]! || a - b).slice(0, config.storedItems));
    if (keptItems.size < data.itemIds.length) notes.push(`Related items are stored for the ${keptItems.size.toLocaleString('en')} most popular of ${data.itemIds.length.toLocaleString('en')} items.`);
    const tidy = (list: ReturnType<typeof alsoBought>) => list.map((r) => ({ ...r, similarity: rounded(r.similarity), ...(r.share === undefined ? {} : { share: rounded(r.share) }) }));
    const related: StoredRelated[] = [];
    for (const i of data.itemIds.keys()) {
      if (i % 256 === 0) {
        relatedRun.onProgress?.(i, data.itemIds.length, 'Customers also bought, similar items');
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        ctx.signal.throwIfAborted();
      }
      related.push(keptItems.has(i)
        ? { alsoBought: tidy(alsoBought(i, recommender.neighbours, recommender.customers, config.related)), similar: tidy(similarItems(i, recommender.neighbours, text, config.related)), similarByText: text?.has[i] ? tidy(similarItems(i, null, text, config.related, true)) : [] }
        : { alsoBought: [], similar: [], similarByText: [] });
    }

    stage('Storing');
    const result: RecommendFinding = plainJson({
      source: table.name,
      columns: { user: userColumn, item: itemColumn, rating: ratingColumn ?? null, time: timeColumn ?? null, text: catalogue?.textColumns ?? [] },
      data: { users: data.userIds.length, items: data.itemIds.length, interactions: data.user.length, rowsRead: report.rowsRead, rowsDropped: report.rowsDropped, duplicatesMerged: report.duplicatesMerged, timeSource: report.timeSource, dedupe: report.dedupe, itemsWithText: text ? text.has.reduce((n, h) => n + h, 0) : 0 },
      evaluations,
      coldStart,
      recommendedWith: { model, protocol: 'leave-last-out', notes: recommender.notes },
      k: config.k,
      items: data.itemIds.map((id, i) => ({ id, name: described?.names[i] ?? null })),
      users,
      related,
      config: { ...config, recommendWith: config.recommendWith ?? '' },
      notes,
    });
    const finding = await saveFinding(db, { workspaceId, kind: 'recommend', jobId: ctx.jobId, params: { ...ctx.params }, result: { ...result } });
    const best = ranking.models.find((m) => m.model === ranking.best);
    ctx.summarise({ users: data.userIds.length, items: data.itemIds.length, interactions: data.user.length, best: ranking.best, [`ndcg@${config.k}`]: best?.ranking?.ndcg ?? 0 });
    ctx.progress(1000, 1000, 'per-mille', 'Done');
    return { findingId: finding.id, best: ranking.best, users: users.length };
  };
}
