// Profiles one column in a single streaming pass, batch by batch, in bounded memory: exact
// distinct values up to a limit then HyperLogLog, Space-Saving top values and patterns, a KLL
// sketch for quantiles, histogram and outliers. Numbers and dates are profiled as parsed
// values (`€1.234,50` counts as 1234.5), which needs the column's type: either given (all
// parallel profilers of a column should share one), or inferred from the first `headSize`
// non-missing cells, which are held back until then. `result()` re-infers from the head plus a
// reservoir of later cells, so the reported type reflects the whole column.
import { AppError } from '../errors';
import { cellText } from './cell-text';
import { HyperLogLog } from './hyperloglog';
import { inferType } from './infer-type';
import { parseBooleanCell } from './parse-boolean';
import { parseDate } from './parse-date';
import { parseNumberCell } from './parse-number';
import { readCell, statFamily, type TypedCell } from './read-cell';
import { ownString } from './own-string';
import { ValueSample } from './sample';
import { StratifiedSample } from './stratified-sample';
import { stringPattern } from './string-patterns';
import { TopValues } from './top-values';
import { TypedStats } from './typed-stats';
import { emailPattern } from './value-kind';
import type { CellValue } from '../store';
import type { ColumnProfile, TypeInference, ValueCount } from './types';

export interface ProfilerOptions {
  /** The column's type, when already decided (e.g. from the first chunk, shared by workers). */
  inference?: TypeInference;
  /** Non-missing cells read before the type is decided (when not given). */
  headSize?: number;
  reservoirSize?: number;
  /** Distinct values are counted exactly up to this many, estimated beyond. */
  exactDistinctLimit?: number;
  /** Space-Saving counters for top values; values above n / capacity are never missed. */
  topCapacity?: number;
  /** How many top values and patterns the profile lists. */
  topCount?: number;
  sketchK?: number;
  histogramBins?: number;
}

const defaults = {
  headSize: 1000, reservoirSize: 1000, exactDistinctLimit: 10_000, topCapacity: 256, topCount: 10, sketchK: 200, histogramBins: 20,
};
type Settings = typeof defaults;

const exampleLimit = 5;
const topSample = 4;
const shapeSample = 16;

/** Two inferences read cells the same way, so their statistics may be merged. */
function sameReading(a: TypeInference, b: TypeInference): boolean {
  const family = statFamily(a.type);
  if (family !== statFamily(b.type)) return false;
  if (family === 'number') return a.parse.decimal === b.parse.decimal;
  if (family === 'date') return a.parse.dayFirst === b.parse.dayFirst && a.parse.epoch === b.parse.epoch;
  return true;
}

function exactTop(counts: ReadonlyMap<string, number>, n: number): ValueCount[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([value, count]) => ({ value, count }));
}

function exactPatterns(counts: ReadonlyMap<string, number>, n: number): ValueCount[] {
  const patterns = new Map<string, number>();
  for (const [text, count] of counts) {
    const p = stringPattern(text);
    patterns.set(p, (patterns.get(p) ?? 0) + count);
  }
  return exactTop(patterns, n);
}

/**
 * `typed.add(readCell(...), row)` for a present cell, without the TypedCell in between: the
 * per-cell path of near-unique columns (dates, amounts), where nothing is cached by text.
 */
function addTypedValue(typed: TypedStats, inference: TypeInference, value: CellValue, text: string, row: number): void {
  switch (statFamily(inference.type)) {
    case 'number': {
      const parsed = parseNumberCell(typeof value === 'string' ? value.trim() : value, inference.parse.decimal);
      if (parsed) typed.addNumber(parsed, row);
      else typed.addInvalid(row);
      return;
    }
    case 'date': {
      const date = parseDate(value, inference.parse);
      if (date) typed.addDate(date);
      else typed.addInvalid(row);
      return;
    }
    case 'boolean': {
      const b = parseBooleanCell(value);
      if (b === null) typed.addInvalid(row);
      else typed.addBoolean(b);
      return;
    }
    case 'text':
      if (inference.type === 'email' && !emailPattern.test(text.trim())) typed.addInvalid(row);
  }
}

