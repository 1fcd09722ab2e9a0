import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { defaultChunkBytes, type ByteSource } from './byte-source';

// A file on disk as a ByteSource, for the CLI. The only ingest file that imports Node modules:
// keep it out of anything a page or worker bundles.

export interface NodeFileSource extends ByteSource {
  /** Releases the file handle; reads after this fail. */
  close(): Promise<void>;
}

async function readAt(handle: FileHandle, start: number, end: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(Math.max(0, end - start));
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === bytes.length ? bytes : bytes.subarray(0, filled);
}

export async function byteSourceFromFile(path: string, name = basename(path)): Promise<NodeFileSource> {
  const handle = await open(path, 'r');
  const stat = await handle.stat();
  const sizeBytes = stat.size;
  const slice = (start: number, end: number) => readAt(handle, Math.max(0, start), Math.min(sizeBytes, end));
  return {
    name,
    sizeBytes,
    lastModified: stat.mtimeMs,
    slice,
    async *stream(chunkBytes = defaultChunkBytes) {
      for (let start = 0; start < sizeBytes; start += chunkBytes) yield await slice(start, start + chunkBytes);
    },
    close: () => handle.close(),
  };
}
