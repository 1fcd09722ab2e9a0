// Shared imports for the cleaning tests, so each test file reads as the domain's public API.
export { AppError as AppErrorLike } from '../../../src/lib/errors';
export {
  applyStep, applySteps, batchFromRecords, batchRows, cleanStatsFrom, DuplicateDetector, parseCleanStep, profileBatch,
  type CleanStats, type CleanStep, type ColumnBatch,
} from '../../../src/lib/profile';
