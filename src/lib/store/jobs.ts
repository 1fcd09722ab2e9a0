import type { EdgeFuseDb } from './db';
import type { JobRecord } from './types';

export function recentJobs(db: EdgeFuseDb, limit = 50): Promise<JobRecord[]> {
  return db.jobs.orderBy('updatedAt').reverse().limit(limit).toArray();
}

export function jobsWithStatus(db: EdgeFuseDb, status: JobRecord['status']): Promise<JobRecord[]> {
  return db.jobs.where('status').equals(status).toArray();
}

/** Removes the sources a job was still writing (an import cut off by a closed tab). */
export async function removeUnfinishedSources(db: EdgeFuseDb, jobId: string): Promise<void> {
  await db.transaction('rw', db.sources, db.chunks, async () => {
    const unfinished = await db.sources.where('jobId').equals(jobId).filter((s) => s.status === 'importing').primaryKeys();
    for (const id of unfinished) {
      await db.chunks.where('sourceId').equals(id).delete();
      await db.sources.delete(id);
    }
  });
}

/** Removes a job, its checkpoint and any source it left half-written. */
export async function discardJob(db: EdgeFuseDb, jobId: string): Promise<void> {
  await db.transaction('rw', [db.jobs, db.checkpoints, db.sources, db.chunks], async () => {
    await removeUnfinishedSources(db, jobId);
    await db.checkpoints.delete(jobId);
    await db.jobs.delete(jobId);
  });
}
