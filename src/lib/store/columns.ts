import type { ColumnType, EncodedColumn } from './types';

// Column encoding for chunks. The rule is lossless: a value is stored as a number only when
// the number prints back as exactly the same text ("1.50" and "00012" stay strings), so a
// chunk can always be decoded to what the file said. Meaning (ids, prices, dates) is the job
// of type inference at ingest, not of storage.

export type CellValue = string | number | boolean | null;

function isLosslessNumber(value: string): boolean {
  if (value === '' || value.length > 24) return false;
  const n = Number(value);
  return Number.isFinite(n) && String(n) === value;
}

function chooseKind(values: readonly CellValue[]): 'f64' | 'bool' | 'text' {
  let sawNumber = false;
  let sawBool = false;
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === 'number') sawNumber = true;
    else if (typeof v === 'boolean') sawBool = true;
    else if (isLosslessNumber(v)) sawNumber = true;
    else return 'text';
    if (sawNumber && sawBool) return 'text';
  }
  return sawBool ? 'bool' : sawNumber ? 'f64' : 'text';
}

export function encodeColumn(values: readonly CellValue[]): EncodedColumn {
  const n = values.length;
  const kind = chooseKind(values);
  if (kind === 'f64') {
    const out = new Float64Array(n);
    const valid = new Uint8Array(n);
    values.forEach((v, i) => {
      if (v === null) return;
      out[i] = Number(v);
      valid[i] = 1;
    });
    return { kind, values: out, valid };
  }
  if (kind === 'bool') {
    const out = new Uint8Array(n);
    const valid = new Uint8Array(n);
    values.forEach((v, i) => {
      if (v === null) return;
      out[i] = v === true ? 1 : 0;
      valid[i] = 1;
    });
    return { kind, values: out, valid };
  }
  if (mostlyDistinct(values)) return encodeStrings(values);
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  values.forEach((v, i) => {
    if (v === null) {
      codes[i] = -1;
      return;
    }
    const text = String(v);
    let code = index.get(text);
    if (code === undefined) {
      code = dictionary.push(text) - 1;
      index.set(text, code);
    }
    codes[i] = code;
  });
  const ends = new Int32Array(dictionary.length);
  let end = 0;
  dictionary.forEach((entry, k) => (ends[k] = end += entry.length));
  return { kind, codes, text: dictionary.join(''), ends };
}

/** Sample size and share of distinct values above which a chunk's strings are stored plainly. */
const distinctSample = 1024;
const distinctShare = 0.5;

function mostlyDistinct(values: readonly CellValue[]): boolean {
  const seen = new Set<string>();
  let sampled = 0;
  for (let i = 0; i < values.length && sampled < distinctSample; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    seen.add(String(v));
    sampled++;
  }
  return sampled >= 64 && seen.size > sampled * distinctShare;
}

function encodeStrings(values: readonly CellValue[]): EncodedColumn {
  const n = values.length;
  const ends = new Int32Array(n);
  const valid = new Uint8Array(n);
  const parts: string[] = [];
  let end = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) {
      const text = String(v);
      parts.push(text);
      end += text.length;
      valid[i] = 1;
    }
    ends[i] = end;
  }
  return { kind: 'strings', text: parts.join(''), ends, valid };
}

function dictionaryEntry(column: Extract<EncodedColumn, { kind: 'text' }>, code: number): string {
  return column.text.slice(code > 0 ? column.ends[code - 1]! : 0, column.ends[code]);
}

export function columnLength(column: EncodedColumn): number {
  if (column.kind === 'strings') return column.ends.length;
  return column.kind === 'dict' || column.kind === 'text' ? column.codes.length : column.values.length;
}

export function decodeValue(column: EncodedColumn, row: number): CellValue {
  switch (column.kind) {
    case 'f64':
      return column.valid[row] ? (column.values[row] ?? null) : null;
    case 'bool':
      return column.valid[row] ? column.values[row] === 1 : null;
    case 'text': {
      const code = column.codes[row] ?? -1;
      return code < 0 ? null : dictionaryEntry(column, code);
    }
    case 'strings':
      return column.valid[row] ? column.text.slice(row > 0 ? column.ends[row - 1]! : 0, column.ends[row]) : null;
    case 'dict': {
      const code = column.codes[row] ?? -1;
      return code < 0 ? null : (column.dictionary[code] ?? null);
    }
  }
}

