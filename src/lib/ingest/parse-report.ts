import { maxReportedRows, type MalformedRow, type ParseReport } from './types';

// Every parser builds its ParseReport the same way: all malformed rows are counted, the first
// `maxReportedRows` are kept with a clipped copy of their text for the user to look at.

const maxRawChars = 500;

export function newParseReport(): ParseReport {
  return { rows: 0, malformedRows: [], malformedTotal: 0 };
}

export function noteMalformed(report: ParseReport, line: number, message: string, raw?: string): void {
  report.malformedTotal = (report.malformedTotal ?? report.malformedRows.length) + 1;
  if (report.malformedRows.length >= maxReportedRows) return;
  const entry: MalformedRow = { line, message };
  if (raw !== undefined) entry.raw = raw.length > maxRawChars ? `${raw.slice(0, maxRawChars)}…` : raw;
  report.malformedRows.push(entry);
}
