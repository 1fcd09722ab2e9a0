import {
  activeSteps, applySteps, cleanStatsFrom, DuplicateDetector, parseHistory, QualityScanner, TableProfiler,
  type CleanStats, type CleanStep, type DuplicateReport, type QualityIssue, type TableProfile, type TypeInference,
} from '../profile';
import type { EdgeFuseDb, Source } from '../store';
import { readChunkColumns } from './read-chunk';

// What a source looks like after the user's choices: its cleaning steps applied on read (the
// raw chunks are never rewritten) and its type overrides, profiled again, and checked for
// data-quality issues. Each pass reads the stored chunks in order, one chunk in memory.

export interface SourceAnalysis {
  profile: TableProfile;
  issues: QualityIssue[];
}

export interface AnalyseOptions {
  signal?: AbortSignal;
  /** Called after each chunk of each pass with (done, total) chunks. */
  onProgress?: (done: number, total: number) => void;
  /** "Now" for future-date checks. */
  now?: number;
}

/** The user's type choice replaces the inferred one; how cells are parsed is kept. */
function overriddenInferences(source: Source, raw: TableProfile): Record<string, TypeInference> {
  const inferences: Record<string, TypeInference> = {};
  for (const column of raw.columns) {
    const type = source.overrides[column.name]?.type;
    if (type && type !== column.inference.type) inferences[column.name] = { ...column.inference, type: type as TypeInference['type'], confidence: 1, because: 'Set by you.' };
  }
  return inferences;
}

function duplicateKeysOf(steps: readonly CleanStep[]): (string[] | null)[] {
  return steps.flatMap((step) => (step.op === 'drop-duplicates' || step.op === 'flag-duplicates' ? [step.columns] : []));
}

/** Statistics the active steps need: column figures from the raw profile, duplicates from a scan. */
export async function cleanStatsOf(db: EdgeFuseDb, source: Source, steps: readonly CleanStep[], options: AnalyseOptions = {}): Promise<CleanStats> {
  const raw = source.profile;
  if (!raw) return cleanStatsFrom({ rowCount: source.rowCount, columns: [] });
  const keys = duplicateKeysOf(steps);
  const reports: DuplicateReport[] = [];
  if (keys.length > 0) {
    const detectors = keys.map((columns) => new DuplicateDetector(columns));
    for (let index = 0; index < source.chunkCount; index++) {
      options.signal?.throwIfAborted();
      const batch = await readChunkColumns(db, source, index);
      for (const detector of detectors) detector.add(batch);
    }
    reports.push(...detectors.map((d) => d.result()));
  }
  return cleanStatsFrom(raw, reports);
}

export async function analyseSource(db: EdgeFuseDb, source: Source, options: AnalyseOptions = {}): Promise<SourceAnalysis> {
  const raw = source.profile;
  if (!raw) return { profile: { rowCount: source.rowCount, columns: [] }, issues: [] };
  const steps = activeSteps(parseHistory(source.history));
  const inferences = overriddenInferences(source, raw);
  const stats = await cleanStatsOf(db, source, steps, options);
  const passes = steps.length > 0 || Object.keys(inferences).length > 0 ? 2 : 1;
  const total = passes * source.chunkCount;
  let done = 0;
  const eachBatch = async (visit: (batch: Awaited<ReturnType<typeof readChunkColumns>>) => void) => {
    for (let index = 0; index < source.chunkCount; index++) {
      options.signal?.throwIfAborted();
      visit(applySteps(await readChunkColumns(db, source, index), steps, stats));
      options.onProgress?.(++done, total);
      // Let a cancel message reach the worker between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  let profile = raw;
  if (passes === 2) {
    const profiler = new TableProfiler({ inferences });
    await eachBatch((batch) => profiler.add(batch));
    profile = profiler.result();
  }
  const scanner = new QualityScanner(profile, { now: options.now ?? Date.now() });
  const duplicates = new DuplicateDetector();
  await eachBatch((batch) => {
    scanner.add(batch);
    duplicates.add(batch);
  });
  return { profile, issues: scanner.issues(duplicates.result()) };
}

/** The quality pass run right after an import: issues of the source as imported. */
export async function checkImportedSource(db: EdgeFuseDb, source: Source, signal?: AbortSignal): Promise<Source> {
  const { issues } = await analyseSource(db, source, signal ? { signal } : {});
  await db.sources.update(source.id, { issues });
  return { ...source, issues };
}
