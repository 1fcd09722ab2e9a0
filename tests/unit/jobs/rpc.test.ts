import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors';
import type { JobEvent, RunOptions } from '../../../src/lib/jobs';
import { expose, wrap } from '../../../src/lib/jobs/rpc';

interface TestApi {
  fail(): Promise<void>;
  count(n: number, options: RunOptions): Promise<number>;
}

const api: TestApi = {
  fail: async () => {
    throw new AppError('quota-exceeded', 'Disk full', { needBytes: 10 });
  },
  async count(n, { signal, onEvent }) {
    for (let i = 1; i <= n; i++) {
      onEvent?.({ type: 'progress', jobId: 'x', done: i, total: n, unit: 'n', message: '', etaMs: null });
      await new Promise((resolve) => setTimeout(resolve, 5));
      signal?.throwIfAborted();
    }
    return n;
  },
};

function connect() {
  const { port1, port2 } = new MessageChannel();
  expose(api, port1);
  return wrap<TestApi>(port2);
}

describe('rpc across a MessageChannel', () => {
  it('keeps AppError code and details', async () => {
    const remote = connect();
    const error = await remote.fail().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'quota-exceeded', message: 'Disk full', details: { needBytes: 10 } });
  });

  it('carries onEvent and an AbortSignal that cancels the far side', async () => {
    const remote = connect();
    const events: JobEvent[] = [];
    expect(await remote.count(3, { onEvent: (e) => events.push(e) })).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.map((e) => e.type === 'progress' && e.done)).toEqual([1, 2, 3]);

    const controller = new AbortController();
    const running = remote.count(1000, { signal: controller.signal, onEvent: (e) => e.type === 'progress' && e.done === 3 && controller.abort() });
    const error = await running.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});
