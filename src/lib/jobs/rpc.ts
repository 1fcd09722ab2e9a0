import { expose as comlinkExpose, transferHandlers, type Endpoint, type ProxyMarked, type TransferHandler } from 'comlink';
import { AppError, isErrorCode, type ErrorDetails } from '../errors';
import type { RunOptions } from './runner';

// Comlink, configured for EdgeFuse. Importing this module on both sides of a worker boundary
// installs two transfer handlers:
// - `throw` (replacing Comlink's own, same key) keeps AppError's `code` and `details`, and
//   AbortError's name, which Comlink would reduce to name/message/stack;
// - `run-options` carries a job's `{ signal, onEvent }` across: the AbortSignal becomes a
//   MessagePort whose message aborts a fresh controller on the far side, and onEvent becomes a
//   Comlink proxy. Comlink handles only top-level arguments, hence one handler for the pair.

interface WireError {
  isError: true;
  name: string;
  message: string;
  stack: string;
  code: string | null;
  details: ErrorDetails;
}
type WireThrown = WireError | { isError: false; value: unknown };

const builtinThrow = transferHandlers.get('throw');
const builtinProxy = transferHandlers.get('proxy') as TransferHandler<object, MessagePort> | undefined;
if (!builtinThrow || !builtinProxy) throw new Error('Comlink changed: its throw/proxy transfer handlers are missing');

const throwHandler: TransferHandler<{ value: unknown }, WireThrown> = {
  canHandle: (value): value is { value: unknown } => builtinThrow.canHandle(value),
  serialize({ value }) {
    if (!(value instanceof Error)) return [{ isError: false, value }, []];
    const appError = value instanceof AppError ? value : null;
    return [
      { isError: true, name: value.name, message: value.message, stack: value.stack ?? '', code: appError?.code ?? null, details: appError?.details ?? {} },
      [],
    ];
  },
  deserialize(wire) {
    if (!wire.isError) throw wire.value;
    if (wire.name === 'AbortError') throw new DOMException(wire.message, 'AbortError');
    const error = isErrorCode(wire.code) ? new AppError(wire.code, wire.message, wire.details) : Object.assign(new Error(wire.message), { name: wire.name });
    error.stack = wire.stack;
    throw error;
  },
};

interface WireRunOptions {
  abort: MessagePort | null;
  events: MessagePort | null;
}

function isRunOptions(value: unknown): value is RunOptions {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.some((k) => k !== 'signal' && k !== 'onEvent')) return false;
  const { signal, onEvent } = value as Record<string, unknown>;
  return (signal === undefined || signal instanceof AbortSignal) && (onEvent === undefined || typeof onEvent === 'function');
}

function signalToPort(signal: AbortSignal): MessagePort {
  const { port1, port2 } = new MessageChannel();
  const send = () => {
    port1.postMessage('abort');
    port1.close();
  };
  if (signal.aborted) send();
  else signal.addEventListener('abort', send, { once: true });
  return port2;
}

function portToSignal(port: MessagePort): AbortSignal {
  const controller = new AbortController();
  port.onmessage = () => {
    controller.abort(new DOMException('The job was cancelled', 'AbortError'));
    port.close();
  };
  return controller.signal;
}

const runOptionsHandler: TransferHandler<RunOptions, WireRunOptions> = {
  canHandle: isRunOptions,
  serialize({ signal, onEvent }) {
    const abort = signal ? signalToPort(signal) : null;
    const [events, transfers] = onEvent ? builtinProxy.serialize(onEvent) : [null, []];
    return [{ abort, events }, [...(abort ? [abort] : []), ...transfers]];
  },
  deserialize({ abort, events }) {
    const options: RunOptions = {};
    if (abort) options.signal = portToSignal(abort);
    if (events) {
      const remote = builtinProxy.deserialize(events) as unknown as RunOptions['onEvent'] & object;
      // Fire and forget: a job never waits for the page to render an event.
      options.onEvent = (event) => void remote!(event);
    }
    return options;
  },
};

transferHandlers.set('throw', throwHandler as TransferHandler<unknown, unknown>);
transferHandlers.set('run-options', runOptionsHandler as TransferHandler<unknown, unknown>);

/** A callback that crosses a worker boundary: only `proxy(fn)` satisfies it, a bare function fails to compile. */
export type Proxied<F> = F & ProxyMarked;

/** Exposes a domain API from a worker. The type parameter keeps worker and page in step. */
export function expose<T extends object>(api: T, endpoint?: Endpoint): void {
  comlinkExpose(api, endpoint);
}

export { wrap, transfer, proxy, releaseProxy, type Remote } from 'comlink';
