import { AppError } from '../errors';
import type { CellValue } from '../store';
import type { ByteSource } from './byte-source';
import { builtInDateFormatIds, isDateFormatCode } from './xlsx-dates';
import { localName, readXmlPart, unescapeXlsxString } from './xlsx-xml';
import { listZipEntries, type ZipEntry } from './zip-archive';

// What a workbook says about itself. Opening it reads only the small parts: the package
// relationships (where the workbook part is), xl/workbook.xml (sheet names in order, the 1900 or
// 1904 date system) and its relationships (which part holds each sheet's cells: they are often
// but not always xl/worksheets/sheetN.xml). The lookups every cell may need, shared strings and
// which styles show dates, are read once, on the first sheet parsed.

export interface WorkbookSheet {
  name: string;
  /** Path of the worksheet part inside the zip: "xl/worksheets/sheet1.xml". */
  path: string;
}

export interface Workbook {
  source: ByteSource;
  sheets: WorkbookSheet[];
  /** Serials count from 1904-01-01 (old Mac Excel) rather than from 1900. */
  date1904: boolean;
  sharedStringsPath: string | null;
  stylesPath: string | null;
  entry(path: string): ZipEntry | undefined;
}

export interface CellLookups {
  /** Shared strings, trimmed, with empty ones as null: how cell text is stored (see xlsx-sheet-rows.ts). */
  sharedStrings: CellValue[];
  /** Indexed by a cell's `s` (its cellXfs style): whether its number format shows a date or time. */
  dateStyles: boolean[];
}

interface Relationship {
  type: string;
  path: string;
}

function malformed(source: ByteSource, what: string): AppError {
  return new AppError('input-malformed', `"${source.name}" is not a readable Excel workbook (${what}). Open it in Excel and save it again as .xlsx.`, { name: source.name });
}

/** Cell text as the reader stores it: `_xHHHH_` decoded, trimmed, empty as null. */
export function cellText(raw: string): string | null {
  const text = unescapeXlsxString(raw).trim();
  return text === '' ? null : text;
}

/** The folder of a part ("xl/workbook.xml" → "xl/") and a relationship target resolved against it. */
function resolveTarget(partPath: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURI(target);
  } catch {
    // a target with a stray % is taken literally
  }
  const base = decoded.startsWith('/') ? [] : partPath.split('/').slice(0, -1);
  for (const segment of decoded.split('/')) {
    if (segment === '..') base.pop();
    else if (segment !== '.' && segment !== '') base.push(segment);
  }
  return base.join('/');
}

