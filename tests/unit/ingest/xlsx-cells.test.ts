import { describe, expect, it } from 'vitest';
import { byteSourceFromBytes } from '../../../src/lib/ingest/byte-source';
import { readXlsxSheets } from '../../../src/lib/ingest/parse-xlsx';
import { columnIndexOf } from '../../../src/lib/ingest/xlsx-sheet-rows';
import { collect } from './fixtures';
import { cell, row, xlsxBytes, type WorkbookParts } from './xlsx-writer';

// Cell values as the streaming reader gives them, from hand-written sheet XML.

async function records(parts: WorkbookParts, sheetIndex = 0) {
  const sheets = await readXlsxSheets(byteSourceFromBytes(xlsxBytes(parts), 'book.xlsx'));
  const out = collect();
  const report = await sheets[sheetIndex]!.parse(out.sink);
  return { records: out.records, report, batches: out.batches };
}

describe('xlsx cells', () => {
  it('reads shared strings: rich-text runs joined, phonetic hints left out, text trimmed', async () => {
    const { records: rows } = await records({
      sharedStrings: [
        '<t>product</t>',
        '<t>note</t>',
        '<t>Mug</t>',
        '<r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r>',
        '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>',
        '<t xml:space="preserve">  padded  </t>',
        '<t></t>',
        '<t>line_x000D_break &amp; more</t>',
      ],
      sheets: [
        {
          name: 'S',
          rows:
            row(1, cell('A1', 's', '0'), cell('B1', 's', '1')) +
            row(2, cell('A2', 's', '2'), cell('B2', 's', '3')) +
            row(3, cell('A3', 's', '4'), cell('B3', 's', '5')) +
            row(4, cell('A4', 's', '7'), cell('B4', 's', '6')),
        },
      ],
    });
    expect(rows).toEqual([
      { product: 'Mug', note: 'Bold and plain' },
      { product: '東京', note: 'padded' },
      { product: 'line\rbreak & more', note: null },
    ]);
  });

  it('reads inline strings, booleans, errors, formula results, numbers and ISO date cells', async () => {
    const { records: rows } = await records({
      sheets: [
        {
          name: 'S',
          rows:
            row(1, ...['text', 'flag', 'error', 'formula', 'number', 'iso'].map((h, i) => cell(`${'ABCDEF'[i]}1`, 'inlineStr', h))) +
            row(
              2,
              '<c r="A2" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><i/></rPr><t>inline</t></r></is></c>',
              cell('B2', 'b', '1'),
              '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
              '<c r="D2" t="str"><f>A2&amp;"!"</f><v>Rich inline!</v></c>',
              cell('E2', 'n', '-1.5e3'),
              cell('F2', 'd', '2024-03-02T13:30:00'),
            ) +
            row(3, cell('A3', 'inlineStr', '   '), cell('B3', 'b', '0'), '<c r="C3" t="e"><v>#N/A</v></c>', '<c r="D3"><f>B3*2</f><v>0</v></c>', cell('E3', 'n', '007'), cell('F3', 'd', '2024-03-02')),
        },
      ],
    });
    expect(rows).toEqual([
      { text: 'Rich inline', flag: true, error: null, formula: 'Rich inline!', number: -1500, iso: '2024-03-02T13:30:00' },
      { text: null, flag: false, error: null, formula: 0, number: 7, iso: '2024-03-02' },
    ]);
  });

  it('places sparse cells by their reference and skips blank rows', async () => {
    const { records: rows, report } = await records({
      sheets: [
        {
          name: 'S',
          // Rows 1-2 absent (a title area left empty), B3 missing from the header, a blank styled
          // row, cells without `r` that follow the one before, a row wider than the header within
          // the 20 rows the header is sniffed from (it sets the width), and one wider past them.
          rows:
            row(3, cell('A3', 'inlineStr', 'id'), cell('C3', 'inlineStr', 'qty')) +
            row(4, cell('A4', 'inlineStr', 'a'), cell('C4', 'n', '1')) +
            '<row r="5"><c r="A5" s="0"/><c r="B5" t="inlineStr"><is><t></t></is></c></row>' +
            row(7, cell('B7', 'n', '2')) +
            '<row><c t="inlineStr"><is><t>c</t></is></c><c><v>3</v></c><c><v>4</v></c></row>' +
            row(9, cell('A9', 'inlineStr', 'd'), cell('E9', 'n', '5')) +
            row(30, cell('F30', 'n', '6')),
        },
      ],
    });
    const empty = { id: null, column_2: null, qty: null, column_4: null, column_5: null };
    expect(rows).toEqual([
      { ...empty, id: 'a', qty: 1 },
      { ...empty, column_2: 2 },
      { ...empty, id: 'c', column_2: 3, qty: 4 },
      { ...empty, id: 'd', column_5: 5 },
      { ...empty, column_6: 6 },
    ]);
    expect(report.rows).toBe(5);
  });

  it('reads sheets whose writer prefixes the spreadsheet namespace', async () => {
    const { records: rows } = await records({ sheets: [{ name: 'S', prefix: 'x', rows: row(1, cell('A1', 'inlineStr', 'n')) + row(2, cell('A2', 'n', '42')) }] });
    expect(rows).toEqual([{ n: 42 }]);
  });

  it('names columns itself when the first row holds data, not names', async () => {
    const { records: rows } = await records({ sheets: [{ name: 'S', rows: row(1, cell('A1', 'n', '1'), cell('B1', 'n', '2')) + row(2, cell('A2', 'n', '3'), cell('B2', 'n', '4')) }] });
    expect(rows).toEqual([
      { column_1: 1, column_2: 2 },
      { column_1: 3, column_2: 4 },
    ]);
  });

  it('gives an empty sheet no rows', async () => {
    const { records: rows, report, batches } = await records({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" s="2"/></row>' }] });
    expect(rows).toEqual([]);
    expect(report.rows).toBe(0);
    expect(batches).toBe(0);
  });

  it('reports a damaged sheet as malformed input', async () => {
    const parts = { sheets: [{ name: 'S', rows: row(1, cell('A1', 'n', '1')) + '<row r="2"><c r="A2"><v>2</c></row>' }] };
    await expect(records(parts)).rejects.toMatchObject({ name: 'AppError', code: 'input-malformed' });
  });

  it('turns column letters into indexes', () => {
    expect(['A1', 'B7', 'Z9', 'AA3', 'AZ1', 'XFD1048576', 'b2'].map(columnIndexOf)).toEqual([0, 1, 25, 26, 51, 16383, 1]);
  });
});
