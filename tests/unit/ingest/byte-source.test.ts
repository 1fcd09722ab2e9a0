import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { byteSourceFromBlob, byteSourceFromBytes, concatBytes, readHead, streamOfSource, type ByteSource } from '../../../src/lib/ingest/byte-source';
import { byteSourceFromFile } from '../../../src/lib/ingest/byte-source-node';
import { listZipEntries, skipReason } from '../../../src/lib/ingest/zip-archive';
import { drain, utf8 } from './fixtures';

const data = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31) % 251);

async function checkSource(source: ByteSource): Promise<void> {
  expect(source.sizeBytes).toBe(data.length);
  expect(await source.slice(100, 110)).toEqual(data.subarray(100, 110));
  expect(await source.slice(9_990, 20_000)).toEqual(data.subarray(9_990));
  const chunks = await drain(source.stream(4096));
  expect(chunks.map((c) => c.length)).toEqual([4096, 4096, 1808]);
  expect(concatBytes(chunks)).toEqual(data);
  const stream = streamOfSource(source, 1000);
  expect(await readHead(stream, 2500)).toEqual(data.subarray(0, 2500));
  const opened = stream.open();
  await drain(opened.chunks);
  expect(opened.progressBytes()).toBe(data.length);
}

describe('byte sources', () => {
  it('read the same bytes from memory, a Blob and a file on disk', async () => {
    await checkSource(byteSourceFromBytes(data, 'a.bin'));
    await checkSource(byteSourceFromBlob(new Blob([data]), 'a.bin'));
    const dir = await mkdtemp(join(tmpdir(), 'edgefuse-'));
    try {
      await writeFile(join(dir, 'a.bin'), data);
      const file = await byteSourceFromFile(join(dir, 'a.bin'));
      expect(file.name).toBe('a.bin');
      await checkSource(file);
      await file.close();
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('listZipEntries', () => {
  it('lists entries with folders and sizes, and knows what to skip', async () => {
    const zip = zipSync({ a: {}, 'a/b.csv': utf8('x\n1\n'), 'a/.hidden': utf8('h'), '__MACOSX/a/._b.csv': utf8('m'), '名称.csv': [utf8('y\n'), { level: 0 }] });
    const entries = await listZipEntries(byteSourceFromBytes(zip, 'z.zip'));
    expect(entries.map((e) => [e.path, e.sizeBytes, skipReason(e)])).toEqual([
      ['a/', 0, 'folder'],
      ['a/b.csv', 4, null],
      ['a/.hidden', 1, 'system file'],
      ['__MACOSX/a/._b.csv', 1, 'system file'],
      ['名称.csv', 2, null],
    ]);
    expect(entries[4]!.method).toBe(0);
  });

  it('refuses a file that is not a zip', async () => {
    await expect(listZipEntries(byteSourceFromBytes(utf8('PK but no'), 'z.zip'))).rejects.toMatchObject({ code: 'input-malformed' });
  });
});
