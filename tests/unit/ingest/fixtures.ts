import type { CellValue } from '../../../src/lib/store';
import type { RecordBatchSink } from '../../../src/lib/ingest/types';

// Helpers shared by the ingest tests: fixtures are made in code, never read from disk.

export interface Collected {
  records: Record<string, CellValue>[];
  batches: number;
  progress: [number, number][];
  sink: RecordBatchSink;
}

export function collect(): Collected {
  const out: Collected = {
    records: [],
    batches: 0,
    progress: [],
    sink: async (records, done, total) => {
      out.records.push(...records);
      out.batches++;
      out.progress.push([done, total]);
    },
  };
  return out;
}

/** A string cut into pieces of `size` characters. */
export async function* textChunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Bytes cut into pieces of `size` bytes. */
export async function* byteChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

export function bytesOf(...parts: (readonly number[] | string)[]): Uint8Array<ArrayBuffer> {
  const arrays = parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** UTF-16LE bytes of a string (no BOM). */
export function utf16le(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

// Known GBK byte sequences (Node's TextDecoder reads GBK but nothing encodes it).
export const gbk = {
  商品: [0xc9, 0xcc, 0xc6, 0xb7],
  价格: [0xbc, 0xdb, 0xb8, 0xf1],
  中文: [0xd6, 0xd0, 0xce, 0xc4],
} as const;

export async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
