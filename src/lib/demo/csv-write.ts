// RFC 4180 writer. The demo's point is messy-but-valid files: values carry commas, quotes and line breaks,
// so quoting must be exact or a parser would see misaligned columns that nobody planted.

export type CsvValue = string | number | null | undefined;

// Leading/trailing spaces are quoted too: RFC 4180 keeps them, but many readers trim unquoted fields, and
// the stray whitespace in customers.csv is planted on purpose.
const needsQuotes = /[",\r\n]|^\s|\s$/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header plus rows, CRLF line ends (as RFC 4180 says), with a final line break. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}