/** The relationships of a part, by id: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
async function readRelationships(workbook: Omit<Workbook, 'sheets'>, partPath: string): Promise<Map<string, Relationship>> {
  const folder = partPath.split('/').slice(0, -1);
  const relsPath = [...folder, '_rels', `${partPath.split('/').pop()}.rels`].join('/');
  const relationships = new Map<string, Relationship>();
  const entry = workbook.entry(relsPath);
  if (!entry) return relationships;
  await readXmlPart(workbook.source, entry, {
    open(name, attributes) {
      const { Id: id, Type: type, Target: target, TargetMode: mode } = attributes;
      if (name !== 'Relationship' || !id || !type || !target || mode === 'External') return;
      relationships.set(id, { type: type.slice(type.lastIndexOf('/') + 1), path: resolveTarget(partPath, target) });
    },
  });
  return relationships;
}

/** Lists the sheets of a workbook, reading only its small parts. */
export async function openWorkbook(source: ByteSource): Promise<Workbook> {
  const entries = await listZipEntries(source);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  // Paths in a zip are case-sensitive, but not every writer agrees with its own relationships.
  const byLowerPath = new Map(entries.map((e) => [e.path.toLowerCase(), e]));
  const entry = (path: string) => byPath.get(path) ?? byLowerPath.get(path.toLowerCase());
  const known = { source, entry, date1904: false, sharedStringsPath: null, stylesPath: null };

  const packageRels = await readRelationships(known, '');
  const workbookPath = [...packageRels.values()].find((r) => r.type === 'officeDocument')?.path ?? 'xl/workbook.xml';
  const workbookEntry = entry(workbookPath);
  if (!workbookEntry) throw malformed(source, `it has no ${workbookPath}`);

  let date1904 = false;
  const listed: { name: string; id: string }[] = [];
  await readXmlPart(source, workbookEntry, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      else if (name === 'sheet' && attributes.name !== undefined) {
        // The relationship id is `r:id`, under whatever prefix the writer bound.
        const idKey = Object.keys(attributes).find((key) => key.includes(':') && localName(key) === 'id');
        listed.push({ name: unescapeXlsxString(attributes.name), id: idKey ? attributes[idKey]! : '' });
      }
    },
  });

  const rels = await readRelationships(known, workbookPath);
  const sheets: WorkbookSheet[] = [];
  for (const { name, id } of listed) {
    const rel = rels.get(id);
    if (!rel) throw malformed(source, `sheet "${name}" points to no part`);
    // Chart sheets and macro sheets are listed beside worksheets but hold no table.
    if (rel.type === 'worksheet') sheets.push({ name, path: rel.path });
  }
  const pathOf = (type: string) => [...rels.values()].find((r) => r.type === type)?.path ?? null;
  return { source, entry, sheets, date1904, sharedStringsPath: pathOf('sharedStrings'), stylesPath: pathOf('styles') };
}

/** Every string of xl/sharedStrings.xml; rich text (runs of <r><t>) joined, phonetic hints (<rPh>) left out. */
async function readSharedStrings(workbook: Workbook, signal?: AbortSignal): Promise<CellValue[]> {
  const entry = workbook.sharedStringsPath === null ? undefined : workbook.entry(workbook.sharedStringsPath);
  if (!entry) return [];
  const strings: CellValue[] = [];
  let text: string | null = null;
  let inText = false;
  let phonetic = 0;
  await readXmlPart(
    workbook.source,
    entry,
    {
      open(name) {
        if (name === 'si') text = '';
        else if (name === 't') inText = true;
        else if (name === 'rPh') phonetic++;
      },
      close(name) {
        if (name === 'si') {
          strings.push(cellText(text ?? ''));
          text = null;
        } else if (name === 't') inText = false;
        else if (name === 'rPh') phonetic--;
      },
      text(piece) {
        if (inText && phonetic === 0 && text !== null) text += piece;
      },
    },
    { signal },
  );
  return strings;
}

/** Which cell styles (cellXfs, by index) show dates: built-in ids, or custom codes with date tokens. */
async function readDateStyles(workbook: Workbook, signal?: AbortSignal): Promise<boolean[]> {
  const entry = workbook.stylesPath === null ? undefined : workbook.entry(workbook.stylesPath);
  if (!entry) return [];
  const customCodes = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await readXmlPart(
    workbook.source,
    entry,
    {
      open(name, attributes) {
        if (name === 'numFmt' && attributes.numFmtId !== undefined) customCodes.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        // Only cellXfs count: a cell's `s` indexes them. cellStyleXfs are named styles' bases.
        else if (name === 'xf' && inCellXfs) styleFormats.push(Number(attributes.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    { signal },
  );
  // A code the file defines wins over the built-in meaning of its id.
  return styleFormats.map((id) => {
    const code = customCodes.get(id);
    return code !== undefined ? isDateFormatCode(code) : builtInDateFormatIds.has(id);
  });
}

export async function readCellLookups(workbook: Workbook, signal?: AbortSignal): Promise<CellLookups> {
  const [sharedStrings, dateStyles] = await Promise.all([readSharedStrings(workbook, signal), readDateStyles(workbook, signal)]);
  return { sharedStrings, dateStyles };
}
