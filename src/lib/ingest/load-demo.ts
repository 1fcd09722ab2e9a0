import { generateDemoShop } from '../demo';
import type { JobHandler } from '../jobs';
import type { EdgeFuseDb } from '../store';
import { importTextFile } from './import-text';

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
    const stale = await db.sources.where('jobId').equals(ctx.jobId).filter((s) => s.status === 'importing').primaryKeys();
    await db.transaction('rw', db.sources, db.chunks, async () => {
      for (const id of stale) {
        await db.chunks.where('sourceId').equals(id).delete();
        await db.sources.delete(id);
      }
    });

    const sizes = shop.files.map((f) => f.text.length);
    const totalBytes = sizes.reduce((a, b) => a + b, 0);
    let doneBytes = shop.files.reduce((sum, f, i) => sum + (state.doneFiles.includes(f.name) ? sizes[i]! : 0), 0);
    let rows = 0;
    for (const file of shop.files) {
      if (state.doneFiles.includes(file.name)) continue;
      const before = doneBytes;
      const { source } = await importTextFile(
        db,
        file,
        { workspaceId, jobId: ctx.jobId },
        (fileDone) => ctx.progress(before + fileDone, totalBytes, 'bytes', `Importing ${file.name}`),
        ctx.signal,
      );
      rows += source.rowCount;
      doneBytes = before + file.text.length;
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
