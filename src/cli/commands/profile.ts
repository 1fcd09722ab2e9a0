// `edgefuse profile FILE...`: what EdgeFuse makes of files, as JSON: for every table in each file
// (sheets of a workbook, entries of a zip) its columns with inferred type, semantic role and
// profile, and the data-quality issues found. The same code as the app's import, in Node.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFormats, readTables, textEncodings, type IngestFormat, type TableReader, type TextEncoding } from '../../lib/ingest';
import { byteSourceFromFile } from '../../lib/ingest/byte-source-node';
import { batchFromRecords, DuplicateDetector, QualityScanner, suggestRoles, TableProfiler, type QualityIssue, type TableProfile } from '../../lib/profile';
import type { Command } from '../main';

const usage = `Usage: edgefuse profile FILE... [--format FORMAT] [--encoding ENCODING] [--delimiter C] [--no-header]

Prints, as JSON, for each table in each FILE: its columns with inferred type (and confidence),
suggested semantic roles, and profile (missing, distinct, quantiles, top values, patterns,
outliers), plus the data-quality issues found. FILE may be CSV/TSV, JSON, NDJSON, Parquet, xlsx,
or a .gz/.zip of these.

Options:
  --format F      read every FILE as ${ingestFormats.join(' | ')} instead of detecting it
  --encoding E    decode text as ${textEncodings.join(' | ')} instead of detecting it
  --delimiter C   CSV delimiter instead of sniffing it
  --no-header     the first CSV row is data
  -h, --help      show this help`;

interface TableReport {
  file: string;
  table: string;
  format: IngestFormat;
  encoding: string | null;
  rows: number;
  malformedRows: number;
  columns: { name: string; type: string; confidence: number; roles: { role: string; score: number }[]; profile: TableProfile['columns'][number] }[];
  issues: QualityIssue[];
}

/** Two passes over the table: profile first, then the checks that need the profile. */
async function profileTable(file: string, table: TableReader, reopen: () => Promise<TableReader | null>): Promise<TableReport> {
  const profiler = new TableProfiler();
  let rowStart = 0;
  const report = await table.parse(async (records) => {
    profiler.add(batchFromRecords(records, rowStart));
    rowStart += records.length;
  });
  const profile = profiler.result();
  const scanner = new QualityScanner(profile, { now: Date.now() });
  const duplicates = new DuplicateDetector();
  const again = await reopen();
  if (again) {
    rowStart = 0;
    await again.parse(async (records) => {
      const batch = batchFromRecords(records, rowStart);
      scanner.add(batch);
      duplicates.add(batch);
      rowStart += records.length;
    });
  }
  return {
    file,
    table: table.name,
    format: table.format,
    encoding: table.encoding,
    rows: profile.rowCount,
    malformedRows: report.malformedTotal ?? report.malformedRows.length,
    columns: profile.columns.map((column) => ({
      name: column.name,
      type: column.inference.type,
      confidence: column.inference.confidence,
      roles: suggestRoles(column).slice(0, 3).map((r) => ({ role: r.role, score: r.score })),
      profile: column,
    })),
    issues: scanner.issues(duplicates.result()),
  };
}

export const profileCommand: Command = {
  summary: 'profile files: columns, inferred types, semantic roles, quality issues (JSON)',
  usage,
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        encoding: { type: 'string' },
        delimiter: { type: 'string' },
        'no-header': { type: 'boolean' },
      },
    });
    if (positionals.length === 0) return context.fail('Name at least one FILE to profile.');
    if (values.format && !(ingestFormats as readonly string[]).includes(values.format)) return context.fail(`--format must be one of ${ingestFormats.join(', ')}.`);
    if (values.encoding && !(textEncodings as readonly string[]).includes(values.encoding)) return context.fail(`--encoding must be one of ${textEncodings.join(', ')}.`);
    const options = {
      ...(values.format ? { format: values.format as IngestFormat } : {}),
      ...(values.encoding ? { encoding: values.encoding as TextEncoding } : {}),
      ...(values.delimiter ? { delimiter: values.delimiter } : {}),
      ...(values['no-header'] ? { header: false } : {}),
    };
    const reports: TableReport[] = [];
    const skipped: { file: string; name: string; reason: string }[] = [];
    for (const name of positionals) {
      const path = resolve(context.cwd, name);
      const source = await byteSourceFromFile(path);
      try {
        let index = 0;
        for await (const entry of readTables(source, options)) {
          if (entry.kind === 'skipped') skipped.push({ file: name, name: entry.name, reason: entry.reason });
          if (entry.kind !== 'table') continue;
          const position = index++;
          // The second pass reads the same table again from a fresh listing of the file.
          const reopen = async () => {
            let i = 0;
            for await (const again of readTables(source, options)) if (again.kind === 'table' && i++ === position) return again;
            return null;
          };
          reports.push(await profileTable(name, entry, reopen));
        }
      } finally {
        await source.close();
      }
    }
    context.out(`${JSON.stringify({ tables: reports, skipped }, null, 2)}\n`);
    return 0;
  },
};
