import { AppError } from '../errors';
import { runJob, type JobOutcome, type RunOptions } from '../jobs';
import type { Proxied } from '../jobs/rpc';
import { newId, openDb, type EdgeFuseDb } from '../store';
import { destroyGpuDevice, initBackend } from './backend';
import type { BackendChoice, BackendEnvironment, BackendReport } from './backend-choice';
import { deviceBenchmarkJob, type DeviceBenchmarkParams, type DeviceBenchmarkResult } from './device-benchmark';
import { fineTuneJob, type FineTuneParams, type FineTuneResult } from './fine-tune-job';
import { pretrainJob, type PretrainParams, type PretrainResult } from './pretrain-job';
import { addBertModel } from './add-bert-model';
import { readFromFiles, readFromHubCache } from './hf';
import type { ReadFile } from './models';
import type { RegisteredModel } from './registry';
import { rulesJob, type RulesParams } from '../rules/rules-job';
import { searchEvalJob } from '../search/search-job';
import { productSearch } from '../search/live-search';
import type { SearchAnswer, SearchEvalParams, SearchIndexSpec } from '../search/search-finding';
import { reviewJob, type ReviewParams } from '../reviews/review-job';
import { scoreReviewsJob, type ScoreReviewsParams, type ScoreReviewsResult } from '../reviews/score-reviews-job';
import { recommendJob, type RecommendParams, type RecommendResult } from '../recommend/recommend-job';
import { useLiteTextEmbedder } from './text-embedder';

/** What the ML worker offers. Every argument and result is structured-cloneable. */
export interface MlApi {
  /**
   * Starts the backend (once; later calls return the same report unless `choice` differs).
   * `onChange` hears of later changes, such as the fallback after a lost GPU device.
   */
  init(choice: BackendChoice, onChange?: Proxied<(report: BackendReport) => void>): Promise<BackendReport>;
  report(): Promise<BackendReport | null>;
  deviceBenchmark(params: DeviceBenchmarkParams, options: RunOptions): Promise<JobOutcome<DeviceBenchmarkResult>>;
  resume(jobId: string, options: RunOptions): Promise<JobOutcome>;
  /** Fine-tunes USE-lite to predict a label column from a text column; the model goes to the registry. */
  fineTune(params: FineTuneParams, options: RunOptions): Promise<JobOutcome<FineTuneResult>>;
  /** Pretrains a small encoder from scratch on a text column (masked-LM); the model goes to the registry. */
  pretrain(params: PretrainParams, options: RunOptions): Promise<JobOutcome<PretrainResult>>;
  /** Review intelligence over a table of reviews (sentiment, topics, aspects, monitoring); the finding is stored. */
  analyseReviews(params: ReviewParams, options: RunOptions): Promise<JobOutcome<{ findingId: string }>>;
  /** Scores a source's reviews with a stored sentiment model (skipped when it lacks the model's text columns); the finding is stored. */
  scoreReviews(params: ScoreReviewsParams, options: RunOptions): Promise<JobOutcome<ScoreReviewsResult>>;
  /** Recommenders evaluated beside the baselines under the named protocols, then each customer's list with reasons; the finding is stored. */
  recommend(params: RecommendParams, options: RunOptions): Promise<JobOutcome<RecommendResult>>;
  /** Product search (BM25, dense, hybrid) evaluated on a search log, optionally after fine-tuning the encoder on it; the finding is stored. */
  evaluateSearch(params: SearchEvalParams, options: RunOptions): Promise<JobOutcome<{ findingId: string; modelId: string | null }>>;
  /**
   * Answers a typed query with BM25, dense and hybrid hits over the catalogue `index` names (not a
   * job). The first query for a catalogue, its columns and encoder builds the index; later ones reuse it.
   */
  searchProducts(workspaceId: string, query: string, k: number, index: SearchIndexSpec): Promise<SearchAnswer>;
  /** Basket rules (FP-Growth) over a source; the finding is stored. */
  mineRules(params: RulesParams, options: RunOptions): Promise<JobOutcome<{ findingId: string; rules: number }>>;
  /** Adds a BERT-family checkpoint to the registry from the picked files of its folder. */
  addBertFromFiles(workspaceId: string | null, files: File[], name: string): Promise<RegisteredModel>;
  /**
   * Adds a model that the Hub download page (hub.html) fetched into this browser's Cache
   * Storage. Makes no request: null when the files are not in the cache.
   */
  addBertFromHubCache(workspaceId: string | null, modelId: string, revision?: string): Promise<RegisteredModel | null>;
  /** Destroys the GPU device to exercise the device-lost fallback (tests, and a UI drill). */
  loseGpuDevice(): Promise<boolean>;
}

