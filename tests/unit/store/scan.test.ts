import { describe, expect, it } from 'vitest';
import { queryRowIds, SourceWriter, type ChunkReader } from '../../../src/lib/store';
import { testDb } from '../helpers';

describe('queryRowIds', () => {
  it('filters and sorts across chunks in one pass, by meaning when asked, leaving excluded rows out', async () => {
    const db = testDb();
    const writer = await SourceWriter.create(db, { workspaceId: 'w', name: 't.csv', mediaType: 'text/csv', sizeBytes: 0, contentHash: '', jobId: null }, 3);
    const prices = ['€3', '€10', '€2', null, '€25', '€1', '€7'];
    await writer.appendRecords(prices.map((price, i) => ({ id: `r${i}`, price })));
    const source = await writer.finish();
    const euros = () => (value: unknown) => (typeof value === 'string' ? Number(value.slice(1)) : null);
    // As text, "€10" < "€2"; by meaning 10 > 2.
    expect([...await queryRowIds(db, source.id, [], { column: 1, descending: false })]).toEqual([5, 1, 2, 4, 0, 6, 3]);
    expect([...await queryRowIds(db, source.id, [], { column: 1, descending: false }, { keyOf: euros })]).toEqual([5, 2, 0, 6, 1, 4, 3]);
    expect([...await queryRowIds(db, source.id, [{ column: 1, op: 'greater', value: '€5' }], { column: 1, descending: true }, { keyOf: euros, exclude: new Set([4]) })]).toEqual([1, 6]);
    expect([...await queryRowIds(db, source.id, [{ column: 1, op: 'empty', value: '' }], null)]).toEqual([3]);
    // A row test (the rows of a quality issue) combines with filters and sort.
    const cheap = { column: 1, test: (v: unknown) => typeof v === 'string' && Number(v.slice(1)) < 5 };
    expect([...await queryRowIds(db, source.id, [], { column: 1, descending: false }, { keyOf: euros, rowTest: cheap })]).toEqual([5, 2, 0]);
  });

  it('reads through a chunk reader: its values and its dropped rows', async () => {
    const db = testDb();
    const writer = await SourceWriter.create(db, { workspaceId: 'w', name: 't.csv', mediaType: 'text/csv', sizeBytes: 0, contentHash: '', jobId: null }, 2);
    await writer.appendRecords(['a', 'B', 'c', 'D'].map((v) => ({ v })));
    const source = await writer.finish();
    // A reader that lower-cases (as a cleaning step would) and drops row 2.
    const read: ChunkReader = async (index) => ({
      rowStart: index * 2, rowCount: 2,
      columns: [[['a', 'B', 'c', 'D'][index * 2]!.toLowerCase(), ['a', 'B', 'c', 'D'][index * 2 + 1]!.toLowerCase()]],
      dropped: Uint8Array.of(index === 1 ? 1 : 0, 0),
    });
    expect([...await queryRowIds(db, source.id, [{ column: 0, op: 'equals', value: 'b' }], null, { read })]).toEqual([1]);
    expect([...await queryRowIds(db, source.id, [], { column: 0, descending: true }, { read })]).toEqual([3, 1, 0]);
  });
});
