// Data-quality issues of a source, from its profile plus one pass over its values (the
// QualityScanner) and a duplicate-row scan. Each issue says what is wrong, where (a column or
// the whole source), how many rows, a few example rows, and a suggested one-click fix as a
// cleaning step, or null when the fix is a judgement call (negative prices may be refunds).
import { categoryKey, ColumnScan, type Tally } from './quality-scan';
import { DuplicateDetector, type DuplicateReport } from './duplicates';
import { statFamily } from './read-cell';
import type { CleanStep } from './clean/steps';
import type { ColumnBatch, ColumnProfile, TableProfile } from './types';

export const issueKinds = [
  'missing-values', 'inconsistent-formats', 'mixed-currencies', 'ambiguous-dates', 'duplicate-rows', 'outliers',
  'mixed-types', 'invalid-emails', 'negative-prices', 'future-dates', 'inconsistent-categories', 'stray-whitespace', 'mojibake',
  'lost-characters',
] as const;
export type IssueKind = (typeof issueKinds)[number];

export const severities = ['error', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

export interface QualityIssue {
  /** Stable per source: `kind:column` (`*` for the whole source). */
  id: string;
  kind: IssueKind;
  column: string | null;
  severity: Severity;
  /** Rows affected (estimated for sketch-based figures). */
  count: number;
  message: string;
  exampleRows: number[];
  fix: CleanStep | null;
}

export interface QualityOptions {
  /** "Now" for future-date checks, injected so results are reproducible. */
  now: number;
}

const pct = (n: number, of: number): string => `${of === 0 ? 0 : Math.round((1000 * n) / of) / 10}%`;
const quote = (s: string): string => JSON.stringify(s);
/** A count as people read it: 1,734 rows. */
const countText = (count: number): string => count.toLocaleString('en-US');

/**
 * A fence or other computed bound to four significant digits (whole numbers kept whole), with
 * thousands separators: `-0.8815..0.8815`, `-8,604..16,113`. The digits past that are noise of
 * the estimate, not something a person checks a value against.
 */
function figure(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const wholeDigits = Math.floor(Math.log10(Math.abs(x))) + 1;
  return x.toLocaleString('en-US', { maximumFractionDigits: Math.min(20, Math.max(0, 4 - wholeDigits)) });
}

function issue(kind: IssueKind, column: string | null, severity: Severity, count: number, message: string, exampleRows: readonly number[], fix: CleanStep | null): QualityIssue {
  return { id: `${kind}:${column ?? '*'}`, kind, column, severity, count, message, exampleRows: [...exampleRows], fix };
}

function missingIssue(p: ColumnProfile): QualityIssue | null {
  if (p.missing === 0) return null;
  const family = statFamily(p.inference.type);
  let fix: CleanStep | null = null;
  if (p.missingPct <= 30 && family === 'number') fix = { op: 'impute', column: p.name, method: 'median', value: null };
  else if (p.missingPct <= 30 && (p.inference.type === 'categorical' || family === 'boolean')) fix = { op: 'impute', column: p.name, method: 'mode', value: null };
  // Sparse JSON attributes are often legitimately absent: missing cells alone are never an error.
  const severity = p.missingPct >= 20 ? 'warning' : 'info';
  return issue('missing-values', p.name, severity, p.missing, `${countText(p.missing)} rows (${p.missingPct}%) have no ${quote(p.name)}.`, p.missingRows, fix);
}

function formatIssues(p: ColumnProfile, scan: ColumnScan): QualityIssue[] {
  const out: QualityIssue[] = [];
  const { parse } = p.inference;
  const family = statFamily(p.inference.type);
  if (family === 'date' && p.formats.length > 1) {
    const list = p.formats.slice(0, 4).map((f) => f.value).join(', ');
    out.push(issue('inconsistent-formats', p.name, 'warning', scan.minorityFormat.count,
      `${quote(p.name)} mixes ${p.formats.length} date formats (${list}); ${countText(scan.minorityFormat.count)} rows differ from ${p.formats[0]!.value}.`,
      scan.minorityFormat.rows, { op: 'parse-dates', column: p.name, dayFirst: parse.dayFirst, epoch: parse.epoch }));
  }
  const num = p.numeric;
  const toNumbers = (currencyColumn: string | null): CleanStep =>
    ({ op: 'normalize-currency', column: p.name, decimal: parse.decimal, currencyColumn, defaultCurrency: parse.currency });
  const hasCurrency = (num?.currencies.length ?? 0) > 0;
  if (num && num.decimalPoint > 0 && num.decimalComma > 0) {
    out.push(issue('inconsistent-formats', p.name, 'warning', scan.minorityFormat.count,
      `${quote(p.name)} writes decimals both ways: ${countText(num.decimalPoint)} with a point, ${countText(num.decimalComma)} with a comma.`,
      scan.minorityFormat.rows, toNumbers(hasCurrency ? `${p.name}_currency` : null)));
  }
  if (num && num.currencies.length > 1) {
    const others = num.currencies.slice(1);
    const count = others.reduce((s, c) => s + c.count, 0);
    out.push(issue('mixed-currencies', p.name, 'warning', count,
      `${quote(p.name)} holds amounts in ${num.currencies.map((c) => `${c.value} (${countText(c.count)})`).join(', ')}; sums across them mix currencies.`,
      [], toNumbers(`${p.name}_currency`)));
  }
  if (p.inference.ambiguousDates) {
    const count = p.formats.filter((f) => /^(MM|DD)[/-](DD|MM)/.test(f.value)).reduce((s, f) => s + f.count, 0);
    out.push(issue('ambiguous-dates', p.name, 'info', count,
      `No date in ${quote(p.name)} has a day above 12, so ${parse.dayFirst ? 'day' : 'month'}-first is a guess; check a few rows.`,
      [], { op: 'parse-dates', column: p.name, dayFirst: parse.dayFirst, epoch: parse.epoch }));
  }
  return out;
}

/** Share of rows above which whole-row repeats in a table without ids are more likely data than accident. */
const realRepeatShare = 0.2;

/**
 * Whether whole-row repeats are probably the data itself: a table with no identifier column in
 * which a fifth of the rows or more repeat (scotch's 2,218 respondents x 21 brands: 78%).
 * Accidental duplicates (an export run twice, a join fanning out) are rarer than that, or come
 * with ids that repeat too.
 */
function repeatsLookReal(profile: TableProfile, duplicates: DuplicateReport): boolean {
  if (duplicates.columns !== null || profile.rowCount === 0) return false;
  if (profile.columns.some((c) => c.inference.type === 'identifier')) return false;
  return duplicates.count / profile.rowCount >= realRepeatShare;
}

function valueIssues(p: ColumnProfile, scan: ColumnScan): QualityIssue[] {
  const out: QualityIssue[] = [];
  const present = p.count - p.missing;
  const add = (kind: IssueKind, severity: Severity, t: Tally, message: string, fix: CleanStep | null): void => {
    if (t.count > 0) out.push(issue(kind, p.name, severity, t.count, message, t.rows, fix));
  };
  const bad = [...scan.invalidEmailValues];
  add('invalid-emails', 'warning', scan.invalidEmails, `${countText(scan.invalidEmails.count)} values in ${quote(p.name)} are not valid email addresses, e.g. ${quote(bad[0] ?? '')}.`,
    bad.length <= 50 ? { op: 'replace-values', column: p.name, replacements: bad.map((from) => ({ from, to: null })) } : null);
  add('negative-prices', 'warning', scan.negatives, `${countText(scan.negatives.count)} amounts in ${quote(p.name)} are negative (refunds, or sign errors?).`, null);
  add('future-dates', 'warning', scan.future, `${countText(scan.future.count)} dates in ${quote(p.name)} lie in the future.`, null);
  add('mojibake', 'warning', scan.mojibake, `${countText(scan.mojibake.count)} values in ${quote(p.name)} look garbled by a wrong text encoding (like "Ã©" for "é").`,
    { op: 'repair-encoding', column: p.name });
  add('lost-characters', 'info', scan.lostCharacters, `${countText(scan.lostCharacters.count)} values in ${quote(p.name)} contain "\ufffd": characters an earlier conversion could not read, before the file reached EdgeFuse. They cannot be restored here.`, null);
  const spaces = scan.edgeSpaces.count + scan.innerSpaces.count;
  if (spaces > 0) {
    out.push(issue('stray-whitespace', p.name, 'info', spaces, `${countText(spaces)} values in ${quote(p.name)} have leading, trailing or doubled spaces.`,
      [...scan.edgeSpaces.rows, ...scan.innerSpaces.rows].sort((a, b) => a - b).slice(0, 5),
      scan.innerSpaces.count > 0 ? { op: 'collapse-whitespace', column: p.name } : { op: 'trim', column: p.name }));
  }
  const mixed = mixedTypesIssue(p, scan, present);
  if (mixed) out.push(mixed);
  if (p.outliers && p.outliers.count > 0) {
    out.push(issue('outliers', p.name, 'info', p.outliers.count,
      `${countText(p.outliers.count)} values in ${quote(p.name)} lie outside ${figure(p.outliers.lower)}..${figure(p.outliers.upper)} (${p.outliers.method.toUpperCase()} fences).`,
      p.outliers.exampleRows, { op: 'flag-outliers', column: p.name, bounds: 'fences', flagColumn: `${p.name}_outlier` }));
  }
  return out;
}

/** Cells that do not read as the column's type, or numbers stored partly as text (JSON). */
function mixedTypesIssue(p: ColumnProfile, scan: ColumnScan, present: number): QualityIssue | null {
  const family = statFamily(p.inference.type);
  const invalid = family === 'text' ? (p.inference.mixed ? Math.round((1 - p.inference.confidence) * present) : 0) : p.invalid.count;
  const stored = scan.storedMinority.count;
  if (invalid === 0 && stored === 0) return null;
  const parts: string[] = [];
  if (invalid > 0) {
    const shares = p.inference.shares.map((s) => `${s.family} ${Math.round(s.share * 100)}%`).join(', ');
    parts.push(`${countText(invalid)} values (${pct(invalid, present)}) do not read as ${p.inference.type} (${shares})`);
  }
  if (stored > 0) {
    const { text, number } = p.valueTypes;
    parts.push(`${countText(stored)} values are stored as ${text < number ? 'text' : 'numbers'} while ${countText(Math.max(text, number))} are ${text < number ? 'numbers' : 'text'}`);
  }
  // Numbers stored as text read the same once converted; unreadable cells need a person.
  const fix: CleanStep | null = invalid === 0 && family === 'number'
    ? { op: 'normalize-currency', column: p.name, decimal: p.inference.parse.decimal, currencyColumn: null, defaultCurrency: null }
    : null;
  const severity: Severity = invalid > 0.2 * present ? 'error' : 'warning';
  const rows = [...p.invalid.exampleRows, ...scan.storedMinority.rows].sort((a, b) => a - b).slice(0, 5);
  return issue('mixed-types', p.name, severity, invalid + stored, `In ${quote(p.name)}, ${parts.join('; ')}.`, rows, fix);
}

/** Spellings of one category that differ only in case, spaces or Unicode form. */
function categoryIssue(p: ColumnProfile, scan: ColumnScan): QualityIssue | null {
  if (!scan.categories) return null;
  const groups = new Map<string, [string, number, number][]>();
  for (const [value, [count, row]] of scan.categories) {
    const key = categoryKey(value);
    const group = groups.get(key) ?? [];
    group.push([value, count, row]);
    groups.set(key, group);
  }
  const replacements: { from: string; to: string }[] = [];
  const rows: number[] = [];
  const shown: string[] = [];
  let count = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // The canonical spelling: the most frequent, ties to the tidier (trimmed) one, then by text.
    group.sort((a, b) => b[1] - a[1] || Number(a[0] !== a[0].trim()) - Number(b[0] !== b[0].trim()) || (a[0] < b[0] ? -1 : 1));
    const canonical = group[0]![0];
    if (shown.length < 3) shown.push(group.map((g) => quote(g[0])).join(' / '));
    for (const [value, n, row] of group.slice(1)) {
      replacements.push({ from: value, to: canonical });
      rows.push(row);
      count += n;
    }
  }
  if (replacements.length === 0) return null;
  return issue('inconsistent-categories', p.name, 'warning', count,
    `${quote(p.name)} spells the same value in several ways: ${shown.join('; ')}.`,
    rows.sort((a, b) => a - b).slice(0, 5),
    replacements.length <= 500 ? { op: 'replace-values', column: p.name, replacements } : null);
}