/** A distinct text's count while counts are exact, and its cell as read under the column's type. */
interface ExactEntry {
  count: number;
  cell: TypedCell | null;
}

export class ColumnProfiler {
  readonly name: string;
  readonly #options: Settings;
  #inference: TypeInference | null;
  readonly #fixed: boolean;
  #pending: { value: CellValue; row: number }[] = [];
  #typed: TypedStats | null = null;
  readonly #sample: ValueSample;
  #count = 0;
  #missing = 0;
  #missingRows: number[] = [];
  /**
   * Exact counts per distinct value until there are too many. Distinct count, top values and
   * patterns are read off it; only after it spills do HyperLogLog and Space-Saving take over.
   */
  #exact: Map<string, ExactEntry> | null = new Map();
  readonly #hll = new HyperLogLog();
  readonly #top: TopValues;
  readonly #patterns = new TopValues(64);
  readonly #valueTypes = { text: 0, number: 0, boolean: 0 };
  readonly #topSample = new StratifiedSample(topSample, 0x70b5);
  readonly #shapeSample = new StratifiedSample(shapeSample, 0x5ba9e);
  #minLength = Infinity;
  #maxLength = 0;
  #lengthSum = 0;

  constructor(name: string, options: ProfilerOptions = {}) {
    this.name = name;
    const { inference, ...rest } = options;
    this.#options = { ...defaults, ...rest };
    this.#inference = inference ?? null;
    this.#fixed = inference !== undefined;
    this.#sample = new ValueSample(this.#options.headSize, this.#options.reservoirSize);
    this.#top = new TopValues(this.#options.topCapacity);
    if (inference) this.#typed = this.#newTyped(inference);
  }

