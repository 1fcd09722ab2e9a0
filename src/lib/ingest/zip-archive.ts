import { Inflate } from 'fflate';
import { AppError } from '../errors';
import type { ByteSource, ByteStream, OpenedStream } from './byte-source';
import { decodeBytes, detectEncoding } from './decode';
import { checkExpansion, defaultUnpackLimits, type UnpackLimits } from './unpack';

// Zip archives, read by random access: the central directory at the end lists every entry with
// its sizes, so we can name the tables, skip what is not data and refuse a zip bomb before
// inflating a byte; then each entry is inflated as a stream (fflate's Inflate) from its own
// slice of the file. Nothing but the directory and one chunk is ever in memory.

export interface ZipEntry {
  /** Path inside the archive, with folders: "2024/orders.csv". */
  path: string;
  compressedBytes: number;
  sizeBytes: number;
  /** 0 stored, 8 deflate; others are listed but cannot be read. */
  method: number;
  encrypted: boolean;
  localHeaderOffset: number;
}

const sig = { eocd: 0x06054b50, zip64Locator: 0x07064b50, zip64Eocd: 0x06064b50, central: 0x02014b50, local: 0x04034b50 } as const;
const u32Max = 0xffffffff;
/** Inflate at most this much packed data per step: bounds the memory one step can produce. */
const packedStepBytes = 64 * 1024;