/**
 * A whole column of a chunk back as cells, `rowCount` long (a chunk written before its column
 * appeared is absent: all null). Dictionary entries are cut once and shared by their rows, so a
 * repeated value is one string, which map lookups hash once. `asText` prints numbers and
 * booleans back as text: right for a column whose cells were all text, which storage keeps as
 * numbers only where they print back exactly as written.
 */
export function decodeColumn(column: EncodedColumn | undefined, rowCount: number, asText = false): CellValue[] {
  const out = new Array<CellValue>(rowCount).fill(null);
  if (!column) return out;
  const n = Math.min(rowCount, columnLength(column));
  switch (column.kind) {
    case 'f64':
    case 'bool': {
      const bool = column.kind === 'bool';
      for (let i = 0; i < n; i++) {
        if (!column.valid[i]) continue;
        const v = bool ? column.values[i] === 1 : column.values[i]!;
        out[i] = asText ? String(v) : v;
      }
      return out;
    }
    case 'strings': {
      const { text, ends, valid } = column;
      let start = 0;
      for (let i = 0; i < n; i++) {
        const end = ends[i]!;
        if (valid[i]) out[i] = text.slice(start, end);
        start = end;
      }
      return out;
    }
    case 'text':
    case 'dict': {
      const dictionary = column.kind === 'dict' ? column.dictionary : Array.from(column.ends, (_, k) => dictionaryEntry(column, k));
      for (let i = 0; i < n; i++) {
        const code = column.codes[i]!;
        if (code >= 0) out[i] = dictionary[code] ?? null;
      }
      return out;
    }
  }
}

export function countNulls(column: EncodedColumn): number {
  let nulls = 0;
  if (column.kind === 'dict' || column.kind === 'text') for (const c of column.codes) nulls += c < 0 ? 1 : 0;
  else for (const v of column.valid) nulls += v ? 0 : 1;
  return nulls;
}

/** The storage-level type of one chunk, widened across chunks by `widenType`. */
export function chunkType(column: EncodedColumn): ColumnType {
  if (column.kind === 'bool') return 'boolean';
  if (column.kind === 'dict' || column.kind === 'text') return column.codes.some((c) => c >= 0) ? 'string' : 'empty';
  if (column.kind === 'strings') return column.valid.some((v) => v === 1) ? 'string' : 'empty';
  let any = false;
  for (let i = 0; i < column.values.length; i++) {
    if (!column.valid[i]) continue;
    any = true;
    if (!Number.isInteger(column.values[i])) return 'float';
  }
  return any ? 'integer' : 'empty';
}

export function widenType(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'empty') return a;
  if (a === 'empty') return b;
  if ((a === 'integer' && b === 'float') || (a === 'float' && b === 'integer')) return 'float';
  return 'string';
}

/** Approximate stored size, for the storage panel (typed arrays exactly, strings as UTF-16). */
export function encodedBytes(column: EncodedColumn): number {
  if (column.kind === 'text') return column.codes.byteLength + column.ends.byteLength + column.text.length * 2;
  if (column.kind === 'strings') return column.ends.byteLength + column.valid.byteLength + column.text.length * 2;
  if (column.kind !== 'dict') return column.values.byteLength + column.valid.byteLength;
  let bytes = column.codes.byteLength;
  for (const s of column.dictionary) bytes += s.length * 2;
  return bytes;
}

/** Records (one object per row) as columns: the union of their keys in first-seen order, null where a record lacks one. */
export function columnsOfRecords(records: readonly Record<string, CellValue>[]): { names: string[]; columns: CellValue[][] } {
  const names: string[] = [];
  const index = new Map<string, number>();
  for (const record of records) {
    for (const name of Object.keys(record)) if (!index.has(name)) index.set(name, names.push(name) - 1);
  }
  return { names, columns: names.map((name) => records.map((r) => r[name] ?? null)) };
}
