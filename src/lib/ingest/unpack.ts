import { AppError, isAbortError } from '../errors';
import { concatBytes, type ByteStream, type OpenedStream } from './byte-source';

// Packed input: a `.gz` is inflated by the platform's DecompressionStream (browsers and Node 20
// both have it) as a stream; zip archives are in zip-archive.ts. Both check the expansion as they
// go, so a small file that inflates to terabytes (a "zip bomb") stops with a clear error long
// before it fills memory or storage.

export interface UnpackLimits {
  /** Most bytes one archive or .gz may expand to. */
  maxExpandedBytes: number;
  /** Largest expanded/compressed ratio allowed once past `ratioFloorBytes`. Text packs 5-20x. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Most bytes held in memory for a packed format that needs random access (Parquet, xlsx). */
  maxBufferedBytes: number;
}

export const defaultUnpackLimits: UnpackLimits = {
  maxExpandedBytes: 16 * 1024 ** 3,
  maxRatio: 1000,
  ratioFloorBytes: 64 * 1024 ** 2,
  maxBufferedBytes: 1024 ** 3,
};

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** Throws when `expanded` bytes out of `compressed` bytes in break a limit. */
export function checkExpansion(name: string, expanded: number, compressed: number, limits: UnpackLimits): void {
  if (expanded > limits.maxExpandedBytes) {
    throw new AppError('input-malformed', `"${name}" expands to more than ${gib(limits.maxExpandedBytes)}, which is more than EdgeFuse will unpack. Unpack it yourself and import the files inside.`, { name, expanded });
  }
  if (expanded > limits.ratioFloorBytes && expanded > compressed * limits.maxRatio) {
    throw new AppError('input-malformed', `"${name}" expands more than ${limits.maxRatio} times its packed size: it looks like a zip bomb, so EdgeFuse stopped unpacking it.`, { name, expanded, compressed });
  }
}

/** The name inside a .gz: "orders.csv.gz" holds "orders.csv". */
export function gunzippedName(name: string): string {
  const inner = name.replace(/\.(gz|gzip)$/i, '');
  return inner === name ? `${name}.out` : inner;
}

/** Pulls an async iterable through a ReadableStream (ReadableStream.from is not in every browser). */
function readableOf(chunks: AsyncIterable<Uint8Array>, onChunk: (chunk: Uint8Array) => void): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else {
        onChunk(next.value);
        controller.enqueue(next.value);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** The expanded bytes of a gzip file, read front to back; progress counts compressed bytes. */
export function gunzipStream(packed: ByteStream, limits: UnpackLimits = defaultUnpackLimits): ByteStream {
  return {
    name: gunzippedName(packed.name),
    sizeBytes: null,
    progressTotalBytes: packed.progressTotalBytes,
    open(): OpenedStream {
      const input = packed.open();
      let compressed = 0;
      async function* chunks(): AsyncGenerator<Uint8Array> {
        const readable = readableOf(input.chunks, (chunk) => (compressed += chunk.byteLength));
        // TS types the writable side as BufferSource, which excludes views over SharedArrayBuffer;
        // our chunks are plain Uint8Arrays.
        const inflate = new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>;
        const reader = readable.pipeThrough(inflate).getReader();
        let expanded = 0;
        try {
          for (;;) {
            let next: ReadableStreamReadResult<Uint8Array>;
            try {
              next = await reader.read();
            } catch (error) {
              if (error instanceof AppError || isAbortError(error)) throw error;
              throw new AppError('input-malformed', `"${packed.name}" is damaged or is not really gzip: ${(error as Error).message}`, { name: packed.name }, { cause: error });
            }
            if (next.done) return;
            expanded += next.value.byteLength;
            checkExpansion(packed.name, expanded, compressed, limits);
            yield next.value;
          }
        } finally {
          // Stops the pipe (and the reads below it) when the consumer leaves early.
          await reader.cancel().catch(() => undefined);
        }
      }
      return { chunks: chunks(), progressBytes: input.progressBytes };
    },
  };
}

/**
 * All of a stream in memory, for formats that need random access (Parquet, xlsx) when they
 * arrive packed. Refuses past `maxBufferedBytes` rather than exhaust the tab's memory.
 */
export async function bufferStream(stream: ByteStream, limits: UnpackLimits = defaultUnpackLimits, signal?: AbortSignal): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream.open().chunks) {
    signal?.throwIfAborted();
    length += chunk.byteLength;
    if (length > limits.maxBufferedBytes) {
      throw new AppError('unsupported', `"${stream.name}" is too large to read from inside an archive (over ${gib(limits.maxBufferedBytes)}). Unpack it and import the file itself.`, { name: stream.name });
    }
    parts.push(chunk);
  }
  return concatBytes(parts, length);
}
