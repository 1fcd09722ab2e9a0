import { describe, expect, it } from 'vitest';
import { readRows, SourceWriter, decodeValue, encodeColumn } from '../../../src/lib/store';
import { testDb } from '../helpers';

describe('column encoding', () => {
  it('stores numbers as numbers only when lossless, keeps id-like and formatted text as text', () => {
    expect(encodeColumn(['1', '2.5', null, '-3']).kind).toBe('f64');
    expect(encodeColumn(['00012', '13']).kind).toBe('text');
    expect(encodeColumn(['1.50']).kind).toBe('text');
    expect(encodeColumn([true, null, false]).kind).toBe('bool');
    const mixed = encodeColumn(['a', null, 'b', 'a']);
    // One dictionary entry per distinct value, stored as one string with end offsets.
    expect(mixed.kind === 'text' && [mixed.text, Array.from(mixed.ends), Array.from(mixed.codes)]).toEqual(['ab', [1, 2], [0, -1, 1, 0]]);
    // Mostly distinct strings skip the dictionary: one string per row, nulls in a mask.
    const ids = Array.from({ length: 200 }, (_, i) => (i % 10 === 3 ? null : i % 10 === 4 ? '' : `C-${i}`));
    const plain = encodeColumn(ids);
    expect(plain.kind).toBe('strings');
    expect(ids.map((_, i) => decodeValue(plain, i))).toEqual(ids);
    expect(encodeColumn(Array.from({ length: 200 }, (_, i) => `city-${i % 5}`)).kind).toBe('text');
    // Chunks written before the 'text' kind still decode.
    expect([0, 1, 2].map((i) => decodeValue({ kind: 'dict', codes: Int32Array.from([1, -1, 0]), dictionary: ['x', 'y'] }, i))).toEqual(['y', null, 'x']);
    for (const values of [['1', '2.5', null], ['00012', null], [true, null, false], ['x', null, 'x'], ['', 'é', '', 'ab', null]] as const) {
      const encoded = encodeColumn(values);
      expect(values.map((_, i) => decodeValue(encoded, i))).toEqual(values.map((v) => (typeof v === 'string' && encoded.kind === 'f64' ? Number(v) : v)));
    }
  });
});

describe('SourceWriter', () => {
  it('writes column chunks, handles columns appearing mid-stream, and reads any window back', async () => {
    const db = testDb();
    const writer = await SourceWriter.create(db, { workspaceId: 'w', name: 'x.json', mediaType: 'application/json', sizeBytes: 1, contentHash: 'h', jobId: null }, 4);
    const records = Array.from({ length: 10 }, (_, i) => (i < 6 ? { id: String(i), name: `n${i}` } : { id: String(i), name: `n${i}`, late: i * 1.5 }));
    await writer.appendRecords(records);
    const source = await writer.finish();
    expect(source.rowCount).toBe(10);
    expect(source.chunkCount).toBe(3);
    expect(source.columns.map((c) => [c.name, c.type, c.nullCount])).toEqual([
      ['id', 'integer', 0],
      ['name', 'string', 0],
      ['late', 'float', 6],
    ]);
    // One record per column chunk, never one per row; `late` first appears in the second chunk.
    expect(await db.chunks.where('sourceId').equals(source.id).count()).toBe(3 + 3 + 2);
    const window = await readRows(db, source.id, 3, 5);
    expect(window.rows).toEqual([
      [3, 'n3', null],
      [4, 'n4', null],
      [5, 'n5', null],
      [6, 'n6', 9],
      [7, 'n7', 10.5],
    ]);
  });

  it('abort leaves nothing behind', async () => {
    const db = testDb();
    const writer = await SourceWriter.create(db, { workspaceId: 'w', name: 'x.csv', mediaType: 'text/csv', sizeBytes: 1, contentHash: 'h', jobId: null }, 2);
    await writer.appendRecords([{ a: '1' }, { a: '2' }, { a: '3' }]);
    await writer.abort();
    expect(await db.sources.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
  });
});
