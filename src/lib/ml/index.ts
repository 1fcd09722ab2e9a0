// Pure exports only: the page imports this index and must not pull in tfjs. The ML worker
// imports the runtime (api.ts) itself.
export { backendChoices, backendSettingKey, parseBackendChoice, type BackendChoice, type BackendName, type BackendReport, type AdapterSummary, type BackendEnvironment } from './backend-choice';
export type { DeviceBenchmarkParams, DeviceBenchmarkResult, MatmulFigure } from './device-benchmark';
export type { MlApi } from './api';
export type { FineTuneParams, FineTuneResult } from './fine-tune-job';
export type { PretrainParams, PretrainResult, PretrainStart } from './pretrain-job';
