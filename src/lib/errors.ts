// One error type for everything the user may see. `code` is a closed set so callers
// (UI, CLI, tests) branch on it, never on message text; `message` is written for the user:
// what happened and what to do next. `details` must stay JSON-safe so it survives
// structured cloning across a worker boundary (see jobs/rpc.ts).

export const errorCodes = [
  'input-malformed',
  'input-encoding',
  'quota-exceeded',
  'gpu-lost',
  'worker-crashed',
  'not-found',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type ErrorDetails = Record<string, string | number | boolean | null>;

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Throws `internal` when a condition that our own code guarantees does not hold. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AppError('internal', `Internal error: ${message}. Please report this.`);
}

/** Cancellation is an outcome, not a failure: the UI and job runner treat it apart. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Turns anything thrown (DOMException from IndexedDB, GPU errors, plain strings) into an
 * AppError with a message a user can act on. Known platform errors get their own code.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || /quota/i.test(message)) {
    return new AppError(
      'quota-exceeded',
      'The browser ran out of storage for this site. Free space by deleting a workspace or source, or allow persistent storage, then try again.',
      { cause: message },
      { cause: error },
    );
  }
  return new AppError('internal', message || 'Unknown error', { cause: name || 'Error' }, { cause: error });
}
