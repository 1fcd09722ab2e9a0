// Where a file's bytes come from. Parsers never see a File, a Blob or a Node handle, only these
// two shapes, so one code path serves the page, the ingest worker and the CLI, and no parser
// ever asks for the whole file at once.

/** Random access: a dropped File, a Blob, a Node file, bytes already in memory. */
export interface ByteSource {
  name: string;
  sizeBytes: number;
  lastModified?: number;
  /** Bytes [start, end), clamped to the file. */
  slice(start: number, end: number): Promise<Uint8Array>;
  /** The whole file front to back, `chunkBytes` at a time (the last chunk may be shorter). */
  stream(chunkBytes?: number): AsyncIterable<Uint8Array>;
}

/**
 * Sequential only, but reopenable from the start: a gzip body or a zip entry. Progress is
 * measured on the outer file (compressed bytes), since the expanded size is often unknown.
 */
export interface ByteStream {
  name: string;
  /** Expanded size when known (a zip entry), else null (gzip). */
  sizeBytes: number | null;
  /** What `progressBytes` counts up to: the compressed size for packed data. */
  progressTotalBytes: number;
  open(): OpenedStream;
}

export interface OpenedStream {
  chunks: AsyncIterable<Uint8Array>;
  /** Outer bytes consumed so far, for progress. */
  progressBytes(): number;
}

export const defaultChunkBytes = 1 << 20;

async function* streamBySlices(source: ByteSource, chunkBytes: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < source.sizeBytes; start += chunkBytes) {
    yield await source.slice(start, Math.min(source.sizeBytes, start + chunkBytes));
  }
}

/** A File (page, worker) or a Blob (Node 20): reads go through `slice().arrayBuffer()`. */
export function byteSourceFromBlob(blob: Blob, name: string): ByteSource {
  const source: ByteSource = {
    name,
    sizeBytes: blob.size,
    async slice(start, end) {
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
    stream: (chunkBytes = defaultChunkBytes) => streamBySlices(source, chunkBytes),
  };
  const lastModified = (blob as { lastModified?: unknown }).lastModified;
  if (typeof lastModified === 'number') source.lastModified = lastModified;
  return source;
}

/** Bytes already in memory (tests, the demo, an unpacked archive entry). Slices are views. */
export function byteSourceFromBytes(bytes: Uint8Array, name: string): ByteSource {
  const source: ByteSource = {
    name,
    sizeBytes: bytes.byteLength,
    slice: async (start, end) => bytes.subarray(Math.max(0, start), Math.min(bytes.byteLength, end)),
    stream: (chunkBytes = defaultChunkBytes) => streamBySlices(source, chunkBytes),
  };
  return source;
}

/** A random-access source read front to back; progress is bytes read. */
export function streamOfSource(source: ByteSource, chunkBytes = defaultChunkBytes): ByteStream {
  return {
    name: source.name,
    sizeBytes: source.sizeBytes,
    progressTotalBytes: source.sizeBytes,
    open() {
      let done = 0;
      async function* counted(): AsyncGenerator<Uint8Array> {
        for await (const chunk of source.stream(chunkBytes)) {
          done += chunk.byteLength;
          yield chunk;
        }
      }
      return { chunks: counted(), progressBytes: () => done };
    },
  };
}

/** The first `maxBytes` of a stream (fewer if it is shorter), reading no further than needed. */
export async function readHead(stream: ByteStream, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  // Leaving the loop early calls the generator's return(), which releases the reader.
  for await (const chunk of stream.open().chunks) {
    parts.push(chunk);
    length += chunk.byteLength;
    if (length >= maxBytes) break;
  }
  return concatBytes(parts, Math.min(length, maxBytes));
}

export function concatBytes(parts: readonly Uint8Array[], length = parts.reduce((n, p) => n + p.byteLength, 0)): Uint8Array {
  if (parts.length === 1 && parts[0]!.byteLength === length) return parts[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    if (offset >= length) break;
    const take = Math.min(part.byteLength, length - offset);
    out.set(take === part.byteLength ? part : part.subarray(0, take), offset);
    offset += take;
  }
  return out;
}

/** The bytes as an ArrayBuffer of their own, copying only when they are a view into a larger one. */
export function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}
