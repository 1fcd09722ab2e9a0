import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { byteSourceFromBlob, byteSourceFromBytes } from '../../../src/lib/ingest/byte-source';
import { excelDateText, readXlsxSheets } from '../../../src/lib/ingest/parse-xlsx';
import { collect, utf8 } from './fixtures';

async function twoSheets(): Promise<Blob> {
  return writeXlsxFile([
    {
      sheet: 'Orders',
      data: [
        ['order', 'placed', 'total', 'paid'],
        ['A-1', { value: new Date(Date.UTC(2024, 2, 1)), format: 'yyyy-mm-dd' }, 19.5, true],
        ['A-2', { value: new Date(Date.UTC(2024, 2, 2, 13, 30)), format: 'yyyy-mm-dd hh:mm' }, 7, false],
        [null, null, null, null],
        ['A-3', null, 3, null],
      ],
    },
    {
      sheet: 'Stock & more',
      data: [
        ['sku', 'qty', null],
        ['S1', 4, 'note'],
      ],
    },
  ]).toBlob();
}

/** A minimal workbook by hand: a formula whose cached result is all a reader should need. */
function formulaWorkbook(): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': utf8(
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    '_rels/.rels': utf8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': utf8(`<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Calc" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': utf8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': utf8(
      `<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData>` +
        `<row r="1"><c r="A1" t="inlineStr"><is><t>price</t></is></c><c r="B1" t="inlineStr"><is><t>qty</t></is></c><c r="C1" t="inlineStr"><is><t>total</t></is></c></row>` +
        `<row r="2"><c r="A2"><v>2.5</v></c><c r="B2"><v>4</v></c><c r="C2"><f>A2*B2</f><v>10</v></c></row>` +
        `</sheetData></worksheet>`,
    ),
  });
}

describe('readXlsxSheets', () => {
  it('gives each sheet as its own table, with dates as ISO text', async () => {
    const source = byteSourceFromBlob(await twoSheets(), 'shop.xlsx');
    const sheets = await readXlsxSheets(source);
    expect(sheets.map((s) => s.sheetName)).toEqual(['Orders', 'Stock & more']);

    const orders = collect();
    const report = await sheets[0]!.parse(orders.sink);
    expect(orders.records).toEqual([
      { order: 'A-1', placed: '2024-03-01', total: 19.5, paid: true },
      { order: 'A-2', placed: '2024-03-02T13:30:00', total: 7, paid: false },
      { order: 'A-3', placed: null, total: 3, paid: null },
    ]);
    expect(report.rows).toBe(3);

    const stock = collect();
    await sheets[1]!.parse(stock.sink);
    expect(stock.records).toEqual([{ sku: 'S1', qty: 4, column_3: 'note' }]);
  });

  it('reads the cached result of a formula', async () => {
    const [sheet] = await readXlsxSheets(byteSourceFromBytes(formulaWorkbook(), 'calc.xlsx'));
    const out = collect();
    await sheet!.parse(out.sink);
    expect(out.records).toEqual([{ price: 2.5, qty: 4, total: 10 }]);
  });

  it('stops when cancelled', async () => {
    const [sheet] = await readXlsxSheets(byteSourceFromBlob(await twoSheets(), 'shop.xlsx'));
    const controller = new AbortController();
    controller.abort();
    await expect(sheet!.parse(collect().sink, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('writes Excel dates without inventing a time zone', () => {
    expect(excelDateText(new Date(Date.UTC(2023, 11, 31)))).toBe('2023-12-31');
    expect(excelDateText(new Date(Date.UTC(2023, 11, 31, 8, 5, 9, 250)))).toBe('2023-12-31T08:05:09.250');
    expect(excelDateText(new Date(Number.NaN))).toBeNull();
  });
});
