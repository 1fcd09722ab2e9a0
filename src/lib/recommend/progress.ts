import type { RunOptions } from './types';

// Long loops report at most every ~200 ms and, at the same moments, yield to the event loop so
// an abort message from the page can arrive; then the platform AbortError is thrown if it did.

export type Tick = (done: number, total: number, message: string) => Promise<void>;

const reportEveryMs = 200;

export function createTick(options: RunOptions): Tick {
  let last = -Infinity;
  return async (done, total, message) => {
    options.signal?.throwIfAborted();
    const now = performance.now();
    if (now - last < reportEveryMs && done < total) return;
    last = now;
    options.onProgress?.(done, total, message);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    options.signal?.throwIfAborted();
  };
}
