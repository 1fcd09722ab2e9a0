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
import { readCell, statFamily, type TypedCell } from './read-cell';
import { ValueSample } from './sample';
import { stringPattern } from './string-patterns';
import { TopValues } from './top-values';
import { TypedStats } from './typed-stats';
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
const patternStride = 4;

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
  #exact: Map<string, number> | null = new Map();
  readonly #hll = new HyperLogLog();
  readonly #top: TopValues;
  readonly #patterns = new TopValues(64);
  /** Parsed cells by text while values repeat (exact mode): parse each distinct text once. */
  #cells = new Map<string, TypedCell>();
  readonly #valueTypes = { text: 0, number: 0, boolean: 0 };
  #spilled = 0;
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
    for (let i = 0; i < values.length; i++) this.#addAt(values[i] ?? null, rowIndex[i] ?? i);
  }

  #addAt(value: CellValue, row: number): void {
    this.#count++;
    const text = cellText(value);
    if (text === null) {
      this.#missing++;
      if (this.#missingRows.length < exampleLimit) this.#missingRows.push(row);
      return;
    }
    this.#valueTypes[typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text']++;
    if (this.#exact) {
      this.#exact.set(text, (this.#exact.get(text) ?? 0) + 1);
      if (this.#exact.size > this.#options.exactDistinctLimit) this.#spill();
    } else {
      this.#hll.add(text);
      // Past the exact limit, top values and shapes come from every 4th value (weighted 4):
      // their counts are estimates there anyway, and per-cell map updates and shapes were
      // half the profiling time of near-unique columns. A value more frequent than
      // n / capacity is still found, with its count off by the sampling error.
      if (++this.#spilled % patternStride === 0) {
        this.#top.add(text, patternStride);
        this.#patterns.add(stringPattern(text), patternStride);
      }
    }
    this.#minLength = Math.min(this.#minLength, text.length);
    this.#maxLength = Math.max(this.#maxLength, text.length);
    this.#lengthSum += text.length;
    this.#sample.add(value);
    this.#addTyped(value, row, text);
  }

  /** Hands the exact counts over to the bounded sketches, which carry on from here. */
  #spill(): void {
    const exact = this.#exact;
    if (!exact) return;
    for (const [text, count] of exact) {
      this.#hll.add(text);
      this.#top.add(text, count);
      this.#patterns.add(stringPattern(text), count);
    }
    this.#exact = null;
    this.#cells.clear();
  }

  #addTyped(value: CellValue, row: number, text: string): void {
    if (this.#inference && this.#typed) {
      let cell = this.#exact ? this.#cells.get(text) : undefined;
      if (cell === undefined) {
        cell = readCell(value, this.#inference.type, this.#inference.parse);
        if (this.#exact) this.#cells.set(text, cell);
      }
      this.#typed.add(cell, row);
      return;
    }
    this.#pending.push({ value, row });
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
      for (const [v, n] of other.#exact) this.#exact.set(v, (this.#exact.get(v) ?? 0) + n);
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
      topValues: this.#exact ? exactTop(this.#exact, topCount) : this.#top.top(topCount),
      topValuesExact: this.#exact !== null || this.#top.exact,
      patterns: this.#exact ? exactPatterns(this.#exact, topCount) : this.#patterns.top(topCount),
      formats: family === 'number' || family === 'date' ? typed.formats.top(topCount) : [],
      invalid: { count: typed.invalid, exampleRows: typed.invalidRows },
      outliers: family === 'number' ? typed.outliers() : null,
    };
  }
}
