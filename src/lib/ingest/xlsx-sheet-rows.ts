import type { CellValue } from '../store';
import { excelDateText, excelSerialDate, isoCellDateText } from './xlsx-dates';
import type { CellLookups } from './xlsx-workbook';
import { cellText } from './xlsx-workbook';
import type { XmlHandlers } from './xlsx-xml';

// The cells of a worksheet part, as SAX handlers: <sheetData> holds <row r="7"> elements, each
// with <c r="B7" t="s" s="3"><v>12</v></c> cells. Both may be sparse: a missing row or cell is
// empty, and `r` says where a cell sits ("B7": column B, row 7); without `r`, it follows the one
// before. A row is handed on when it closes, so rows flow out while the part is still inflating.
//
// Values, by the cell's type `t`:
// - s (shared string): an index into sharedStrings.xml; str (formula text): the cached result in
//   <v>; inlineStr: the text of <is>, its rich-text runs joined. Text is trimmed, empty is null.
// - b: 1/0 as true/false. e (#DIV/0!, #N/A...): null, as a formula with no usable value.
// - d: an ISO date, kept as wall-clock text.
// - n or absent: a number, or, when the cell's style shows a date or time, the serial as
//   wall-clock text ("2024-03-01", "2024-03-02T13:30:00"). A formula's cached result is in <v>
//   like any value, so formulas read as their last computed value. An unreadable number is kept
//   as text rather than lost.

export interface SheetRow {
  /** 1-based row number in the sheet. */
  number: number;
  /** Values by 0-based column; ends at the last non-empty cell, gaps are null. */
  values: CellValue[];
}

/** "B7" → 1, "AA3" → 26: the column letters of a cell reference as a 0-based index. */
export function columnIndexOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20; // lower-case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return column - 1;
}

/** Where text inside the current cell goes. */
const textTarget = { nothing: 0, value: 1, inlineText: 2 } as const;

/** SAX handlers that hand each completed row of a worksheet to `onRow`. */
export function sheetRowHandlers(lookups: CellLookups, date1904: boolean, onRow: (row: SheetRow) => void): XmlHandlers {
  const { sharedStrings, dateStyles } = lookups;
  let inSheetData = false;
  let rowNumber = 0;
  let values: CellValue[] = [];
  // The cell being read.
  let column = -1;
  let type = 'n';
  let style = 0;
  let value: string | null = null; // text of <v>; null when the cell has none
  let inline: string | null = null; // text of <is>
  let into: number = textTarget.nothing;
  let inInline = false;
  let phonetic = 0;

  function cellValue(): CellValue {
    switch (type) {
      case 's':
        return value ? (sharedStrings[Number(value)] ?? null) : null;
      case 'str':
        return value === null ? null : cellText(value);
      case 'inlineStr':
        return cellText(inline ?? value ?? '');
      case 'b':
        return value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : null;
      case 'e':
        return null;
      case 'd':
        return value ? isoCellDateText(value.trim()) : null;
      default: {
        if (!value) return null;
        const number = Number(value);
        if (Number.isNaN(number)) return cellText(value);
        return dateStyles[style] ? excelDateText(excelSerialDate(number, date1904)) : number;
      }
    }
  }

  return {
    open(name, attributes) {
      if (name === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      switch (name) {
        case 'row': {
          const r = attributes.r;
          rowNumber = r ? Number(r) : rowNumber + 1;
          values = [];
          column = -1;
          break;
        }
        case 'c': {
          const r = attributes.r;
          column = r ? columnIndexOf(r) : column + 1;
          type = attributes.t ?? 'n';
          style = attributes.s ? Number(attributes.s) : 0;
          value = null;
          inline = null;
          break;
        }
        case 'v':
          value = '';
          into = textTarget.value;
          break;
        case 'is':
          inline = '';
          inInline = true;
          break;
        case 't':
          if (inInline && phonetic === 0) into = textTarget.inlineText;
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    close(name) {
      if (!inSheetData) return;
      switch (name) {
        case 'v':
        case 't':
          into = textTarget.nothing;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'is':
          inInline = false;
          break;
        case 'c': {
          const cell = cellValue();
          if (cell !== null && column >= 0) {
            while (values.length < column) values.push(null);
            values[column] = cell;
          }
          break;
        }
        case 'row':
          onRow({ number: rowNumber, values });
          values = [];
          break;
        case 'sheetData':
          inSheetData = false;
          break;
      }
    },
    text(piece) {
      if (into === textTarget.value) value += piece;
      else if (into === textTarget.inlineText) inline += piece;
    },
  };
}
