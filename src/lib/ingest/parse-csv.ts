import Papa from 'papaparse';
import type { CellValue } from '../store';
import type { RecordBatchSink, ParseReport } from './types';

// CSV through Papa Parse (RFC 4180 quoting, quoted newlines, delimiter sniffing), a chunk at a
// time: the parser is paused while a batch is written, so memory holds one chunk of rows, not
// the file. Values stay strings here; storage keeps them losslessly and typing comes later.

const chunkBytes = 1 << 20;

export function parseCsv(input: string | Blob, sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport> {
  const totalBytes = typeof input === 'string' ? input.length : input.size;
  const report: ParseReport = { rows: 0, malformedRows: [] };
  return new Promise((resolve, reject) => {
    let failed = false;
    // Typed as a local file: Papa parses a string with the same chunked machinery.
    Papa.parse<Record<string, string | undefined>, Papa.LocalFile>(input as Papa.LocalFile, {
      header: true,
      skipEmptyLines: 'greedy',
      chunkSize: chunkBytes,
      chunk(results, parser) {
        parser.pause();
        for (const error of results.errors) {
          // Papa counts rows from 0 without the header; people count lines from 1 with it.
          if (report.malformedRows.length < 1000) report.malformedRows.push({ line: (error.row ?? 0) + 2, message: error.message });
        }
        const records = results.data.map((row) => {
          const record: Record<string, CellValue> = {};
          for (const [name, value] of Object.entries(row)) {
            if (name === '__parsed_extra') continue;
            record[name] = typeof value === 'string' && value !== '' ? value : null;
          }
          return record;
        });
        report.rows += records.length;
        const consumed = Math.min(totalBytes, results.meta.cursor);
        Promise.resolve()
          .then(() => signal?.throwIfAborted())
          .then(() => sink(records, consumed, totalBytes))
          .then(
            () => parser.resume(),
            (error: unknown) => {
              failed = true;
              parser.abort();
              reject(error);
            },
          );
      },
      complete() {
        if (!failed) resolve(report);
      },
      error(error: Error) {
        failed = true;
        reject(error);
      },
    });
  });
}
