// What a running job tells whoever started it. One union keyed on `type`; each event is
// plain data so it crosses the worker boundary through a Comlink proxy callback.

export type JobEvent =
  | { type: 'started'; jobId: string }
  | { type: 'progress'; jobId: string; done: number; total: number; unit: string; message: string; etaMs: number | null }
  | { type: 'metric'; jobId: string; step: number; values: Record<string, number> }
  | { type: 'checkpoint'; jobId: string; step: number }
  | { type: 'log'; jobId: string; level: 'info' | 'warn'; text: string };

export type JobEventListener = (event: JobEvent) => void;

export type JobOutcome<R = unknown> =
  | { status: 'done'; jobId: string; result: R }
  | { status: 'cancelled'; jobId: string };