function malformed(name: string, what: string): AppError {
  return new AppError('input-malformed', `"${name}" is not a readable zip archive (${what}). Is it complete?`, { name });
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(v: DataView, at: number): number {
  return Number(v.getBigUint64(at, true));
}

/** Where the central directory is, from the end-of-central-directory record (zip64 aware). */
async function findDirectory(source: ByteSource): Promise<{ offset: number; size: number; count: number }> {
  const tailStart = Math.max(0, source.sizeBytes - (22 + 0xffff));
  const tail = await source.slice(tailStart, source.sizeBytes);
  const t = view(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (t.getUint32(i, true) === sig.eocd) {
      at = i;
      break;
    }
  }
  if (at < 0) throw malformed(source.name, 'no end-of-archive record');
  let count = t.getUint16(at + 10, true);
  let size = t.getUint32(at + 12, true);
  let offset = t.getUint32(at + 16, true);
  if ((count === 0xffff || size === u32Max || offset === u32Max) && at >= 20 && t.getUint32(at - 20, true) === sig.zip64Locator) {
    const recordAt = u64(t, at - 20 + 8);
    const record = view(await source.slice(recordAt, recordAt + 56));
    if (record.byteLength < 56 || record.getUint32(0, true) !== sig.zip64Eocd) throw malformed(source.name, 'broken zip64 record');
    count = u64(record, 32);
    size = u64(record, 40);
    offset = u64(record, 48);
  }
  if (offset + size > source.sizeBytes) throw malformed(source.name, 'directory past the end of the file');
  return { offset, size, count };
}

function entryName(bytes: Uint8Array, utf8Flag: boolean): string {
  // Without the UTF-8 flag, names are in the packing machine's code page (often GBK in China).
  return decodeBytes(bytes, utf8Flag ? 'utf-8' : detectEncoding(bytes, { complete: true }).encoding);
}

/** Every entry of the archive, folders included, in directory order. */
export async function listZipEntries(source: ByteSource): Promise<ZipEntry[]> {
  const { offset, size, count } = await findDirectory(source);
  const directory = await source.slice(offset, offset + size);
  const d = view(directory);
  const entries: ZipEntry[] = [];
  let at = 0;
  // Walk the directory by its size, not the declared count: some writers wrap the count at 65536.
  while (at < directory.length) {
    if (at + 46 > directory.length || d.getUint32(at, true) !== sig.central) {
      if (entries.length >= count) break; // trailing bytes after the entries
      throw malformed(source.name, 'broken directory');
    }
    const flags = d.getUint16(at + 8, true);
    const nameLength = d.getUint16(at + 28, true);
    const extraLength = d.getUint16(at + 30, true);
    const commentLength = d.getUint16(at + 32, true);
    let compressedBytes = d.getUint32(at + 20, true);
    let sizeBytes = d.getUint32(at + 24, true);
    let localHeaderOffset = d.getUint32(at + 42, true);
    // Zip64: the 64-bit values sit in extra field 0x0001, only for the fields that overflowed.
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = d.getUint16(e, true);
      const length = d.getUint16(e + 2, true);
      if (id === 1) {
        let p = e + 4;
        if (sizeBytes === u32Max) (sizeBytes = u64(d, p)), (p += 8);
        if (compressedBytes === u32Max) (compressedBytes = u64(d, p)), (p += 8);
        if (localHeaderOffset === u32Max) localHeaderOffset = u64(d, p);
      }
      e += 4 + length;
    }
    entries.push({
      path: entryName(directory.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0),
      compressedBytes,
      sizeBytes,
      method: d.getUint16(at + 10, true),
      encrypted: (flags & 1) !== 0,
      localHeaderOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Why an entry holds no data for us, or null when it may. Folders and macOS/dot-file litter. */
export function skipReason(entry: ZipEntry): string | null {
  const parts = entry.path.split('/');
  if (entry.path.endsWith('/')) return 'folder';
  if (parts[0] === '__MACOSX' || parts.some((p) => p.startsWith('.'))) return 'system file';
  if (entry.encrypted) return 'This file is password-protected; unpack it yourself and import it.';
  if (entry.method !== 0 && entry.method !== 8) return `This file is packed with a method EdgeFuse cannot unpack (${entry.method}); re-zip it with standard settings.`;
  return null;
}

/** Refuses archives whose declared sizes break the limits, before anything is inflated. */
export function checkArchive(name: string, entries: readonly ZipEntry[], limits: UnpackLimits = defaultUnpackLimits): void {
  let expanded = 0;
  let compressed = 0;
  for (const entry of entries) {
    expanded += entry.sizeBytes;
    compressed += entry.compressedBytes;
    checkExpansion(`${name}/${entry.path}`, entry.sizeBytes, entry.compressedBytes, limits);
  }
  checkExpansion(name, expanded, compressed, limits);
}

async function dataOffset(source: ByteSource, entry: ZipEntry): Promise<number> {
  const header = await source.slice(entry.localHeaderOffset, entry.localHeaderOffset + 30);
  const h = view(header);
  if (header.length < 30 || h.getUint32(0, true) !== sig.local) throw malformed(source.name, `broken entry "${entry.path}"`);
  return entry.localHeaderOffset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
}

/**
 * One entry's bytes as a stream. The inflated size is held to what the directory declared, so a
 * directory that lies about sizes cannot get past `checkArchive`.
 */
export function zipEntryStream(source: ByteSource, entry: ZipEntry, limits: UnpackLimits = defaultUnpackLimits): ByteStream {
  const name = `${source.name}/${entry.path}`;
  return {
    name: entry.path,
    sizeBytes: entry.sizeBytes,
    progressTotalBytes: entry.compressedBytes,
    open(): OpenedStream {
      let consumed = 0;
      async function* chunks(): AsyncGenerator<Uint8Array> {
        const start = await dataOffset(source, entry);
        const end = start + entry.compressedBytes;
        if (end > source.sizeBytes) throw malformed(source.name, `entry "${entry.path}" runs past the end`);
        const out: Uint8Array[] = [];
        const inflater = entry.method === 8 ? new Inflate((data) => out.push(data)) : null;
        let expanded = 0;
        for (let at = start; at < end; at += packedStepBytes) {
          const packed = await source.slice(at, Math.min(end, at + packedStepBytes));
          consumed += packed.byteLength;
          if (!inflater) out.push(packed);
          else {
            try {
              inflater.push(packed, at + packedStepBytes >= end);
            } catch (error) {
              throw new AppError('input-malformed', `"${name}" is damaged inside the archive: ${(error as Error).message}`, { name }, { cause: error });
            }
          }
          for (const chunk of out) {
            expanded += chunk.byteLength;
            if (expanded > entry.sizeBytes) throw new AppError('input-malformed', `"${name}" is larger than the archive says: the archive is damaged or made to mislead.`, { name });
            checkExpansion(name, expanded, consumed, limits);
            yield chunk;
          }
          out.length = 0;
        }
      }
      return { chunks: chunks(), progressBytes: () => consumed };
    },
  };
}