export interface MlEnvironment extends Omit<BackendEnvironment, 'onDeviceLost'> {
  /** Where USE-lite's files come from: the app's /models/use-lite/ in browsers. */
  useLiteFiles?: ReadFile;
}

export function createMlApi(env: MlEnvironment, db: EdgeFuseDb = openDb()): MlApi {
  let current: { choice: BackendChoice; report: Promise<BackendReport> } | null = null;
  let listener: ((report: BackendReport) => void) | undefined;
  /** Training jobs running now; a lost device stops them (keeping their checkpoints) to resume on WASM. */
  const training = new Set<AbortController>();
  /** Resolves at the next lost device: a job that failed with gpu-lost waits for the fallback. */
  let heardLoss = () => {};
  let deviceLost = new Promise<void>((resolve) => (heardLoss = resolve));

  const onDeviceLost = (message: string) => {
    // Fall back to WASM at once; a training job that was on the GPU resumes from its checkpoint there.
    for (const controller of training) controller.abort(new AppError('gpu-lost', `The GPU device was lost (${message}); resuming on WASM from the last checkpoint.`));
    heardLoss();
    deviceLost = new Promise<void>((resolve) => (heardLoss = resolve));
    const choice = current?.choice ?? 'auto';
    const report = initBackend('wasm', env).then((r): BackendReport => ({ ...r, requested: choice, reason: `WASM fallback: ${message}` }));
    current = { choice, report };
    void report.then((r) => listener?.(r));
  };

  const init = (choice: BackendChoice, onChange?: (report: BackendReport) => void) => {
    if (onChange) listener = onChange;
    if (current?.choice !== choice) current = { choice, report: initBackend(choice, { ...env, onDeviceLost }) };
    return current.report;
  };

  const ready = async () => {
    if (!current) throw new AppError('internal', 'The compute backend was used before it was started.');
    return current.report;
  };

  const benchmark = (params: DeviceBenchmarkParams, options: RunOptions, jobId?: string) =>
    ready().then(() => runJob(db, { kind: 'device-benchmark', workspaceId: null, params, ...(jobId ? { jobId } : {}) }, deviceBenchmarkJob(), options));

  /**
   * Runs a training job. If the GPU device is lost meanwhile, the job stops with gpu-lost (its
   * checkpoint kept) and starts again with the same id on the WASM fallback, from that checkpoint.
   */
  const resumingOnLoss = async <R>(run: (jobId: string, options: RunOptions) => Promise<JobOutcome<R>>, options: RunOptions, jobId = newId()): Promise<JobOutcome<R>> => {
    for (;;) {
      const lost = deviceLost;
      await ready();
      const controller = new AbortController();
      const stop = () => controller.abort(options.signal?.reason);
      options.signal?.addEventListener('abort', stop, { once: true });
      if (options.signal?.aborted) stop();
      training.add(controller);
      try {
        return await run(jobId, { ...options, signal: controller.signal });
      } catch (error) {
        // The read that failed may come before the device's "lost" news: wait for it (and so for
        // the WASM fallback) a little, then try again from the checkpoint.
        const gpuLost = (e: unknown) => e instanceof AppError && e.code === 'gpu-lost';
        if (!gpuLost(error) && !gpuLost(controller.signal.reason)) throw error;
        const heard = await Promise.race([lost.then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, 10_000, false))]);
        if (!heard) throw error;
      } finally {
        training.delete(controller);
        options.signal?.removeEventListener('abort', stop);
      }
    }
  };

  const fineTune = (params: FineTuneParams, options: RunOptions, jobId?: string) =>
    resumingOnLoss((id, opts) => runJob(db, { kind: 'fine-tune', workspaceId: params.workspaceId, params, jobId: id }, fineTuneJob(db, env.useLiteFiles), opts), options, jobId);

  const pretrain = (params: PretrainParams, options: RunOptions, jobId?: string) =>
    resumingOnLoss((id, opts) => runJob(db, { kind: 'pretrain', workspaceId: params.workspaceId, params, jobId: id }, pretrainJob(db, env.useLiteFiles), opts), options, jobId);

  const liveSearch = productSearch(db, env.useLiteFiles, ready);
  /** One encoder for every recommend run: USE-lite loads once per worker, not once per job. */
  const itemTextEncoder = env.useLiteFiles ? useLiteTextEmbedder(env.useLiteFiles, ready) : null;
  const discovery = {
    'search-eval': (params: SearchEvalParams, options: RunOptions, jobId?: string) =>
      ready().then(() => runJob(db, { kind: 'search-eval', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, searchEvalJob(db, env.useLiteFiles), options)),
    'review-analysis': (params: ReviewParams, options: RunOptions, jobId?: string) =>
      ready().then(() => runJob(db, { kind: 'review-analysis', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, reviewJob(db, env.useLiteFiles), options)),
    'score-reviews': (params: ScoreReviewsParams, options: RunOptions, jobId?: string) =>
      ready().then(() => runJob(db, { kind: 'score-reviews', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, scoreReviewsJob(db, env.useLiteFiles), options)),
    'recommend': (params: RecommendParams, options: RunOptions, jobId?: string) =>
      ready().then(() => runJob(db, { kind: 'recommend', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, recommendJob(db, itemTextEncoder), options)),
    'mine-rules': (params: RulesParams, options: RunOptions, jobId?: string) => runJob(db, { kind: 'mine-rules', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, rulesJob(db), options),
  };

  return {
    init,
    mineRules: (params, options) => discovery['mine-rules'](params, options),
    evaluateSearch: (params, options) => discovery['search-eval'](params, options),
    searchProducts: (workspaceId, query, k, index) => liveSearch.search(workspaceId, query, k, index),
    analyseReviews: (params, options) => discovery['review-analysis'](params, options),
    scoreReviews: (params, options) => discovery['score-reviews'](params, options),
    recommend: (params, options) => discovery['recommend'](params, options),
    pretrain: (params, options) => pretrain(params, options),
    fineTune: (params, options) => fineTune(params, options),
    report: async () => (current ? current.report : null),
    deviceBenchmark: (params, options) => benchmark(params, options),
    async resume(jobId, options) {
      const job = await db.jobs.get(jobId);
      if (job?.kind === 'pretrain') return pretrain(job.params as PretrainParams, options, jobId);
      if (job?.kind === 'fine-tune') return fineTune(job.params as FineTuneParams, options, jobId);
      if (job?.kind === 'mine-rules') return discovery['mine-rules'](job.params as RulesParams, options, jobId);
      if (job?.kind === 'search-eval') return discovery['search-eval'](job.params as SearchEvalParams, options, jobId);
      if (job?.kind === 'review-analysis') return discovery['review-analysis'](job.params as ReviewParams, options, jobId);
      if (job?.kind === 'score-reviews') return discovery['score-reviews'](job.params as ScoreReviewsParams, options, jobId);
      if (job?.kind === 'recommend') return discovery['recommend'](job.params as RecommendParams, options, jobId);
      if (!job || job.kind !== 'device-benchmark') throw new AppError('not-found', 'That job can no longer be resumed.', { jobId });
      return benchmark(job.params as DeviceBenchmarkParams, options, jobId);
    },
    async addBertFromFiles(workspaceId, files, name) {
      await ready();
      return addBertModel(db, workspaceId, readFromFiles(files), { name });
    },
    async addBertFromHubCache(workspaceId, modelId, revision = 'main') {
      await ready();
      const read = await readFromHubCache(modelId, { revision });
      return read ? addBertModel(db, workspaceId, read, { name: modelId }) : null;
    },
    loseGpuDevice: async () => destroyGpuDevice(),
  };
}
