// Progress and cancellation for long loops that may run in a worker: report at most every
// ~200 ms, and at the same moments yield to the event loop so an abort message can arrive, then
// throw the platform AbortError if the signal fired. Shared by the link and recommend loops.

/** What a long loop is given: the job's signal and where its progress goes. */
export interface LoopOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number, message: string) => void) | undefined;
}

export type Tick = (done: number, total: number, message: string) => Promise<void>;

const reportEveryMs = 200;

export function createTick(options: LoopOptions): Tick {
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
