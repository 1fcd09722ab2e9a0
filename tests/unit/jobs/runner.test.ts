import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors';
import { markInterruptedJobs, runJob, type JobEvent, type JobHandler } from '../../../src/lib/jobs';
import { testDb } from '../helpers';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Counts to `n`, checkpointing every 5, resuming from the checkpoint. */
const countTo: JobHandler<{ n: number; failAt?: number }, number> = async (ctx) => {
  let i = (ctx.resumeState as { i?: number } | null)?.i ?? 0;
  while (i < ctx.params.n) {
    i++;
    if (i === ctx.params.failAt) throw new AppError('input-malformed', 'bad row');
    if (i % 5 === 0) await ctx.checkpoint(i, { i });
    ctx.progress(i, ctx.params.n, 'items');
    ctx.metric(i, { loss: 1 / i });
    await tick();
    ctx.signal.throwIfAborted();
  }
  return i;
};

describe('job runner', () => {
  it('records a finished job with its result and streams progress', async () => {
    const db = testDb();
    const events: JobEvent[] = [];
    const outcome = await runJob(db, { kind: 'load-demo', workspaceId: 'w', params: { n: 12 } }, countTo, { onEvent: (e) => events.push(e) });
    expect(outcome).toMatchObject({ status: 'done', result: 12 });
    const job = await db.jobs.get(outcome.jobId);
    expect(job).toMatchObject({ status: 'done', result: 12, progress: { done: 12, total: 12 } });
    expect(events[0]).toEqual({ type: 'started', jobId: outcome.jobId });
    expect(events.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ done: 12, total: 12 });
    expect(events.some((e) => e.type === 'checkpoint')).toBe(true);
    expect(await db.checkpoints.count()).toBe(0);
  });

  it('cancels on abort and records the outcome', async () => {
    const db = testDb();
    const controller = new AbortController();
    const outcome = await runJob(db, { kind: 'load-demo', workspaceId: null, params: { n: 1000 } }, countTo, {
      signal: controller.signal,
      onEvent: (e) => e.type === 'checkpoint' && controller.abort(),
    });
    expect(outcome.status).toBe('cancelled');
    expect((await db.jobs.get(outcome.jobId))?.status).toBe('cancelled');
  });

  it('fails with the AppError and keeps the checkpoint, then resumes from it', async () => {
    const db = testDb();
    const events: JobEvent[] = [];
    const failing = runJob(db, { kind: 'load-demo', workspaceId: null, params: { n: 20, failAt: 12 } }, countTo, { onEvent: (e) => events.push(e) });
    await expect(failing).rejects.toMatchObject({ code: 'input-malformed' });
    const jobId = events[0]!.jobId;
    expect(await db.jobs.get(jobId)).toMatchObject({ status: 'failed', error: { code: 'input-malformed', message: 'bad row' } });
    expect((await db.checkpoints.get(jobId))?.state).toEqual({ i: 10 });

    // Resume with the cause fixed: it continues from step 10, not 0.
    await db.jobs.update(jobId, { params: { n: 20 } });
    const seen: number[] = [];
    // The stored params win over those passed: a resumed job runs as recorded.
    const resumed = await runJob(db, { kind: 'load-demo', workspaceId: null, params: { n: 0 }, jobId }, countTo, {
      onEvent: (e) => e.type === 'progress' && seen.push(e.done),
    });
    expect(resumed).toMatchObject({ status: 'done', result: 20, jobId });
    expect(Math.min(...seen)).toBeGreaterThan(10);
    // The curve is stored once per step: what the failed run logged after its checkpoint is replaced.
    expect((await db.runs.get(jobId))?.metrics.map((m) => m.step)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
  });

  it('marks running jobs without a live lock as interrupted', async () => {
    const db = testDb();
    const now = Date.now();
    await db.jobs.add({ id: 'j', workspaceId: null, kind: 'load-demo', params: {}, status: 'running', progress: null, message: '', etaMs: 10, error: null, result: null, createdAt: now, startedAt: now, updatedAt: now, finishedAt: null });
    expect(await markInterruptedJobs(db)).toBe(1);
    expect(await db.jobs.get('j')).toMatchObject({ status: 'interrupted', etaMs: null });
  });
});
