import { AppError } from '../errors';
import { SourceWriter, type EdgeFuseDb, type Source } from '../store';
import { checkImportedSource } from './analyse-source';
import { contentHash } from './content-hash';
import { profileWhileWriting } from './profile-while-writing';
import { parseCsv } from './parse-csv';
import { parseJson, parseNdjson } from './parse-json';
import type { IngestFormat, ParseReport, RecordBatchSink } from './types';

export interface TextFile {
  name: string;
  mediaType: string;
  text: string;
}

export function formatOf(file: { name: string; mediaType: string }): IngestFormat {
  const name = file.name.toLowerCase();
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl') || file.mediaType === 'application/x-ndjson') return 'ndjson';
  if (name.endsWith('.json') || file.mediaType === 'application/json') return 'json';
  if (name.endsWith('.csv') || name.endsWith('.tsv') || file.mediaType === 'text/csv') return 'csv';
  throw new AppError('unsupported', `EdgeFuse cannot read "${file.name}" yet: use CSV, JSON or NDJSON.`, { name: file.name });
}

export function parseText(file: TextFile, sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport> {
  const format = formatOf(file);
  if (format === 'csv') return parseCsv(file.text, sink, signal);
  if (format === 'json') return parseJson(file.text, sink, signal);
  return parseNdjson(file.text, sink, signal);
}

export interface ImportTarget {
  workspaceId: string;
  jobId: string | null;
}

/**
 * Parses a text file into a new source. Either the whole source is committed or, on cancel or
 * error, nothing of it remains.
 */
export async function importTextFile(
  db: EdgeFuseDb,
  file: TextFile,
  target: ImportTarget,
  onProgress: (doneBytes: number, totalBytes: number) => void,
  signal?: AbortSignal,
): Promise<{ source: Source; report: ParseReport }> {
  const writer = await SourceWriter.create(db, {
    workspaceId: target.workspaceId,
    jobId: target.jobId,
    name: file.name,
    mediaType: file.mediaType,
    sizeBytes: new TextEncoder().encode(file.text).byteLength,
    contentHash: await contentHash(file.text),
  });
  const profiler = profileWhileWriting(writer);
  try {
    const report = await parseText(
      file,
      async (records, doneBytes, totalBytes) => {
        await writer.appendRecords(records);
        onProgress(doneBytes, totalBytes);
      },
      signal,
    );
    signal?.throwIfAborted();
    const source = await writer.finish(async () => ({ profile: await profiler.result(), malformedRows: report.malformedRows, malformedTotal: report.malformedTotal ?? report.malformedRows.length }));
    return { source: await checkImportedSource(db, source, signal), report };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
