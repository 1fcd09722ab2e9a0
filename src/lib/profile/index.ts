export * from './types';
export { isMissing, cellText } from './cell-text';
export { parseNumber, parseNumberCell, detectDecimalSeparator, type ParsedNumber, type DecimalDetection } from './parse-number';
export { currencyCode, currencyCodes } from './currencies';
export { parseDate, matchDate, resolveDate, epochDate, isoFromMs, type DateParseOptions, type ParsedDate, type DateMatch } from './parse-date';
export { detectDateFormat, type DateDetection } from './date-detect';
export { parseBooleanCell, booleanWord } from './parse-boolean';
export { classifyValue, valueKinds, type ValueKind } from './value-kind';
export { nameTokens } from './names';
export { inferType } from './infer-type';
export { readCell, statFamily, statFamilies, type StatFamily, type TypedCell } from './read-cell';
export { roles, suggestRoles, bestRole, type Role, type RoleSuggestion, type RoleInput } from './roles';
export { HyperLogLog } from './hyperloglog';
export { QuantileSketch } from './quantile-sketch';
export { TopValues } from './top-values';
export { histogramFromSketch, niceStep, type HistogramScale } from './histogram';
export { stringPattern } from './string-patterns';
export { outlierFences, outlierSummary, ExtremeTracker, defaultFenceFactor, type Extreme } from './outliers';
export { ValueSample } from './sample';
export { ColumnProfiler, type ProfilerOptions } from './column-profiler';
export { TableProfiler, profileBatch, type TableProfilerOptions } from './table-profiler';
export { batchFromRecords, batchRows, batchLength, filterRows } from './batch';
export { DuplicateDetector, duplicateKey, type DuplicateReport } from './duplicates';
export { QualityScanner, assessQuality, issueKinds, severities, type IssueKind, type Severity, type QualityIssue, type QualityOptions } from './quality';
export { isValidEmail, categoryKey } from './quality-scan';
export { issueCellTest, type CellTest } from './issue-rows';
export {
  cleanOps, caseModes, unicodeForms, imputeMethods, outlierBounds, unitDimensions, describeStep,
  type CleanOp, type CleanStep, type CaseMode, type UnicodeForm, type ImputeMethod, type OutlierBounds, type UnitDimension,
  type Replacement, type CleanStats, type ColumnCleanStats,
} from './clean/steps';
export { applyStep, applySteps, emptyCleanStats } from './clean/apply';
export { cleanStatsFrom, columnCleanStats } from './clean/stats';
export { parseCleanStep } from './clean/parse-step';
export { hasMojibake, repairMojibake } from './clean/encoding';
export { toBaseUnit, unitFactors } from './clean/units';
export { emptyHistory, push, undo, redo, canUndo, canRedo, jumpTo, activeSteps, parseHistory, type HistoryState } from './history';
export { localChunkProfiler, type ChunkProfiler } from './chunk-profiler';
export { encodedBatch, decodeBatch, type EncodedBatch, type CellOrigin } from './encoded-batch';
export { createProfileApi, type ProfileApi } from './profile-api';
