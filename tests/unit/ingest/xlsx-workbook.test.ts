import { zipSync, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { byteSourceFromBytes } from '../../../src/lib/ingest/byte-source';
import { readXlsxSheets } from '../../../src/lib/ingest/parse-xlsx';
import { collect } from './fixtures';
import { cell, row, xlsxBytes } from './xlsx-writer';

// Which part holds which sheet comes from the workbook's relationships, never from the name.

const oneCell = (header: string, value: string) => row(1, cell('A1', 'inlineStr', header)) + row(2, cell('A2', 'inlineStr', value));

describe('xlsx workbook', () => {
  it('finds each sheet through the relationships, whatever its part is called', async () => {
    const bytes = xlsxBytes({
      sheets: [
        // Listed first, but stored as sheet2.xml; the second is stored as sheet1.xml.
        { name: 'Orders', target: 'worksheets/sheet2.xml', rows: oneCell('order', 'A-1') },
        { name: 'Stock', target: 'worksheets/sheet1.xml', rows: oneCell('sku', 'S-1') },
        { name: 'Chart', kind: 'chartsheet' },
        { name: 'Prices & fees', target: '/xl/data/prices 2024.xml', rows: oneCell('price', 'high') },
      ],
    });
    const sheets = await readXlsxSheets(byteSourceFromBytes(bytes, 'book.xlsx'));
    // The chart sheet holds no table and is not listed.
    expect(sheets.map((s) => s.sheetName)).toEqual(['Orders', 'Stock', 'Prices & fees']);
    const tables = [];
    for (const sheet of sheets) {
      const out = collect();
      await sheet.parse(out.sink);
      tables.push(out.records);
    }
    expect(tables).toEqual([[{ order: 'A-1' }], [{ sku: 'S-1' }], [{ price: 'high' }]]);
  });

  it('shares one table of shared strings between the sheets of a workbook', async () => {
    const bytes = xlsxBytes({
      sharedStrings: ['<t>name</t>', '<t>Ada</t>', '<t>Grace</t>'],
      sheets: [
        { name: 'A', rows: row(1, cell('A1', 's', '0')) + row(2, cell('A2', 's', '1')) },
        { name: 'B', rows: row(1, cell('A1', 's', '0')) + row(2, cell('A2', 's', '2')) },
      ],
    });
    const sheets = await readXlsxSheets(byteSourceFromBytes(bytes, 'people.xlsx'));
    const read: Record<string, unknown>[] = [];
    for (const sheet of sheets) await sheet.parse(async (records) => void read.push(...records));
    expect(read).toEqual([{ name: 'Ada' }, { name: 'Grace' }]);
  });

  it('says which sheet is missing when a relationship points nowhere', async () => {
    const files = unzipSync(xlsxBytes({ sheets: [{ name: 'Gone', rows: oneCell('a', 'b') }] }));
    delete files['xl/worksheets/sheet1.xml'];
    const [sheet] = await readXlsxSheets(byteSourceFromBytes(zipSync(files), 'broken.xlsx'));
    await expect(sheet!.parse(collect().sink)).rejects.toMatchObject({ code: 'input-malformed', message: expect.stringContaining('"Gone"') });
  });

  it('refuses an archive that is not a workbook', async () => {
    const notBook = zipSync({ 'readme.txt': new TextEncoder().encode('hello') });
    await expect(readXlsxSheets(byteSourceFromBytes(notBook, 'fake.xlsx'))).rejects.toMatchObject({ code: 'input-malformed' });
  });
});
