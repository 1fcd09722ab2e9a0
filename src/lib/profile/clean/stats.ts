// CleanStats from a profile (and duplicate scans): the whole-column figures that impute and
// outlier steps read, gathered before the cleaning pass.
import { duplicateKey, type DuplicateReport } from '../duplicates';
import type { CleanStats, ColumnCleanStats } from './steps';
import type { ColumnProfile, TableProfile } from '../types';

export function columnCleanStats(profile: ColumnProfile): ColumnCleanStats {
  const numeric = profile.numeric;
  return {
    type: profile.inference.type,
    parse: profile.inference.parse,
    mean: numeric ? numeric.mean : null,
    median: numeric ? numeric.quantiles.p50 : null,
    mode: profile.topValues[0]?.value ?? null,
    quantiles: numeric ? numeric.quantiles : null,
    fences: profile.outliers ? { lower: profile.outliers.lower, upper: profile.outliers.upper, method: profile.outliers.method } : null,
  };
}

export function cleanStatsFrom(profile: TableProfile, duplicates: readonly DuplicateReport[] = []): CleanStats {
  // fromEntries defines own properties, so a column named `__proto__` stays an ordinary key.
  return {
    columns: Object.fromEntries(profile.columns.map((c) => [c.name, columnCleanStats(c)])),
    duplicates: Object.fromEntries(duplicates.map((r) => [duplicateKey(r.columns), r.rows])),
  };
}
