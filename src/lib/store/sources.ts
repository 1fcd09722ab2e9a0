import { AppError, toAppError } from '../errors';
import { chunkType, countNulls, decodeValue, encodeColumn, widenType, type CellValue } from './columns';
import { newId, type EdgeFuseDb } from './db';
import type { Chunk, ColumnMeta, EncodedColumn, Source, SourceOrigin, ViewInfo } from './types';

/** Rows per chunk: big enough that IndexedDB overhead vanishes, small enough to page a grid. */
export const defaultChunkRows = 16_384;

export interface SourceDraft {
  workspaceId: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  contentHash: string;
  jobId: string | null;
  origin?: SourceOrigin;
  /** A warehouse view instead of a file. */
  view?: ViewInfo;
}

/** What an import learns while writing, saved with the source when it is committed. */
export type SourceExtras = Partial<Pick<Source, 'profile' | 'malformedRows' | 'malformedTotal' | 'origin'>>;

/** One chunk as it is written, cells and encoding: profiling reads it here, in one pass. */
export interface WrittenChunk {
  names: string[];
  /** values[c][i]: the cell of column names[c] in row rowStart + i, as the parser made it. */
  values: CellValue[][];
  /** The same columns as stored. */
  encoded: EncodedColumn[];
  rowStart: number;
  rowCount: number;
}

/**
 * Streams rows into a new source as column chunks. The source stays `importing` (invisible to
 * the warehouse) until `finish()`, and `abort()` removes everything written, so a cancelled or
 * failed import never leaves half a source behind. Columns may appear mid-stream (JSON documents
 * differ); earlier rows read them as null.
 */
export class SourceWriter {
  readonly source: Source;
  readonly #db: EdgeFuseDb;
  readonly #columnIndex = new Map<string, number>();
  #pending: CellValue[][] = [];
  #pendingRows = 0;
  /** The chunk write in flight: the next chunk is parsed while IndexedDB commits this one. */
  #writing: Promise<void> = Promise.resolve();

  private constructor(db: EdgeFuseDb, source: Source) {
    this.#db = db;
    this.source = source;
  }

  /** Called with each chunk once it is encoded, before it is stored (profilers listen here); awaited. */
  onChunk: ((chunk: WrittenChunk) => void | Promise<void>) | null = null;

  static async create(db: EdgeFuseDb, draft: SourceDraft, chunkRows = defaultChunkRows): Promise<SourceWriter> {
    const { origin, view, ...rest } = draft;
    const source: Source = {
      ...rest,
      kind: view ? 'view' : 'file',
      view: view ?? null,
      origin: origin ?? { format: draft.mediaType, encoding: null, encodingConfidence: null, fileName: draft.name, sheetName: null, replacementChars: 0 },
      malformedRows: [],
      malformedTotal: 0,
      profile: null,
      cleanProfile: null,
      issues: [],
      overrides: {},
      history: { steps: [], cursor: 0 },
      id: newId(),
      status: 'importing',
      rowCount: 0,
      chunkRows,
      chunkCount: 0,
      columns: [],
      createdAt: Date.now(),
    };
    await db.sources.add(source);
    return new SourceWriter(db, source);
  }

  get rowCount(): number {
    return this.source.rowCount + this.#pendingRows;
  }

