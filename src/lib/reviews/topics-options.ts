// How the review analyses (topics, aspects, monitoring, attributions) are told what to do and
// report back. Options: defaults, then the caller's overrides; an unknown key, or a value of
// another type than its default's, is refused at the door with a message that names it.
// Progress: long loops call a tick that reports at most every ~200 ms and, at the same moments,
// yields to the event loop so an abort from the page can arrive (then throws the AbortError).
import { AppError } from '../errors';
import { createTick as createLoopTick, type Tick } from '../jobs/tick';
import type { ReviewProgress } from './progress';

export type { Tick };

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

/** A tick (jobs/tick.ts) for a loop over `unit`s ('texts', 'sentences'), reporting as ReviewProgress. */
export function createTick(run: RunOptions, unit: string): Tick {
  return createLoopTick({ signal: run.signal, onProgress: run.onProgress && ((done, total, message) => run.onProgress?.({ done, total, unit, message })) });
}
