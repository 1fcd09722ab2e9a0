// Profiles every column of a source as batches stream by. Columns that appear mid-stream (JSON
// documents differ) count as missing in the rows before they appeared, as storage reads them.
import { ColumnProfiler, type ProfilerOptions } from './column-profiler';
import type { CellValue } from '../store';
import type { ColumnBatch, TableProfile, TypeInference } from './types';

export interface TableProfilerOptions extends Omit<ProfilerOptions, 'inference'> {
  /** Decided types by column name, e.g. from a first pass or another worker. */
  inferences?: Readonly<Record<string, TypeInference>>;
}

export class TableProfiler {
  readonly #options: TableProfilerOptions;
  readonly #columns = new Map<string, ColumnProfiler>();
  #rowCount = 0;

  constructor(options: TableProfilerOptions = {}) {
    this.#options = options;
  }

  get rowCount(): number {
    return this.#rowCount;
  }

  #column(name: string): ColumnProfiler {
    let profiler = this.#columns.get(name);
    if (!profiler) {
      const { inferences, ...rest } = this.#options;
      const inference = inferences?.[name];
      profiler = new ColumnProfiler(name, inference ? { ...rest, inference } : rest);
      if (this.#rowCount > 0) profiler.add(new Array(this.#rowCount).fill(null), 0);
      this.#columns.set(name, profiler);
    }
    return profiler;
  }

  /** Adds consecutive rows as the import hands them over (`SourceWriter.onRows` or `onChunk`). */
  addChunk(chunk: { names: string[]; columns: CellValue[][]; rowStart: number }): void {
    const rows = chunk.columns[0]?.length ?? 0;
    this.add({ names: chunk.names, columns: chunk.columns, rowIndex: Int32Array.from({ length: rows }, (_, i) => chunk.rowStart + i) });
  }

  add(batch: ColumnBatch): void {
    const rows = batch.rowIndex.length;
    batch.names.forEach((name, c) => this.#column(name).addRows(batch.columns[c] ?? [], batch.rowIndex));
    for (const [name, profiler] of this.#columns) {
      if (!batch.names.includes(name)) profiler.addRows(new Array(rows).fill(null), batch.rowIndex);
    }
    this.#rowCount += rows;
  }

  /** Folds in the profile of later rows of the same source. */
  merge(other: TableProfiler): void {
    for (const [name, theirs] of other.#columns) {
      const mine = this.#columns.get(name);
      if (mine) mine.merge(theirs);
      else {
        const fresh = this.#column(name);
        fresh.merge(theirs);
      }
    }
    for (const [name, mine] of this.#columns) {
      if (!other.#columns.has(name) && other.#rowCount > 0) mine.add(new Array(other.#rowCount).fill(null), this.#rowCount);
    }
    this.#rowCount += other.#rowCount;
  }

  result(): TableProfile {
    return { rowCount: this.#rowCount, columns: [...this.#columns.values()].map((p) => p.result()) };
  }
}

/** Profiles one batch in one go. */
export function profileBatch(batch: ColumnBatch, options: TableProfilerOptions = {}): TableProfile {
  const profiler = new TableProfiler(options);
  profiler.add(batch);
  return profiler.result();
}