  #column(name: string): number {
    let index = this.#columnIndex.get(name);
    if (index === undefined) {
      // Committed chunks have no data for it (reads yield null); pending rows are counted at flush.
      index = this.source.columns.push({ name, type: 'empty', nullCount: this.source.rowCount }) - 1;
      this.#columnIndex.set(name, index);
      // Rows already pending get nulls for the new column.
      this.#pending.push(new Array<CellValue>(this.#pendingRows).fill(null));
    }
    return index;
  }

  /** Appends rows given as name -> value records. Flushes a chunk whenever one is full. */
  async appendRecords(records: readonly Record<string, CellValue>[]): Promise<void> {
    for (const record of records) {
      for (const name of Object.keys(record)) this.#column(name);
      this.#pending.forEach((values, c) => values.push(record[this.source.columns[c]!.name] ?? null));
      this.#pendingRows++;
      if (this.#pendingRows >= this.source.chunkRows) await this.flush();
    }
  }

  /** Appends a batch of rows in column form (no object per row); flushes whenever a chunk is full. */
  async appendColumns(rows: { names: string[]; columns: CellValue[][]; rowCount: number }): Promise<void> {
    const from = rows.names.map((name) => this.#column(name));
    // Source column -> batch column (-1: not in this batch, so null).
    const at = this.source.columns.map(() => -1);
    from.forEach((column, c) => (at[column] = c));
    let offset = 0;
    while (offset < rows.rowCount) {
      const take = Math.min(rows.rowCount - offset, this.source.chunkRows - this.#pendingRows);
      const whole = this.#pendingRows === 0 && take === rows.rowCount;
      for (let column = 0; column < at.length; column++) {
        const values = at[column]! < 0 ? null : rows.columns[at[column]!]!;
        if (whole && values) {
          // A batch that is a chunk by itself is taken as it is: no copy.
          this.#pending[column] = values;
          continue;
        }
        const target = this.#pending[column]!;
        if (values) for (let i = offset; i < offset + take; i++) target.push(values[i] ?? null);
        else for (let i = 0; i < take; i++) target.push(null);
      }
      this.#pendingRows += take;
      offset += take;
      if (this.#pendingRows >= this.source.chunkRows) await this.flush();
    }
  }

  /**
   * Writes pending rows as one chunk per column, in one transaction. At most one write is in
   * flight: flush waits for the previous one, so a failure (quota) surfaces by the next chunk.
   */
  async flush(): Promise<void> {
    if (this.#pendingRows === 0) return;
    const index = this.source.chunkCount;
    const rowStart = this.source.rowCount;
    const rowCount = this.#pendingRows;
    const encoded = this.#pending.map((values) => encodeColumn(values));
    await this.onChunk?.({ names: this.source.columns.map((c) => c.name), values: this.#pending, encoded, rowStart, rowCount });
    const chunks: Chunk[] = encoded.map((data, column) => {
      const meta = this.source.columns[column]!;
      meta.type = widenType(meta.type, chunkType(data));
      meta.nullCount += countNulls(data);
      return { sourceId: this.source.id, workspaceId: this.source.workspaceId, column, index, rowStart, rowCount, data };
    });
    this.source.rowCount += this.#pendingRows;
    this.source.chunkCount++;
    this.#pending = this.source.columns.map(() => []);
    this.#pendingRows = 0;
    const snapshot: Source = { ...this.source, columns: this.source.columns.map((c) => ({ ...c })) };
    const previous = this.#writing;
    this.#writing = previous.then(() =>
      this.#db.transaction('rw', this.#db.chunks, this.#db.sources, async () => {
        await this.#db.chunks.bulkAdd(chunks);
        await this.#db.sources.put(snapshot);
      }),
    );
    // A failed write is reported by the next flush or by finish; never left unhandled.
    this.#writing.catch(() => {});
    try {
      await previous;
    } catch (error) {
      throw toAppError(error);
    }
  }

  async #settled(): Promise<void> {
    try {
      await this.#writing;
    } catch (error) {
      throw toAppError(error);
    }
  }

  /**
   * Commits the source. `extra` runs after the last chunk is flushed (so a profile fed by
   * onChunk is complete) and what it returns is saved with the source in the same write.
   */
  async finish(extra: () => SourceExtras | Promise<SourceExtras> = () => ({})): Promise<Source> {
    await this.flush();
    await this.#settled();
    Object.assign(this.source, await extra());
    this.source.status = 'ready';
    await this.#db.sources.put(this.source);
    return this.source;
  }

  async abort(): Promise<void> {
    await this.#writing.catch(() => {});
    await removeSource(this.#db, this.source.id);
  }
}

export async function updateSource(db: EdgeFuseDb, sourceId: string, changes: Partial<Pick<Source, 'overrides' | 'history' | 'profile' | 'cleanProfile' | 'issues' | 'name'>>): Promise<void> {
  const updated = await db.sources.update(sourceId, changes);
  if (!updated) throw new AppError('not-found', 'That source no longer exists.', { sourceId });
}

export async function removeSource(db: EdgeFuseDb, sourceId: string): Promise<void> {
  await db.transaction('rw', db.sources, db.chunks, db.lineage, async () => {
    await db.chunks.where('sourceId').equals(sourceId).delete();
    await db.lineage.where('sourceId').equals(sourceId).delete();
    await db.sources.delete(sourceId);
  });
}

/** The imported files of a workspace (warehouse views are listed by `listViews`). */
export function listSources(db: EdgeFuseDb, workspaceId: string): Promise<Source[]> {
  return db.sources.where('workspaceId').equals(workspaceId).filter((s) => s.status === 'ready' && s.kind !== 'view').sortBy('name');
}

export function listViews(db: EdgeFuseDb, workspaceId: string): Promise<Source[]> {
  return db.sources.where('workspaceId').equals(workspaceId).filter((s) => s.status === 'ready' && s.kind === 'view').sortBy('name');
}

export interface RowWindow {
  columns: ColumnMeta[];
  rowStart: number;
  /** Row-major values of the requested window: rows[i][c]. */
  rows: CellValue[][];
}

/** The source, or AppError('not-found') with a message for the user when it was removed meanwhile. */
export async function getSource(db: EdgeFuseDb, sourceId: string): Promise<Source> {
  const source = await db.sources.get(sourceId);
  if (!source) throw new AppError('not-found', 'That source no longer exists.', { sourceId });
  return source;
}

/** Reads rows [offset, offset + limit) by loading only the chunks that cover them. */
export async function readRows(db: EdgeFuseDb, sourceId: string, offset: number, limit: number): Promise<RowWindow> {
  const source = await getSource(db, sourceId);
  const end = Math.min(source.rowCount, offset + limit);
  const rows: CellValue[][] = [];
  for (let r = offset; r < end; r++) rows.push(new Array<CellValue>(source.columns.length).fill(null));
  if (end <= offset) return { columns: source.columns, rowStart: offset, rows };
  // Primary-key ranges per column: only the chunks under the window are read from disk.
  const first = Math.floor(offset / source.chunkRows);
  const last = Math.floor((end - 1) / source.chunkRows);
  const chunks = (
    await Promise.all(
      source.columns.map((_, c) => db.chunks.where('[sourceId+column+index]').between([sourceId, c, first], [sourceId, c, last], true, true).toArray()),
    )
  ).flat();
  for (const chunk of chunks) {
    const from = Math.max(offset, chunk.rowStart);
    const to = Math.min(end, chunk.rowStart + chunk.rowCount);
    for (let r = from; r < to; r++) rows[r - offset]![chunk.column] = decodeValue(chunk.data, r - chunk.rowStart);
  }
  return { columns: source.columns, rowStart: offset, rows };
}
