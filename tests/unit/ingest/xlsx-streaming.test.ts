import { describe, expect, it } from 'vitest';
import { byteSourceFromBytes, type ByteSource } from '../../../src/lib/ingest/byte-source';
import { readXlsxSheets } from '../../../src/lib/ingest/parse-xlsx';
import { listZipEntries } from '../../../src/lib/ingest/zip-archive';
import { xlsxBytes } from './xlsx-writer';

// A sheet far larger than one batch, to show that rows leave the parser while the sheet part is
// still being inflated: the reader never waits for the whole sheet.

const rowCount = 100_000;

/** 100k rows: an id (inline string), a quantity, and a date (serial 45292 is 2024-01-01, with a date style). */
function bigSheetRows(): string {
  const rows: string[] = ['<row r="1"><c r="A1" t="inlineStr"><is><t>sku</t></is></c><c r="B1" t="inlineStr"><is><t>qty</t></is></c><c r="C1" t="inlineStr"><is><t>sold</t></is></c></row>'];
  for (let r = 2; r <= rowCount + 1; r++) {
    rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>S${r}</t></is></c><c r="B${r}"><v>${r % 97}</v></c><c r="C${r}" s="1"><v>${45292 + (r % 366)}</v></c></row>`);
  }
  return rows.join('');
}

/** A source that counts the bytes read from it. */
function counted(source: ByteSource): ByteSource & { readBytes: number } {
  const out = {
    ...source,
    readBytes: 0,
    async slice(start: number, end: number) {
      const bytes = await source.slice(start, end);
      out.readBytes += bytes.byteLength;
      return bytes;
    },
  };
  return out;
}

describe('xlsx streaming', () => {
  it('hands rows on in batches while the sheet is still inflating', async () => {
    const bytes = xlsxBytes({ sheets: [{ name: 'Sales', rows: bigSheetRows() }], styles: { cellFormats: [0, 14] }, level: 1 });
    const source = counted(byteSourceFromBytes(bytes, 'sales.xlsx'));
    const sheetEntry = (await listZipEntries(source)).find((e) => e.path === 'xl/worksheets/sheet1.xml')!;
    const [sheet] = await readXlsxSheets(source);

    let readBefore = 0;
    let readAtFirstBatch = -1;
    const batchSizes: number[] = [];
    const progress: number[] = [];
    let first: unknown = null;
    let last: unknown = null;
    readBefore = source.readBytes;
    const report = await sheet!.parse(async (records, doneBytes, totalBytes) => {
      if (readAtFirstBatch < 0) readAtFirstBatch = source.readBytes - readBefore;
      batchSizes.push(records.length);
      progress.push(doneBytes / totalBytes);
      first ??= records[0];
      last = records[records.length - 1];
    });

    // The sheet part is several megabytes packed; the first batch came after reading a small part of it.
    expect(sheetEntry.compressedBytes).toBeGreaterThan(1_000_000);
    expect(readAtFirstBatch).toBeGreaterThan(0);
    expect(readAtFirstBatch).toBeLessThan(sheetEntry.compressedBytes / 2);

    expect(report.rows).toBe(rowCount);
    expect(batchSizes.reduce((a, b) => a + b, 0)).toBe(rowCount);
    expect(batchSizes.slice(0, -1).every((n) => n === 4096)).toBe(true);
    expect(batchSizes.length).toBe(Math.ceil(rowCount / 4096));
    expect(progress.every((p, i) => p <= 1 && (i === 0 || p >= progress[i - 1]!))).toBe(true);
    expect(progress[0]).toBeLessThan(0.5);
    expect(progress[progress.length - 1]).toBe(1);
    expect(first).toEqual({ sku: 'S2', qty: 2, sold: '2024-01-03' });
    const lastRow = rowCount + 1;
    const lastDay = new Date(Date.UTC(2024, 0, 1 + (lastRow % 366))).toISOString().slice(0, 10);
    expect(last).toEqual({ sku: `S${lastRow}`, qty: lastRow % 97, sold: lastDay });
  }, 60_000);
});
