import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, openApp, type Session } from './harness';

// The job runtime in the real browser: a job runs in a worker, streams progress with an ETA,
// is cancelled, and one cut off by a reload is found interrupted and resumed to the end.

let session: Session;
beforeEach(async () => {
  session = await launch();
});
afterEach(async () => {
  await session.close();
});

const benchmarkJob = (session: Session) => session.page.locator('[data-testid="job"][data-kind="device-benchmark"]').first();

describe('jobs', () => {
  it('runs in a worker, reports progress, and is cancelled', async () => {
    await openApp(session);
    const { page } = session;
    await page.getByTestId('nav-models').click();
    await page.getByTestId('benchmark-run').click();
    const job = benchmarkJob(session);
    await expect.poll(() => job.getAttribute('data-status')).toBe('running');
    await expect.poll(() => job.getByTestId('job-progress').textContent(), { timeout: 60_000 }).toMatch(/^\s*\d+%.*ETA/s);
    expect(await page.getByTestId('status-jobs').textContent()).toBe('1 job running');
    expect(page.workers().map((w) => w.url()).some((url) => url.includes('ml.worker'))).toBe(true);
    await job.getByTestId('job-cancel').click();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 60_000 }).toBe('cancelled');
    expect(await page.getByTestId('status-jobs').textContent()).toBe('0 jobs running');
    expect(await page.getByTestId('benchmark-result').count()).toBe(0);
  });

  it('marks a job cut off by a reload as interrupted, and resumes it to completion', async () => {
    await openApp(session, '/?backend=wasm');
    const { page } = session;
    await page.getByTestId('nav-models').click();
    await page.getByTestId('benchmark-run').click();
    const job = benchmarkJob(session);
    await expect.poll(() => job.getByTestId('job-progress').textContent(), { timeout: 60_000 }).toMatch(/\d+%/);
    await page.reload();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 30_000 }).toBe('interrupted');
    await job.getByTestId('job-resume').click();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    await expect.poll(() => page.getByTestId('benchmark-result').count()).toBe(1);
    expect(await page.getByTestId('benchmark-result').textContent()).toContain('wasm');
  });
});
