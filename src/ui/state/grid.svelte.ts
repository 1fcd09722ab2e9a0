import type { FilterSpec, SortSpec, Source, CellValue } from '../../lib/store';
import { readRows, readRowsById } from '../../lib/store';
import { db } from '../db';
import { ingestWorker } from '../workers';

// One grid's view of a source: filters and sort (computed in the ingest worker as a row-id
// array), and pages of rows fetched on demand and kept in a small LRU cache, so scrolling a
// million rows reads only the chunks under the viewport.

export const pageRows = 100;
const cachedPages = 40;

export class GridView {
  readonly source: Source;
  #filters = $state.raw<FilterSpec[]>([]);
  #sort = $state.raw<SortSpec | null>(null);
  #rowIds = $state.raw<Int32Array | null>(null);
  #busy = $state(false);
  #version = $state(0);
  #pages = new Map<string, CellValue[][]>();

  constructor(source: Source) {
    this.source = source;
  }

  get filters() {
    return this.#filters;
  }
  get sort() {
    return this.#sort;
  }
  get busy() {
    return this.#busy;
  }
  /** Bumps whenever the rows behind the view change; pages fetched before are stale. */
  get version() {
    return this.#version;
  }
  get rowCount(): number {
    return this.#rowIds ? this.#rowIds.length : this.source.rowCount;
  }

  async #query(filters: FilterSpec[], sort: SortSpec | null): Promise<void> {
    this.#filters = filters;
    this.#sort = sort;
    this.#busy = true;
    try {
      this.#rowIds = filters.length || sort ? await ingestWorker.api().queryRows(this.source.id, filters, sort) : null;
    } finally {
      this.#busy = false;
      this.#pages.clear();
      this.#version++;
    }
  }

  toggleSort(column: number): Promise<void> {
    const current = this.#sort;
    const next = current?.column !== column ? { column, descending: false } : current.descending ? null : { column, descending: true };
    return this.#query(this.#filters, next);
  }

  setFilters(filters: FilterSpec[]): Promise<void> {
    return this.#query(filters, this.#sort);
  }

  /** Rows [page * pageRows, ...) of the current view. */
  async page(page: number): Promise<{ rowNumbers: number[]; rows: CellValue[][] }> {
    const start = page * pageRows;
    const end = Math.min(this.rowCount, start + pageRows);
    const ids = this.#rowIds ? Array.from(this.#rowIds.subarray(start, end)) : Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
    const key = `${this.#version}:${page}`;
    let rows = this.#pages.get(key);
    if (!rows) {
      rows = this.#rowIds ? await readRowsById(db, this.source.id, ids) : (await readRows(db, this.source.id, start, end - start)).rows;
      this.#pages.set(key, rows);
      if (this.#pages.size > cachedPages) this.#pages.delete(this.#pages.keys().next().value!);
    }
    return { rowNumbers: ids, rows };
  }
}
