// The import's column path: CSV parsed straight into column batches, and SourceWriter storing
// them. Both are checked against the record path they replace (parseCsvStream, readRows).
import { describe, expect, it } from 'vitest';
import { columnsOfRecords, parseCsvColumns, parseCsvStream, recordsOfColumns, type ColumnRows } from '../../../src/lib/ingest';
import { readRows, SourceWriter, type CellValue } from '../../../src/lib/store';
import { testDb } from '../helpers';
import { collect, textChunks } from './fixtures';

const text = ['id,name,price', '1,"Shoe', 'red",9', '2,Hat', '', '3,"multi', 'line', 'name",5,extra,more', '4,Bag,3,', '5,"x",1'].join('\n');

describe('CSV in column batches', () => {
  it('holds the rows, nulls and `_extra` the record path gives, and reports the same', async () => {
    const records = collect();
    const recordReport = await parseCsvStream(textChunks(text, 7), records.sink, { totalBytes: text.length });
    const batches: ColumnRows[] = [];
    const report = await parseCsvColumns(textChunks(text, 5), async (rows) => void batches.push(rows), { totalBytes: text.length, batchRows: 2 });
    expect(batches.map((b) => b.rowCount)).toEqual([2, 2, 1]);
    // `_extra` appears only in the batch whose row needs it, null for the other row there.
    expect(batches.map((b) => b.names.length)).toEqual([3, 4, 3]);
    expect(batches[1]!.columns[3]).toEqual(['["extra","more"]', null]);
    expect(batches.flatMap((b) => recordsOfColumns(b, new Set(['_extra'])))).toEqual(records.records);
    expect(report).toEqual(recordReport);
  });

  it('records and columns convert both ways', () => {
    const records: Record<string, CellValue>[] = [{ a: '1', b: 2 }, { b: null, c: true }];
    const rows = columnsOfRecords(records);
    expect(rows).toEqual({ names: ['a', 'b', 'c'], columns: [['1', null], [2, null], [null, true]], rowCount: 2 });
    expect(recordsOfColumns(rows)).toEqual([{ a: '1', b: 2, c: null }, { a: null, b: null, c: true }]);
  });
});

describe('SourceWriter.appendColumns', () => {
  it('stores batches across chunk boundaries, columns appearing mid-stream read as null before', async () => {
    const db = testDb();
    const writer = await SourceWriter.create(db, { workspaceId: 'w', name: 'x.csv', mediaType: 'text/csv', sizeBytes: 1, contentHash: 'h', jobId: null });
    const seen: [number, number][] = [];
    writer.onChunk = ({ rowStart, rowCount }) => void seen.push([rowStart, rowCount]);
    const rows = (from: number, n: number, extra: boolean): ColumnRows => ({
      names: extra ? ['n', 'extra'] : ['n'],
      columns: extra ? [Array.from({ length: n }, (_, i) => String(from + i)), Array.from({ length: n }, (_, i) => `e${from + i}`)] : [Array.from({ length: n }, (_, i) => String(from + i))],
      rowCount: n,
    });
    // 16,384 rows a chunk: a whole-chunk batch, then batches that straddle a boundary.
    await writer.appendColumns(rows(0, 16_384, false));
    await writer.appendColumns(rows(16_384, 10_000, false));
    await writer.appendColumns(rows(26_384, 10_000, true));
    const source = await writer.finish();
    expect(seen).toEqual([[0, 16_384], [16_384, 16_384], [32_768, 3_616]]);
    expect(source.status).toBe('ready');
    expect(source.rowCount).toBe(36_384);
    expect(source.chunkCount).toBe(3);
    expect(source.columns).toEqual([{ name: 'n', type: 'integer', nullCount: 0 }, { name: 'extra', type: 'string', nullCount: 26_384 }]);
    const window = await readRows(db, source.id, 26_382, 4);
    expect(window.rows).toEqual([[26_382, null], [26_383, null], [26_384, 'e26384'], [26_385, 'e26385']]);
    // The first chunk predates `extra`: it has no chunk of it.
    expect(await db.chunks.where('sourceId').equals(source.id).count()).toBe(5);
  });

  it('removes everything it wrote on abort', async () => {
    const db = testDb();
    const writer = await SourceWriter.create(db, { workspaceId: 'w', name: 'x.csv', mediaType: 'text/csv', sizeBytes: 1, contentHash: 'h', jobId: null });
    await writer.appendColumns({ names: ['n'], columns: [Array.from({ length: 20_000 }, (_, i) => String(i))], rowCount: 20_000 });
    await writer.abort();
    expect(await db.chunks.count()).toBe(0);
    expect(await db.sources.count()).toBe(0);
  });
});
