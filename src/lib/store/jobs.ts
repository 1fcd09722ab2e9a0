import type { EdgeFuseDb } from './db';
import type { JobRecord } from './types';

export function recentJobs(db: EdgeFuseDb, limit = 50): Promise<JobRecord[]> {
  return db.jobs.orderBy('updatedAt').reverse().limit(limit).toArray();
}

export function jobsWithStatus(db: EdgeFuseDb, status: JobRecord['status']): Promise<JobRecord[]> {
  return db.jobs.where('status').equals(status).toArray();
}

/** Removes a job, its checkpoint and any source it left half-written. */
export async function discardJob(db: EdgeFuseDb, jobId: string): Promise<void> {
  await db.transaction('rw', [db.jobs, db.checkpoints, db.sources, db.chunks], async () => {
    const orphans = await db.sources.where('jobId').equals(jobId).filter((s) => s.status === 'importing').toArray();
    for (const source of orphans) {
      await db.chunks.where('sourceId').equals(source.id).delete();
      await db.sources.delete(source.id);
    }
    await db.checkpoints.delete(jobId);
    await db.jobs.delete(jobId);
  });
}
