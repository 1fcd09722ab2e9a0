import { activeSteps, applySteps, parseHistory, type CleanStats, type CleanStep } from '../../lib/profile';
import type { FilterSpec, SortSpec, Source, CellValue } from '../../lib/store';
import { findImageColumn, imageKey, imagesByKey, readRows, readRowsById, type ImageRecord } from '../../lib/store';
import { db } from '../db';
import { ingestWorker } from '../workers';

// One grid's view of a source: filters and sort (computed in the ingest worker as a row-id
// array), and pages of rows fetched on demand and kept in a small LRU cache, so scrolling a
// million rows reads only the chunks under the viewport. The source's active cleaning steps are
// applied to each page as it is read (rows they drop are left out of the row ids).

export const pageRows = 100;
/** Blob URLs of stored images, made once per page load: thumbnails in every grid share them. */
const objectUrls = new Map<string, string>();
const cachedPages = 40;

export class GridView {
  readonly source: Source;
  #filters = $state.raw<FilterSpec[]>([]);
  #sort = $state.raw<SortSpec | null>(null);
  #rowIds = $state.raw<Int32Array | null>(null);
  #busy = $state(false);
  #version = $state(0);
  #pages = new Map<string, CellValue[][]>();
  readonly #steps: CleanStep[];
  #stats: Promise<CleanStats> | null = null;
  #names = $state.raw<string[]>([]);
  #images = new Map<string, ImageRecord>();
  #imageColumn = $state<number | null>(null);

  /** The quality issue whose rows the view is narrowed to, if any. */
  readonly issueId: string | null;
  #error = $state<string | null>(null);

  constructor(source: Source, issueId: string | null = null) {
    this.source = source;
    this.issueId = issueId;
    this.#steps = activeSteps(parseHistory(source.history));
    this.#names = source.columns.map((c) => c.name);
    if (this.#steps.length > 0 || issueId) void this.#query([], null);
    void imagesByKey(db, source.workspaceId).then((images) => {
      this.#images = images;
      this.#version++;
    });
  }

  /** The column whose cells name dropped product images, once a page has been read. */
  get imageColumn(): number | null {
    return this.#imageColumn;
  }

  /** A thumbnail URL for a cell of the image column, or null. Object URLs are made once per image. */
  imageUrl(value: CellValue): string | null {
    if (typeof value !== 'string') return null;
    const image = this.#images.get(imageKey(value));
    if (!image) return null;
    let url = objectUrls.get(image.id);
    if (!url) objectUrls.set(image.id, (url = URL.createObjectURL(image.blob)));
    return url;
  }

  /** Column names of the view: cleaning may add some (a duplicate flag, a currency). */
  get names(): string[] {
    return this.#names;
  }

  #clean(ids: number[], rows: CellValue[][]): Promise<CellValue[][]> {
    if (this.#steps.length === 0) return Promise.resolve(rows);
    this.#stats ??= ingestWorker.api().cleanStats(this.source.id);
    return this.#stats.then((stats) => {
      const names = this.source.columns.map((c) => c.name);
      const batch = applySteps({ names, columns: names.map((_, c) => rows.map((row) => row[c] ?? null)), rowIndex: Int32Array.from(ids) }, this.#steps, stats);
      this.#names = batch.names;
      return Array.from(batch.rowIndex, (_, i) => batch.columns.map((column) => column[i] ?? null));
    });
  }

  get filters() {
    return this.#filters;
  }
  get sort() {
    return this.#sort;
  }
  /** Why the last query failed, for the user. */
  get error(): string | null {
    return this.#error;
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
      const needIds = filters.length > 0 || sort !== null || this.#steps.length > 0 || this.issueId !== null;
      this.#rowIds = needIds ? await ingestWorker.api().queryRows(this.source.id, filters, sort, this.issueId) : null;
      this.#error = null;
    } catch (error) {
      this.#error = error instanceof Error ? error.message : String(error);
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
      const raw = this.#rowIds ? await readRowsById(db, this.source.id, ids) : (await readRows(db, this.source.id, start, end - start)).rows;
      rows = await this.#clean(ids, raw);
      if (this.#imageColumn === null && this.#images.size > 0) this.#imageColumn = findImageColumn(rows, new Set(this.#images.keys()))?.column ?? null;
      this.#pages.set(key, rows);
      if (this.#pages.size > cachedPages) this.#pages.delete(this.#pages.keys().next().value!);
    }
    return { rowNumbers: ids, rows };
  }
}