const severityRank: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export class QualityScanner {
  readonly #profile: TableProfile;
  readonly #scans = new Map<string, ColumnScan>();

  constructor(profile: TableProfile, options: QualityOptions) {
    this.#profile = profile;
    for (const column of profile.columns) this.#scans.set(column.name, new ColumnScan(column, options.now));
  }

  add(batch: ColumnBatch): void {
    batch.names.forEach((name, c) => this.#scans.get(name)?.add(batch.columns[c] ?? [], batch.rowIndex));
  }

  /** Issues found so far, most severe first; pass the duplicate scan to include duplicate rows. */
  issues(duplicates: DuplicateReport | null = null): QualityIssue[] {
    const out: QualityIssue[] = [];
    if (duplicates && duplicates.count > 0) {
      const over = duplicates.columns ? ` (by ${duplicates.columns.join(', ')})` : '';
      const message = `${countText(duplicates.count)} rows${over} repeat an earlier row (${pct(duplicates.count, this.#profile.rowCount)}).`;
      const examples = duplicates.examples.slice(0, 5).map((e) => e.row);
      if (repeatsLookReal(this.#profile, duplicates)) {
        // A basket matrix (one 0/1 column per brand) or a survey: rows with no id of their own,
        // where many people answering alike is the data. Dropping them would destroy it.
        out.push(issue('duplicate-rows', null, 'info', duplicates.count,
          `${message} With no id column and so many repeats, they are probably real (people who answered or bought alike): flag them rather than drop them.`,
          examples, { op: 'flag-duplicates', columns: duplicates.columns, flagColumn: 'is_duplicate' }));
      } else {
        out.push(issue('duplicate-rows', null, 'warning', duplicates.count, message, examples, { op: 'drop-duplicates', columns: duplicates.columns }));
      }
    }
    for (const p of this.#profile.columns) {
      const scan = this.#scans.get(p.name)!;
      const missing = missingIssue(p);
      const categories = categoryIssue(p, scan);
      out.push(...(missing ? [missing] : []), ...formatIssues(p, scan), ...valueIssues(p, scan), ...(categories ? [categories] : []));
    }
    const columnOrder = new Map(this.#profile.columns.map((c, i) => [c.name, i]));
    return out.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]
      || (columnOrder.get(a.column ?? '') ?? -1) - (columnOrder.get(b.column ?? '') ?? -1)
      || issueKinds.indexOf(a.kind) - issueKinds.indexOf(b.kind));
  }
}

/** Quality issues of data held in one batch: duplicate scan, value scan and profile-based checks. */
export function assessQuality(batch: ColumnBatch, profile: TableProfile, options: QualityOptions): QualityIssue[] {
  const scanner = new QualityScanner(profile, options);
  scanner.add(batch);
  const duplicates = new DuplicateDetector();
  duplicates.add(batch);
  return scanner.issues(duplicates.result());
}
