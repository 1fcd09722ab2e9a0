// The ingest worker hands chunks to the profile worker as storage encodes them. The profile must
// see exactly the cells the parser made: strings stay strings even where storage keeps numbers,
// native numbers and booleans stay native, and a column mixing both comes back as it was.
import { describe, expect, it } from 'vitest';
import { decodeBatch, encodedBatch, profileBatch } from '../../../src/lib/profile';
import { decodeColumn, encodeColumn, type CellValue } from '../../../src/lib/store';

function roundTrip(columns: CellValue[][], rowStart = 0) {
  const names = columns.map((_, c) => `c${c}`);
  const rowCount = columns[0]!.length;
  // Through structured cloning, as postMessage does.
  return decodeBatch(structuredClone(encodedBatch(names, columns, columns.map((v) => encodeColumn(v)), rowStart, rowCount)));
}

describe('encoded batches', () => {
  it('give back the cells as parsed, whatever storage made of them', () => {
    const many = (f: (i: number) => CellValue) => Array.from({ length: 300 }, (_, i) => f(i));
    const columns: CellValue[][] = [
      many((i) => String(i)), // text that storage keeps as numbers
      many((i) => (i % 7 === 0 ? null : ['1.50', '00012', '1e3', '-0', '12'][i % 5]!)), // text that must stay text
      many((i) => ['red', 'green', null, 'blue'][i % 4]!), // a dictionary
      many((i) => `order-${i}-${'x'.repeat(i % 5)}`), // one string per row
      many((i) => (i % 3 === 0 ? null : i * 1.5)), // native numbers
      many((i) => i % 2 === 0), // native booleans
      many((i) => (i % 2 === 0 ? i : String(i))), // mixed: numbers and numeric text
      many(() => null),
    ];
    const batch = roundTrip(columns, 1000);
    expect(batch.columns).toEqual(columns);
    expect(batch.columns[0]!.every((v) => typeof v === 'string')).toBe(true);
    expect(batch.columns[6]!.slice(0, 2)).toEqual([0, '1']);
    expect(Array.from(batch.rowIndex.subarray(0, 3))).toEqual([1000, 1001, 1002]);
  });

  it('profile exactly as the raw cells do', () => {
    const columns: CellValue[][] = [
      Array.from({ length: 2000 }, (_, i) => (i % 11 === 0 ? null : `$${(i * 1.37).toFixed(2)}`)),
      Array.from({ length: 2000 }, (_, i) => String(1 + (i % 5))),
      Array.from({ length: 2000 }, (_, i) => `2024-0${1 + (i % 9)}-1${i % 10}`),
      Array.from({ length: 2000 }, (_, i) => (i % 2 ? 4.5 : 3)),
    ];
    const names = columns.map((_, c) => `c${c}`);
    const raw = profileBatch({ names, columns, rowIndex: Int32Array.from({ length: 2000 }, (_, i) => i) });
    expect(profileBatch(roundTrip(columns))).toEqual(raw);
  });

  it('decode a column a chunk lacks as nulls, and stop at the rows asked for', () => {
    expect(decodeColumn(undefined, 3)).toEqual([null, null, null]);
    expect(decodeColumn(encodeColumn(['a', 'b', 'c']), 2)).toEqual(['a', 'b']);
  });
});
