import { decodeBytes, detectEncoding } from './decode';
import type { IngestFormat } from './types';

// What a dropped file is, from its name and first bytes: magic numbers first (a renamed file
// still opens), then the extension, then the text itself. Also the two guesses a delimited text
// needs before parsing: its delimiter and whether row 1 is a header.

export const containerFormats = ['gzip', 'zip'] as const;
export type ContainerFormat = (typeof containerFormats)[number];

export const imageMediaTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type ImageMediaType = (typeof imageMediaTypes)[number];

/** How the verdict was reached, for the UI's "read as CSV (by content)" line. */
export const sniffEvidence = ['magic', 'extension', 'content'] as const;
export type SniffEvidence = (typeof sniffEvidence)[number];

export type SniffResult =
  | { kind: 'table'; format: IngestFormat; by: SniffEvidence }
  | { kind: 'container'; format: ContainerFormat; by: SniffEvidence }
  | { kind: 'image'; mediaType: ImageMediaType; by: SniffEvidence }
  | { kind: 'unknown'; reason: string };

/** How much of a file sniffing looks at. */
export const sniffHeadBytes = 64 * 1024;

const extensions: Record<string, Exclude<SniffResult, { kind: 'unknown' }>> = {
  csv: { kind: 'table', format: 'csv', by: 'extension' },
  tsv: { kind: 'table', format: 'csv', by: 'extension' },
  tab: { kind: 'table', format: 'csv', by: 'extension' },
  psv: { kind: 'table', format: 'csv', by: 'extension' },
  txt: { kind: 'table', format: 'csv', by: 'extension' },
  json: { kind: 'table', format: 'json', by: 'extension' },
  ndjson: { kind: 'table', format: 'ndjson', by: 'extension' },
  jsonl: { kind: 'table', format: 'ndjson', by: 'extension' },
  parquet: { kind: 'table', format: 'parquet', by: 'extension' },
  xlsx: { kind: 'table', format: 'xlsx', by: 'extension' },
  xlsm: { kind: 'table', format: 'xlsx', by: 'extension' },
  gz: { kind: 'container', format: 'gzip', by: 'extension' },
  zip: { kind: 'container', format: 'zip', by: 'extension' },
  jpg: { kind: 'image', mediaType: 'image/jpeg', by: 'extension' },
  jpeg: { kind: 'image', mediaType: 'image/jpeg', by: 'extension' },
  png: { kind: 'image', mediaType: 'image/png', by: 'extension' },
  webp: { kind: 'image', mediaType: 'image/webp', by: 'extension' },
  gif: { kind: 'image', mediaType: 'image/gif', by: 'extension' },
};

const refused: Record<string, string> = {
  xls: 'This is an old-style Excel file (.xls). Open it in Excel or LibreOffice and save it as .xlsx or CSV.',
  tar: 'Tar archives are not supported: use a .zip, or unpack the archive and drop its files.',
  tgz: 'Tar archives are not supported: use a .zip, or unpack the archive and drop its files.',
};

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
}

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return bytes.every((b, i) => head[at + i] === b);
}

