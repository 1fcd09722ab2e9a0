import { describe, expect, it } from 'vitest';
import { byteSourceFromBytes } from '../../../src/lib/ingest/byte-source';
import { readXlsxSheets } from '../../../src/lib/ingest/parse-xlsx';
import { excelDateText, excelSerialDate, isDateFormatCode, isoCellDateText } from '../../../src/lib/ingest/xlsx-dates';
import { collect } from './fixtures';
import { cell, row, xlsxBytes } from './xlsx-writer';

// Excel dates are numbers that a style shows as dates: which styles, and which moments.

const serialText = (serial: number, date1904 = false) => excelDateText(excelSerialDate(serial, date1904));

describe('xlsx dates', () => {
  it('tells date and time format codes from number formats', () => {
    const dates = ['yyyy-mm-dd;@', 'dd/mm/yyyy', '[$-409]d mmm yy', 'h:mm AM/PM', '[h]:mm:ss', 'mm:ss.000', 'yyyy"年"m"月"d"日"', 'dddd, mmmm dd, yyyy', '[Red][<45000]yyyy-mm-dd', 'm/d/yy\\ h:mm'];
    const numbers = ['General', '0.00', '#,##0 "kg"', '0.00E+00', '"date: "0', '@', '[$€-407] #,##0.00', '_(* #,##0_);_(* (#,##0);_(* "-"??_)', '0%', '# ?/?', '\\d0'];
    expect(dates.filter((code) => !isDateFormatCode(code))).toEqual([]);
    expect(numbers.filter((code) => isDateFormatCode(code))).toEqual([]);
  });

  it('turns 1900-system and 1904-system serials into wall-clock text', () => {
    expect(serialText(45352)).toBe('2024-03-01');
    expect(serialText(45353.5625)).toBe('2024-03-02T13:30:00');
    expect(serialText(45292 + (8 * 3600 + 5 * 60 + 9.25) / 86400)).toBe('2024-01-01T08:05:09.250');
    // Day 1 is 1900-01-01; Excel's phantom 29 February 1900 shifts serials below 60 by a day.
    expect([1, 59, 61].map((s) => serialText(s))).toEqual(['1900-01-01', '1900-02-28', '1900-03-01']);
    expect(serialText(0, true)).toBe('1904-01-01');
    expect(serialText(45352 - 1462, true)).toBe('2024-03-01');
  });

  it('keeps ISO date cells as wall-clock text, and text that is no date as text', () => {
    expect(isoCellDateText('2024-03-02T13:30:00')).toBe('2024-03-02T13:30:00');
    expect(isoCellDateText('2024-03-02T13:30:00+02:00')).toBe('2024-03-02T11:30:00');
    expect(isoCellDateText('2024-03-02')).toBe('2024-03-02');
    expect(isoCellDateText('soon')).toBe('soon');
  });

  for (const date1904 of [false, true]) {
    it(`reads built-in and custom date styles in the ${date1904 ? '1904' : '1900'} date system`, async () => {
      const day = date1904 ? 45352 - 1462 : 45352; // 2024-03-01
      const bytes = xlsxBytes({
        date1904,
        // Styles: 0 General, 1 built-in 14 (m/d/yyyy), 2 built-in 22 (m/d/yy h:mm), 3 custom date,
        // 4 custom number with a quoted "d", 5 built-in 2 (0.00), 6 built-in 46 ([h]:mm:ss).
        styles: { numFmts: { 164: 'dd/mm/yyyy;@', 165: '0.0 "days"' }, cellFormats: [0, 14, 22, 164, 165, 2, 46] },
        sheets: [
          {
            name: 'S',
            rows:
              row(1, ...['general', 'builtin', 'stamp', 'custom', 'quantity', 'fixed', 'elapsed'].map((h, i) => cell(`${'ABCDEFG'[i]}1`, 'inlineStr', h))) +
              row(2, cell('A2', 'n', String(day)), cell('B2', 'n', String(day), 1), cell('C2', 'n', String(day + 0.75), 2), cell('D2', 'n', String(day + 1), 3), cell('E2', 'n', '2.5', 4), cell('F2', 'n', '2.5', 5), cell('G2', 'n', '0.5', 6)),
          },
        ],
      });
      const [sheet] = await readXlsxSheets(byteSourceFromBytes(bytes, 'dates.xlsx'));
      const out = collect();
      await sheet!.parse(out.sink);
      const timeOnly = date1904 ? '1904-01-01T12:00:00' : '1899-12-30T12:00:00';
      expect(out.records).toEqual([{ general: day, builtin: '2024-03-01', stamp: '2024-03-01T18:00:00', custom: '2024-03-02', quantity: 2.5, fixed: 2.5, elapsed: timeOnly }]);
    });
  }
});
