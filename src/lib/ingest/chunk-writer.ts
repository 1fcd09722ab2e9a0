import { toAppError } from '../errors';
import {
  chunkType, countNulls, encodeColumn, SourceWriter, widenType,
  type CellValue, type Chunk, type ChunkColumns, type EdgeFuseDb, type Source, type SourceDraft, type SourceExtras,
} from '../store';
import type { ColumnRows } from './types';

/**
 * Streams column batches into a new source, one chunk per column at a time: SourceWriter's
 * appendRecords without an object per row. The SourceWriter still owns the source record: it
 * creates it (`importing`, invisible), commits it (`finish`) or removes it with every chunk
 * (`abort`); this class writes the chunks and keeps `source` (columns, counts) up to date, in the
 * same layout and with the same one-write-in-flight pipelining.
 */
export class ChunkWriter {
  readonly #db: EdgeFuseDb;
  readonly #writer: SourceWriter;
  readonly #columnIndex = new Map<string, number>();
  #pending: CellValue[][] = [];
  #pendingRows = 0;
  #writing: Promise<void> = Promise.resolve();

  /**
   * Called with each appended batch, as the parser handed it over, before it is stored
   * (profilers listen here, so they start on the first batch, not the first full chunk); awaited.
   */
  onRows: ((rows: ChunkColumns) => void | Promise<void>) | null = null;

  private constructor(db: EdgeFuseDb, writer: SourceWriter) {
    this.#db = db;
    this.#writer = writer;
  }

  static async create(db: EdgeFuseDb, draft: SourceDraft): Promise<ChunkWriter> {
    return new ChunkWriter(db, await SourceWriter.create(db, draft));
  }

  get source(): Source {
    return this.#writer.source;
  }

  get rowCount(): number {
    return this.source.rowCount + this.#pendingRows;
  }

  #column(name: string): number {
    let index = this.#columnIndex.get(name);
    if (index === undefined) {
      // Committed chunks have no data for it (reads yield null); pending rows get nulls now.
      index = this.source.columns.push({ name, type: 'empty', nullCount: this.source.rowCount }) - 1;
      this.#columnIndex.set(name, index);
      this.#pending.push(new Array<CellValue>(this.#pendingRows).fill(null));
    }
    return index;
  }

  /** Appends a column batch; flushes a chunk whenever one is full. */
  async append(rows: ColumnRows): Promise<void> {
    await this.onRows?.({ names: rows.names, columns: rows.columns, rowStart: this.rowCount });
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

  /** Writes pending rows as one chunk per column, in one transaction, one write in flight. */
  async flush(): Promise<void> {
    if (this.#pendingRows === 0) return;
    const source = this.source;
    const index = source.chunkCount;
    const rowStart = source.rowCount;
    const rowCount = this.#pendingRows;
    const pending = this.#pending;
    this.#pending = source.columns.map(() => []);
    this.#pendingRows = 0;
    const chunks: Chunk[] = pending.map((values, column) => {
      const data = encodeColumn(values);
      const meta = source.columns[column]!;
      meta.type = widenType(meta.type, chunkType(data));
      meta.nullCount += countNulls(data);
      return { sourceId: source.id, workspaceId: source.workspaceId, column, index, rowStart, rowCount, data };
    });
    source.rowCount += rowCount;
    source.chunkCount++;
    const snapshot: Source = { ...source, columns: source.columns.map((c) => ({ ...c })) };
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

  /** Commits the source; `extra` runs once the last chunk is written (see SourceWriter.finish). */
  async finish(extra: () => SourceExtras | Promise<SourceExtras> = () => ({})): Promise<Source> {
    await this.flush();
    try {
      await this.#writing;
    } catch (error) {
      throw toAppError(error);
    }
    return this.#writer.finish(extra);
  }

  async abort(): Promise<void> {
    await this.#writing.catch(() => {});
    await this.#writer.abort();
  }
}
