import { decodeColumn, type CellValue, type EdgeFuseDb, type Source } from '../store';

/** Reads rows [chunk * chunkRows, ...) of every column as one column batch. */
export async function readChunkColumns(db: EdgeFuseDb, source: Source, index: number): Promise<{ names: string[]; columns: CellValue[][]; rowIndex: Int32Array }> {
  const keys = source.columns.map((_, c) => [source.id, c, index] as [string, number, number]);
  const chunks = await db.chunks.bulkGet(keys);
  const rowStart = index * source.chunkRows;
  const rows = Math.min(source.chunkRows, source.rowCount - rowStart);
  const columns = chunks.map((chunk) => decodeColumn(chunk?.data, rows));
  return { names: source.columns.map((c) => c.name), columns, rowIndex: Int32Array.from({ length: rows }, (_, r) => rowStart + r) };
}
