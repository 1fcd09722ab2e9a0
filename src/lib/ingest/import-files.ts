import type { JobHandler } from '../jobs';
import { localChunkProfiler, type ChunkProfiler } from '../profile';
import { newId, SourceWriter, type EdgeFuseDb, type Source } from '../store';
import { byteSourceFromBlob } from './byte-source';
import { blobFingerprint } from './content-hash';
import type { TextEncoding } from './decode';
import { readTables, type ImageEntry, type TableReader } from './read-table';
import { profileWhileWriting } from './profile-while-writing';
import type { IngestFormat } from './types';

// The import job: every dropped file becomes one or more sources (a zip of CSVs, a workbook's
// sheets), streamed into column chunks and profiled in the same pass. A table is committed
// whole or not at all: on cancel or error the one being written is removed, and the tables
// finished before it stay. The quality check (a second pass, over the stored chunks) runs as a
// job of its own afterwards (reprofile.ts), so the rows are queryable as soon as they are stored.

export interface ImportOptions {
  format?: IngestFormat;
  encoding?: TextEncoding;
  delimiter?: string;
  header?: boolean;
}

export interface ImportFilesParams extends ImportOptions {
  workspaceId: string;
  /** What was dropped, for the job record; the File objects travel beside the params. */
  files: { name: string; sizeBytes: number }[];
}

export interface ImportedTable {
  sourceId: string;
  name: string;
  rows: number;
  malformed: number;
  replacementChars: number;
}

export interface ImportFilesResult {
  tables: ImportedTable[];
  images: number;
  skipped: { name: string; reason: string }[];
}

/** Where a table goes and who is writing it. */
export interface TableTarget {
  workspaceId: string;
  jobId: string | null;
  signal: AbortSignal;
  /** Bytes of the dropped file the table came from, and its fingerprint. */
  sizeBytes: number;
  fingerprint: string;
  newProfiler: () => ChunkProfiler;
}

/** Streams one table into a new source, profiled as it is written; all of it or nothing. */
export async function importTable(db: EdgeFuseDb, target: TableTarget, table: TableReader, onBytes: (done: number, total: number, rows: number) => void): Promise<Source> {
  const writer = await SourceWriter.create(db, {
    workspaceId: target.workspaceId,
    jobId: target.jobId,
    name: table.name,
    mediaType: table.format,
    sizeBytes: target.sizeBytes,
    contentHash: target.fingerprint,
    origin: { format: table.format, encoding: table.encoding, encodingConfidence: table.encodingConfidence, fileName: table.fileName, sheetName: table.sheetName, replacementChars: 0 },
  });
  const profiler = profileWhileWriting(writer, target.newProfiler());
  try {
    const report = await table.parseColumns(async (rows, doneBytes, totalBytes) => {
      await writer.appendColumns(rows);
      onBytes(doneBytes, totalBytes, writer.rowCount);
      target.signal.throwIfAborted();
    });
    target.signal.throwIfAborted();
    return await writer.finish(async () => ({
      profile: await profiler.result(),
      malformedRows: report.malformedRows,
      malformedTotal: report.malformedTotal ?? report.malformedRows.length,
      origin: { ...writer.source.origin, replacementChars: report.replacementChars ?? 0 },
    }));
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

async function storeImage(db: EdgeFuseDb, workspaceId: string, image: ImageEntry): Promise<void> {
  const bytes = await image.bytes();
  await db.images.add({
    id: newId(),
    workspaceId,
    name: image.fileName,
    mediaType: image.mediaType,
    sizeBytes: bytes.byteLength,
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: image.mediaType }),
    createdAt: Date.now(),
  });
}

export function importFilesJob(db: EdgeFuseDb, files: readonly File[], newProfiler: () => ChunkProfiler = localChunkProfiler): JobHandler<ImportFilesParams, ImportFilesResult> {
  return async (ctx) => {
    const { format, encoding, delimiter, header } = ctx.params;
    const totalBytes = files.reduce((n, f) => n + f.size, 0) || 1;
    const result: ImportFilesResult = { tables: [], images: 0, skipped: [] };
    let bytesBefore = 0;
    for (const file of files) {
      const fingerprint = await blobFingerprint(file);
      const options = { signal: ctx.signal, ...(format ? { format } : {}), ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}), ...(header !== undefined ? { header } : {}) };
      for await (const entry of readTables(byteSourceFromBlob(file, file.name), options)) {
        if (entry.kind === 'skipped') {
          result.skipped.push({ name: entry.name, reason: entry.reason });
          ctx.log(`${entry.name}: ${entry.reason}`, 'warn');
        } else if (entry.kind === 'image') {
          await storeImage(db, ctx.params.workspaceId, entry);
          result.images++;
        } else {
          const target = { workspaceId: ctx.params.workspaceId, jobId: ctx.jobId, signal: ctx.signal, sizeBytes: file.size, fingerprint, newProfiler };
          const source = await importTable(db, target, entry, (done, total, rows) => {
            // Packed inputs report compressed bytes, so progress stays within this file's share.
            const fraction = total > 0 ? Math.min(1, done / total) : 0;
            ctx.progress(bytesBefore + fraction * file.size, totalBytes, 'bytes', `Importing ${entry.name} · ${rows.toLocaleString('en-US')} rows`);
          });
          result.tables.push({ sourceId: source.id, name: source.name, rows: source.rowCount, malformed: source.malformedTotal, replacementChars: source.origin.replacementChars });
        }
      }
      bytesBefore += file.size;
      ctx.progress(bytesBefore, totalBytes, 'bytes', `Imported ${file.name}`);
    }
    return result;
  };
}

export interface DuplicateImport {
  fileName: string;
  sourceName: string;
  importedAt: number;
}

/** Files of this drop that were imported into the workspace before (same size, head and tail). */
export async function findDuplicateImports(db: EdgeFuseDb, workspaceId: string, files: readonly File[]): Promise<DuplicateImport[]> {
  const found: DuplicateImport[] = [];
  for (const file of files) {
    const fingerprint = await blobFingerprint(file);
    const earlier = await db.sources.where('[workspaceId+contentHash]').equals([workspaceId, fingerprint]).first();
    if (earlier) found.push({ fileName: file.name, sourceName: earlier.name, importedAt: earlier.createdAt });
  }
  return found;
}
