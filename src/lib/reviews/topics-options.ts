// How the review analyses (topics, aspects, monitoring, attributions) are told what to do and
// report back. Options: defaults, then the caller's overrides; an unknown key, or a value of
// another type than its default's, is refused at the door with a message that names it.
// Progress: long loops call a tick that reports at most every ~200 ms and, at the same moments,
// yields to the event loop so an abort from the page can arrive (then throws the AbortError).
import { AppError } from '../errors';
import type { ReviewProgress } from './progress';

export function checkedOptions<T extends object>(defaults: Readonly<T>, overrides: Partial<T>, what: string): T {
  const options = { ...defaults } as T;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!(key in defaults)) throw new AppError('input-malformed', `Unknown ${what} option "${key}". Remove it or check its spelling.`, { key });
    const expected = defaults[key as keyof T];
    const sameKind = expected === null || value === null || typeof value === typeof expected;
    if (!sameKind || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new AppError('input-malformed', `The ${what} option "${key}" must be a ${typeof expected}.`, { key });
    }
    Object.assign(options, { [key]: value });
  }
  return options;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ReviewProgress) => void;
}

export type Tick = (done: number, total: number, message: string) => Promise<void>;

const reportEveryMs = 200;

/** A tick for a loop over `unit`s ('texts', 'sentences'). */
export function createTick(run: RunOptions, unit: string): Tick {
  let last = -Infinity;
  return async (done, total, message) => {
    run.signal?.throwIfAborted();
    const now = performance.now();
    if (now - last < reportEveryMs && done < total) return;
    last = now;
    run.onProgress?.({ done, total, unit, message });
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    run.signal?.throwIfAborted();
  };
}