  #newTyped(inference: TypeInference): TypedStats {
    const { sketchK, histogramBins } = this.#options;
    return new TypedStats({ sketchK, histogramBins, integer: inference.type === 'integer' });
  }

  /** Adds cells of consecutive rows starting at `rowStart`. */
  add(values: readonly CellValue[], rowStart: number): void {
    for (let i = 0; i < values.length; i++) this.#addAt(values[i] ?? null, rowStart + i);
  }

  /** Adds cells whose original row numbers are given (a filtered batch). */
  addRows(values: readonly CellValue[], rowIndex: Int32Array): void {
    // The column's hot loop: text lengths are summed in locals and missing cells handled
    // inline; everything else per cell is #addPresent.
    let minLength = this.#minLength;
    let maxLength = this.#maxLength;
    let lengthSum = this.#lengthSum;
    let missing = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] ?? null;
      const text = cellText(value);
      if (text === null) {
        missing++;
        if (this.#missingRows.length < exampleLimit) this.#missingRows.push(rowIndex[i] ?? i);
        continue;
      }
      const length = text.length;
      if (length < minLength) minLength = length;
      if (length > maxLength) maxLength = length;
      lengthSum += length;
      this.#addPresent(value, text, rowIndex[i] ?? i);
    }
    this.#count += values.length;
    this.#missing += missing;
    this.#minLength = minLength;
    this.#maxLength = maxLength;
    this.#lengthSum = lengthSum;
  }

  #addAt(value: CellValue, row: number): void {
    this.#count++;
    const text = cellText(value);
    if (text === null) {
      this.#missing++;
      if (this.#missingRows.length < exampleLimit) this.#missingRows.push(row);
      return;
    }
    this.#minLength = Math.min(this.#minLength, text.length);
    this.#maxLength = Math.max(this.#maxLength, text.length);
    this.#lengthSum += text.length;
    this.#addPresent(value, text, row);
  }

  /** A present cell, past the missing check and length statistics. */
  #addPresent(value: CellValue, text: string, row: number): void {
    this.#valueTypes[typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text']++;
    let entry: ExactEntry | undefined;
    const exact = this.#exact;
    if (exact) {
      entry = exact.get(text);
      if (entry === undefined) {
        // Kept as a key (and in its read cell): a copy that does not hold the chunk's text.
        text = ownString(text);
        if (typeof value === 'string') value = text;
        entry = { count: 0, cell: null };
        exact.set(text, entry);
      }
      entry.count++;
      if (exact.size > this.#options.exactDistinctLimit) {
        this.#spill();
        entry = undefined;
      }
    } else {
      this.#hll.add(text);
      // Past the exact limit, top values come from a one-in-4 sample of the cells (weighted 4)
      // and shapes from one in 16 (weighted 16): their counts are estimates there anyway, and
      // per-cell map updates and shapes were half the profiling time of near-unique columns.
      // A value more frequent than n / capacity is still found, with its count off by the
      // sampling error; shapes are few, so each common one is still seen thousands of times.
      if (this.#topSample.take()) this.#top.add(text, topSample);
      if (this.#shapeSample.take()) this.#patterns.add(stringPattern(text), shapeSample);
    }
    this.#sample.add(value);
    this.#addTyped(value, row, text, entry);
  }

  /** Hands the exact counts over to the bounded sketches, which carry on from here. */
  #spill(): void {
    const exact = this.#exact;
    if (!exact) return;
    for (const [text, { count }] of exact) {
      this.#hll.add(text);
      this.#top.add(text, count);
      this.#patterns.add(stringPattern(text), count);
    }
    this.#exact = null;
  }

  /** `entry` is the text's exact count while there is one: its parsed cell is kept there. */
  #addTyped(value: CellValue, row: number, text: string, entry?: ExactEntry): void {
    const inference = this.#inference;
    const typed = this.#typed;
    if (inference && typed) {
      if (entry === undefined) {
        addTypedValue(typed, inference, value, text, row);
        return;
      }
      entry.cell ??= readCell(value, inference.type, inference.parse);
      typed.add(entry.cell, row);
      return;
    }
    this.#pending.push({ value: typeof value === 'string' ? ownString(value) : value, row });
    if (this.#pending.length >= this.#options.headSize) this.#decide();
  }

  /** Decides the type from the held-back head and reads it. */
  #decide(): void {
    const inference = inferType(this.name, this.#pending.map((p) => p.value));
    this.#adopt(inference);
  }

  #adopt(inference: TypeInference): void {
    this.#inference = inference;
    const typed = this.#newTyped(inference);
    for (const { value, row } of this.#pending) typed.add(readCell(value, inference.type, inference.parse), row);
    this.#typed = typed;
    this.#pending = [];
  }

  /** Folds in the profile of another part of the same column (e.g. from another worker). */
  merge(other: ColumnProfiler): void {
    if (other.name !== this.name) {
      throw new AppError('internal', `Internal error: cannot merge profiles of columns "${this.name}" and "${other.name}". Please report this.`);
    }
    this.#count += other.#count;
    this.#missing += other.#missing;
    this.#missingRows = [...this.#missingRows, ...other.#missingRows].sort((a, b) => a - b).slice(0, exampleLimit);
    if (this.#exact && other.#exact) {
      for (const [v, { count }] of other.#exact) {
        const mine = this.#exact.get(v);
        if (mine) mine.count += count;
        else this.#exact.set(v, { count, cell: null });
      }
      if (this.#exact.size > this.#options.exactDistinctLimit) this.#spill();
    } else {
      this.#spill();
      other.#spill();
    }
    this.#valueTypes.text += other.#valueTypes.text;
    this.#valueTypes.number += other.#valueTypes.number;
    this.#valueTypes.boolean += other.#valueTypes.boolean;
    this.#hll.merge(other.#hll);
    this.#top.merge(other.#top);
    this.#patterns.merge(other.#patterns);
    this.#minLength = Math.min(this.#minLength, other.#minLength);
    this.#maxLength = Math.max(this.#maxLength, other.#maxLength);
    this.#lengthSum += other.#lengthSum;
    this.#sample.merge(other.#sample);
    if (!other.#inference || !other.#typed) {
      for (const { value, row } of other.#pending) this.#addTyped(value, row, cellText(value) ?? '');
      return;
    }
    if (!this.#inference) this.#adopt(other.#inference);
    if (!this.#inference || !this.#typed || !sameReading(this.#inference, other.#inference)) {
      throw new AppError(
        'unsupported',
        `The parts of column "${this.name}" were read with different conventions (${this.#inference?.type} vs ${other.#inference.type}), so their profiles cannot be combined. Profile the column again in one piece.`,
        { column: this.name },
      );
    }
    this.#typed.merge(other.#typed);
  }

  /**
   * Top values once counts are estimates: only those whose count stands above what sampling
   * and the counters' decrements can make up. A value seen once in the one-in-4 sample counts
   * 4, so without this an id column listed its last few ids as appearing 4 times each.
   */
  #frequentValues(n: number): ValueCount[] {
    const floor = Math.max(topSample, this.#top.maxError);
    return this.#top.top(n).filter((v) => v.count > floor);
  }

  /**
   * The profile so far; profiling may continue afterwards. Asked before the head is complete
   * (a progress view), it decides on what it has without committing to it, so the final
   * profile does not depend on when results were looked at.
   */
  result(): ColumnProfile {
    let decided = this.#inference;
    let typed = this.#typed;
    if (!decided || !typed) {
      const inference = inferType(this.name, this.#pending.map((p) => p.value));
      const provisional = this.#newTyped(inference);
      for (const { value, row } of this.#pending) provisional.add(readCell(value, inference.type, inference.parse), row);
      decided = inference;
      typed = provisional;
    }
    const again = this.#fixed ? decided : inferType(this.name, this.#sample.values());
    // The stats were read under `decided`; report the fuller re-inference only if it reads alike.
    const inference = sameReading(again, decided) ? { ...again, parse: { ...again.parse, decimal: decided.parse.decimal, dayFirst: decided.parse.dayFirst, epoch: decided.parse.epoch } } : decided;
    const family = statFamily(decided.type);
    const present = this.#count - this.#missing;
    const { topCount } = this.#options;
    const exactCounts = this.#exact ? new Map([...this.#exact].map(([text, e]) => [text, e.count])) : null;
    return {
      name: this.name,
      inference,
      count: this.#count,
      missing: this.#missing,
      missingPct: this.#count === 0 ? 0 : Number(((100 * this.#missing) / this.#count).toFixed(2)),
      missingRows: this.#missingRows,
      valueTypes: { ...this.#valueTypes },
      distinct: this.#exact ? { value: this.#exact.size, exact: true } : { value: this.#hll.estimate(), exact: false },
      numeric: family === 'number' ? typed.numeric() : null,
      dates: family === 'date' ? typed.dates() : null,
      booleans: family === 'boolean' ? { trueCount: typed.trueCount, falseCount: typed.falseCount } : null,
      strings: family === 'text' && present > 0
        ? { minLength: this.#minLength, maxLength: this.#maxLength, meanLength: Number((this.#lengthSum / present).toFixed(2)) }
        : null,
      topValues: exactCounts ? exactTop(exactCounts, topCount) : this.#frequentValues(topCount),
      topValuesExact: this.#exact !== null || this.#top.exact,
      patterns: exactCounts ? exactPatterns(exactCounts, topCount) : this.#patterns.top(topCount),
      formats: family === 'number' || family === 'date' ? typed.formats.top(topCount) : [],
      invalid: { count: typed.invalid, exampleRows: typed.invalidRows },
      outliers: family === 'number' ? typed.outliers() : null,
    };
  }
}
