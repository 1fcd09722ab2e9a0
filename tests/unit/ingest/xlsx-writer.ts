import { zipSync, type ZipOptions } from 'fflate';
import { utf8 } from './fixtures';

// A minimal .xlsx writer for the reader's tests: the parts are written as given, so a test can
// say exactly what XML a sheet holds (sparse cells, inline strings, rich text, odd part paths,
// date styles, the 1904 system) without a spreadsheet library deciding for it.

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const pkgRelNs = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface SheetPart {
  name: string;
  /** Target of the sheet's relationship, relative to xl/ (default `worksheets/sheet<n>.xml`). */
  target?: string;
  /** What the part is; chart sheets are listed in the workbook but hold no cells. */
  kind?: 'worksheet' | 'chartsheet';
  /** The children of <sheetData>: `<row>` elements. */
  rows?: string;
  /** Prefix for the spreadsheet namespace ("x" writes <x:row>), as some writers do. */
  prefix?: string;
}

export interface WorkbookParts {
  sheets: SheetPart[];
  /** The inner XML of each <si> of sharedStrings.xml. */
  sharedStrings?: string[];
  /** Custom number formats by id, and the numFmtId of each cellXfs style (a cell's `s`). */
  styles?: { numFmts?: Record<number, string>; cellFormats: number[] };
  date1904?: boolean;
  /** Deflate level of every part (fflate's); 0 stores. */
  level?: ZipOptions['level'];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell: `cell('B2', 'n', '3.5')`, `cell('A1', 'inlineStr', 'text')`, `cell('C4', 'n', '45000', 2)` for style 2. */
export function cell(ref: string, type: string, value: string, style?: number): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  if (type === 'inlineStr') return `<c r="${ref}" t="inlineStr"${s}><is><t>${escapeXml(value)}</t></is></c>`;
  return `<c r="${ref}"${type === 'n' ? '' : ` t="${type}"`}${s}><v>${escapeXml(value)}</v></c>`;
}

export function row(number: number, ...cells: string[]): string {
  return `<row r="${number}">${cells.join('')}</row>`;
}

function sheetXml(part: SheetPart): string {
  if (part.kind === 'chartsheet') return `<?xml version="1.0"?><chartsheet xmlns="${main}"><sheetViews/></chartsheet>`;
  const p = part.prefix ? `${part.prefix}:` : '';
  const rows = part.prefix ? (part.rows ?? '').replace(/<(\/?)(row|c|v|is|t|r|rPh|f)\b/g, `<$1${p}$2`) : (part.rows ?? '');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet xmlns${part.prefix ? `:${part.prefix}` : ''}="${main}"><${p}dimension ref="A1"/><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`;
}

function stylesXml(styles: NonNullable<WorkbookParts['styles']>): string {
  const custom = Object.entries(styles.numFmts ?? {});
  const numFmts = custom.length ? `<numFmts count="${custom.length}">${custom.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts>` : '';
  // A cellStyleXfs entry with a date format, to show that only cellXfs count.
  const baseStyles = `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>`;
  const cellXfs = `<cellXfs count="${styles.cellFormats.length}">${styles.cellFormats.map((id) => `<xf numFmtId="${id}" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs>`;
  return `<?xml version="1.0"?><styleSheet xmlns="${main}">${numFmts}<fonts count="1"><font/></fonts>${baseStyles}${cellXfs}</styleSheet>`;
}

/** The bytes of a workbook made of these parts. */
export function xlsxBytes(parts: WorkbookParts): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const rels: string[] = [];
  const sheets = parts.sheets.map((sheet, i) => {
    const kind = sheet.kind ?? 'worksheet';
    const target = sheet.target ?? `${kind}s/sheet${i + 1}.xml`;
    files[`xl/${target.replace(/^\//, '').replace(/^xl\//, '')}`] = utf8(sheetXml(sheet));
    rels.push(`<Relationship Id="rIdSheet${i + 1}" Type="${relNs}/${kind}" Target="${target}"/>`);
    return `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rIdSheet${i + 1}"/>`;
  });
  if (parts.sharedStrings) {
    files['xl/sharedStrings.xml'] = utf8(`<?xml version="1.0"?><sst xmlns="${main}" count="${parts.sharedStrings.length}">${parts.sharedStrings.map((si) => `<si>${si}</si>`).join('')}</sst>`);
    rels.push(`<Relationship Id="rIdStrings" Type="${relNs}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  if (parts.styles) {
    files['xl/styles.xml'] = utf8(stylesXml(parts.styles));
    rels.push(`<Relationship Id="rIdStyles" Type="${relNs}/styles" Target="styles.xml"/>`);
  }
  const workbookPr = parts.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>';
  files['xl/workbook.xml'] = utf8(`<?xml version="1.0"?><workbook xmlns="${main}" xmlns:r="${relNs}">${workbookPr}<sheets>${sheets.join('')}</sheets></workbook>`);
  files['xl/_rels/workbook.xml.rels'] = utf8(`<?xml version="1.0"?><Relationships xmlns="${pkgRelNs}">${rels.join('')}</Relationships>`);
  files['_rels/.rels'] = utf8(`<?xml version="1.0"?><Relationships xmlns="${pkgRelNs}"><Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  files['[Content_Types].xml'] = utf8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`);
  return zipSync(files, { level: parts.level ?? 6 });
}
