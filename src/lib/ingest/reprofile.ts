import type { JobHandler } from '../jobs';
import { getSource, updateSource, type EdgeFuseDb } from '../store';
import { analyseSource } from './analyse-source';

// Analyses a stored source again after the user overrides a column's type or changes its
// cleaning steps: profile of the cleaned view, and its quality issues.

export interface ReprofileParams {
  sourceId: string;
}

export function reprofileJob(db: EdgeFuseDb): JobHandler<ReprofileParams, { issues: number }> {
  return async (ctx) => {
    const source = await getSource(db, ctx.params.sourceId);
    const { profile, issues } = await analyseSource(db, source, {
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done, total, 'chunks', `Checking ${source.name}`),
    });
    // With no steps and no overrides the analysis re-uses the import profile: nothing to keep apart.
    await updateSource(db, source.id, { cleanProfile: profile === source.profile ? null : profile, issues });
    return { issues: issues.length };
  };
}