function containsAscii(head: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = head.indexOf(first); i !== -1 && i + text.length <= head.length; i = head.indexOf(first, i + 1)) {
    for (let j = 1; j < text.length; j++) if (head[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

function byMagic(head: Uint8Array, ext: string): SniffResult | null {
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'container', format: 'gzip', by: 'magic' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    // An xlsx is a zip whose entry names (stored in the clear) start with xl/.
    const office = containsAscii(head, '[Content_Types].xml');
    if (containsAscii(head, 'xl/') || (office && (ext === 'xlsx' || ext === 'xlsm'))) return { kind: 'table', format: 'xlsx', by: 'magic' };
    if (office) return { kind: 'unknown', reason: 'This looks like a Word or PowerPoint document, not a table.' };
    return { kind: 'container', format: 'zip', by: 'magic' };
  }
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { kind: 'table', format: 'parquet', by: 'magic' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mediaType: 'image/jpeg', by: 'magic' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'image', mediaType: 'image/png', by: 'magic' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return { kind: 'image', mediaType: 'image/webp', by: 'magic' };
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { kind: 'image', mediaType: 'image/gif', by: 'magic' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: 'unknown', reason: refused.xls! };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { kind: 'unknown', reason: 'PDF files hold no table EdgeFuse can read: export the data as CSV or Excel.' };
  return null;
}

/** Complete lines of a sample, leaving out the last one when the sample may have cut it. */
function sampleLines(text: string, complete: boolean, max: number): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (!complete && lines.length > 1) lines.pop();
  return lines.slice(0, max);
}

/** Two or more lines that each parse as JSON: one document per line. */
function looksLikeNdjson(text: string, complete: boolean): boolean {
  const lines = sampleLines(text, complete, 20).filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  try {
    for (const line of lines) JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function byContent(head: Uint8Array, complete: boolean): SniffResult {
  const guess = detectEncoding(head, { complete });
  const text = decodeBytes(head, guess.encoding).replace(/^\ufeff/, '');
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  if (control > text.length / 100 + 1) return { kind: 'unknown', reason: 'This file looks binary, not like text or a known table format.' };
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') return { kind: 'table', format: looksLikeNdjson(text, complete) ? 'ndjson' : 'json', by: 'content' };
  return { kind: 'table', format: 'csv', by: 'content' };
}

/**
 * What a file is. `head` is its first bytes (`sniffHeadBytes` is enough); `complete` says the
 * head is the whole file, so its last line is not cut.
 */
export function sniffFormat(name: string, head: Uint8Array, complete = false): SniffResult {
  const ext = extensionOf(name);
  const magic = byMagic(head, ext);
  if (magic) return magic;
  if (refused[ext]) return { kind: 'unknown', reason: refused[ext] };
  const known = extensions[ext];
  // Binary formats without their magic are damaged or misnamed: let the content decide.
  if (known && (known.kind !== 'table' || known.format === 'parquet' || known.format === 'xlsx')) return byContent(head, complete);
  // Many tools write one JSON document per line into a ".json" file.
  if (known?.kind === 'table' && known.format === 'json') {
    const text = decodeBytes(head, detectEncoding(head, { complete }).encoding);
    return looksLikeNdjson(text, complete) ? { kind: 'table', format: 'ndjson', by: 'content' } : known;
  }
  if (known) return known;
  return byContent(head, complete);
}

export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/** Per line (logical record: quoted newlines do not end it), the count of each delimiter outside quotes. */
function delimiterCounts(text: string, maxLines: number): number[][] {
  const rows: number[][] = [];
  let counts = csvDelimiters.map(() => 0);
  let inQuotes = false;
  for (let i = 0; i < text.length && rows.length < maxLines; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows.push(counts);
      counts = csvDelimiters.map(() => 0);
    } else {
      const d = csvDelimiters.indexOf(c as CsvDelimiter);
      if (d !== -1) counts[d]!++;
    }
  }
  // The last line may be cut by the sample end; use it only when it is all there is.
  if (rows.length === 0) rows.push(counts);
  return rows;
}

/**
 * The delimiter whose count per line is the most consistent (and non-zero), over the first 50
 * lines. Ties go to the larger count, then to the order of `csvDelimiters`. A single column
 * has no delimiter: comma.
 */
export function sniffDelimiter(sampleText: string): CsvDelimiter {
  const rows = delimiterCounts(sampleText, 50).filter((r) => r.some((n) => n > 0));
  let best: { delimiter: CsvDelimiter; consistency: number; count: number } = { delimiter: ',', consistency: 0, count: 0 };
  csvDelimiters.forEach((delimiter, d) => {
    const frequency = new Map<number, number>();
    for (const row of rows) frequency.set(row[d]!, (frequency.get(row[d]!) ?? 0) + 1);
    let count = 0;
    let lines = 0;
    for (const [n, f] of frequency) if (n > 0 && (f > lines || (f === lines && n > count))) [count, lines] = [n, f];
    const consistency = rows.length ? lines / rows.length : 0;
    if (count > 0 && (consistency > best.consistency || (consistency === best.consistency && count > best.count))) best = { delimiter, consistency, count };
  });
  return best.delimiter;
}

type CellKind = 'empty' | 'number' | 'date' | 'boolean' | 'text';

const numberPattern = /^[-+]?[$€£¥]?\s*(\d{1,3}([,.\s]\d{3})+|\d+)?([.,]\d+)?([eE][-+]?\d+)?\s*[%€]?$/;
const datePattern = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2})?)?/;

function cellKind(value: string): CellKind {
  const v = value.trim();
  if (v === '') return 'empty';
  if (datePattern.test(v)) return 'date';
  if (/\d/.test(v) && numberPattern.test(v)) return 'number';
  if (/^(true|false)$/i.test(v)) return 'boolean';
  return 'text';
}

/**
 * Whether row 1 names the columns. Evidence for: a text cell above a column of numbers, dates or
 * booleans. Evidence against: a number or date above a column of the same kind, and (weakly) a
 * repeated value in row 1; a blank row 1 is never a header. With no evidence either way
 * (all-text tables) we say header, as most exports have one; the user can override.
 */
export function sniffHeader(rows: readonly (readonly string[])[]): boolean {
  const [first, ...rest] = rows;
  if (!first || first.every((v) => v.trim() === '')) return false;
  const named = first.map((v) => v.trim()).filter((v) => v !== '');
  let forHeader = 0;
  // Repeated names happen in real headers too (we make them unique), so they weigh only a little.
  let against = new Set(named).size !== named.length ? 0.5 : 0;
  first.forEach((value, c) => {
    const head = cellKind(value);
    const kinds = rest.map((r) => cellKind(r[c] ?? '')).filter((k) => k !== 'empty');
    if (kinds.length === 0) return;
    const typed = kinds.filter((k) => k !== 'text').length;
    const sameAsHead = kinds.filter((k) => k === head).length;
    if (head === 'text' && typed >= kinds.length / 2) forHeader++;
    else if (head !== 'text' && head !== 'empty' && sameAsHead >= kinds.length / 2) against++;
  });
  if (rest.length === 0) return first.every((v) => cellKind(v) === 'text');
  return against === 0 || forHeader > against;
}
