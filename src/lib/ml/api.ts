import { AppError } from '../errors';
import { runJob, type JobOutcome, type RunOptions } from '../jobs';
import type { Proxied } from '../jobs/rpc';
import { openDb, type EdgeFuseDb } from '../store';
import { destroyGpuDevice, initBackend } from './backend';
import type { BackendChoice, BackendEnvironment, BackendReport } from './backend-choice';
import { deviceBenchmarkJob, type DeviceBenchmarkParams, type DeviceBenchmarkResult } from './device-benchmark';
import { fineTuneJob, type FineTuneParams, type FineTuneResult } from './fine-tune-job';
import { pretrainJob, type PretrainParams, type PretrainResult } from './pretrain-job';
import type { ReadFile } from './models';

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

  const onDeviceLost = (message: string) => {
    // Fall back to WASM at once; work that was on the GPU fails with gpu-lost and can resume.
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

  const fineTune = (params: FineTuneParams, options: RunOptions, jobId?: string) =>
    ready().then(() => {
      if (!env.useLiteFiles) throw new AppError('unsupported', 'The sentence encoder is not available here.');
      return runJob(db, { kind: 'fine-tune', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, fineTuneJob(db, env.useLiteFiles), options);
    });

  const pretrain = (params: PretrainParams, options: RunOptions, jobId?: string) =>
    ready().then(() => runJob(db, { kind: 'pretrain', workspaceId: params.workspaceId, params, ...(jobId ? { jobId } : {}) }, pretrainJob(db), options));

  return {
    init,
    pretrain: (params, options) => pretrain(params, options),
    fineTune: (params, options) => fineTune(params, options),
    report: async () => (current ? current.report : null),
    deviceBenchmark: (params, options) => benchmark(params, options),
    async resume(jobId, options) {
      const job = await db.jobs.get(jobId);
      if (job?.kind === 'pretrain') return pretrain(job.params as PretrainParams, options, jobId);
      if (job?.kind === 'fine-tune') return fineTune(job.params as FineTuneParams, options, jobId);
      if (!job || job.kind !== 'device-benchmark') throw new AppError('not-found', 'That job can no longer be resumed.', { jobId });
      return benchmark(job.params as DeviceBenchmarkParams, options, jobId);
    },
    loseGpuDevice: async () => destroyGpuDevice(),
  };
}
