import { generateDemoShop } from '../demo';
import type { JobHandler } from '../jobs';
import { localChunkProfiler } from '../profile';
import { removeUnfinishedSources, type EdgeFuseDb } from '../store';
import { checkImportedSource } from './analyse-source';
import { byteSourceFromBytes } from './byte-source';
import { contentHash } from './content-hash';
import { importTable } from './import-files';
import { readTables } from './read-table';

// The "Try the demo" job: generate the seeded demo shop and import each of its files as a
// source. It checkpoints after every committed file, so a reload mid-way resumes with the
// files still missing instead of starting over.

export interface LoadDemoParams {
  workspaceId: string;
  seed: number;
  scale: number;
}

export interface LoadDemoResult {
  sources: number;
  rows: number;
}

interface LoadDemoState {
  doneFiles: string[];
}

function parseState(state: unknown): LoadDemoState {
  const files = (state as { doneFiles?: unknown } | null)?.doneFiles;
  return { doneFiles: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [] };
}

export function loadDemoJob(db: EdgeFuseDb): JobHandler<LoadDemoParams, LoadDemoResult> {
  return async (ctx) => {
    const { workspaceId, seed, scale } = ctx.params;
    ctx.progress(0, 1, 'bytes', 'Generating the demo shop');
    const shop = generateDemoShop({ seed, scale });
    const state = parseState(ctx.resumeState);
    // A source this job was writing when its tab died is incomplete: drop it and redo that file.
    await removeUnfinishedSources(db, ctx.jobId);

    // The demo files go through the same reader and writer as a user's dropped files.
    const files = shop.files.map((file) => ({ name: file.name, bytes: new TextEncoder().encode(file.text) }));
    const totalBytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
    let doneBytes = files.reduce((n, f) => n + (state.doneFiles.includes(f.name) ? f.bytes.byteLength : 0), 0);
    let rows = 0;
    for (const file of files) {
      if (state.doneFiles.includes(file.name)) continue;
      const before = doneBytes;
      const target = { workspaceId, jobId: ctx.jobId, signal: ctx.signal, sizeBytes: file.bytes.byteLength, fingerprint: await contentHash(file.bytes), newProfiler: localChunkProfiler };
      for await (const entry of readTables(byteSourceFromBytes(file.bytes, file.name), { signal: ctx.signal })) {
        if (entry.kind !== 'table') continue;
        const source = await importTable(db, target, entry, (done, total) => ctx.progress(before + (done / (total || 1)) * file.bytes.byteLength, totalBytes, 'bytes', `Importing ${file.name}`));
        await checkImportedSource(db, source, ctx.signal);
        rows += source.rowCount;
      }
      doneBytes = before + file.bytes.byteLength;
      state.doneFiles.push(file.name);
      await ctx.checkpoint(state.doneFiles.length, state);
      // Let a cancel message reach this worker between files.
      await new Promise((resolve) => setTimeout(resolve, 0));
      ctx.signal.throwIfAborted();
    }
    ctx.progress(totalBytes, totalBytes, 'bytes', 'Demo shop loaded');
    return { sources: shop.files.length, rows };
  };
}
