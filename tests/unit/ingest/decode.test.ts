import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeStream, detectEncoding, type DecodeStats } from '../../../src/lib/ingest/decode';
import { byteChunks, bytesOf, drain, gbk, utf16le, utf8 } from './fixtures';

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(bytesOf([0xef, 0xbb, 0xbf], 'a,b'))).toEqual({ encoding: 'utf-8', confidence: 1, bomBytes: 3 });
    expect(detectEncoding(bytesOf([0xff, 0xfe], [...utf16le('a,b')]))).toEqual({ encoding: 'utf-16le', confidence: 1, bomBytes: 2 });
    expect(detectEncoding(bytesOf([0xfe, 0xff], [0, 0x61]))).toEqual({ encoding: 'utf-16be', confidence: 1, bomBytes: 2 });
  });

  it('finds UTF-16 without a BOM by its zero bytes', () => {
    expect(detectEncoding(utf16le('sku,name\n1,shoe\n')).encoding).toBe('utf-16le');
    const be = utf16le('sku,name\n1,shoe\n').map((_, i, a) => a[i ^ 1]!);
    expect(detectEncoding(be).encoding).toBe('utf-16be');
  });

  it('accepts valid UTF-8, including a character cut by the sample end', () => {
    const text = utf8('名称,价格\nCafé,3€\n');
    expect(detectEncoding(text)).toMatchObject({ encoding: 'utf-8', confidence: 1 });
    const cut = text.subarray(0, 2); // half of "名"
    expect(detectEncoding(cut).encoding).toBe('utf-8');
    // ...but a cut at the end of a complete file is an error, and so is an overlong form.
    expect(detectEncoding(bytesOf('abc', [0xe5, 0x90]), { complete: true }).encoding).not.toBe('utf-8');
    expect(detectEncoding(bytesOf('a', [0xc0, 0xaf], 'b', [0xe9], 'c'), { complete: true }).encoding).toBe('windows-1252');
  });

  it('tells GBK from Windows-1252', () => {
    const gbkCsv = bytesOf(gbk.商品, ',', gbk.价格, '\n', gbk.中文, ',12\n');
    expect(detectEncoding(gbkCsv)).toMatchObject({ encoding: 'gb18030' });
    expect(detectEncoding(gbkCsv).confidence).toBeGreaterThan(0.9);
    // "Café,3€" and "Größe" in Windows-1252.
    const western = bytesOf('Caf', [0xe9], ',3', [0x80], '\nGr', [0xf6, 0xdf], 'e,', [0x93], 'x', [0x94], '\n');
    expect(detectEncoding(western).encoding).toBe('windows-1252');
  });
});

describe('decodeStream', () => {
  it('keeps multi-byte characters whole across chunk boundaries', async () => {
    const text = '名称,价格\n咖啡,3€\nCafé,😀\n';
    for (const size of [1, 2, 3, 5, 7]) expect((await drain(decodeStream(byteChunks(utf8(text), size), 'utf-8'))).join('')).toBe(text);
  });

  it('decodes GBK, Windows-1252 and UTF-16LE with BOM', async () => {
    const stats: DecodeStats = { replacementChars: 0 };
    expect((await drain(decodeStream(byteChunks(bytesOf(gbk.商品, ',', gbk.价格), 3), 'gb18030', stats))).join('')).toBe('商品,价格');
    expect(stats.replacementChars).toBe(0);
    expect(decodeBytes(bytesOf('Caf', [0xe9], ' ', [0x80]), 'windows-1252')).toBe('Café €');
    const utf16 = bytesOf([0xff, 0xfe], [...utf16le('id,名\n')]);
    expect((await drain(decodeStream(byteChunks(utf16, 3), 'utf-16le'))).join('')).toBe('id,名\n');
  });

  it('counts replacements when the encoding is wrong (GBK forced to UTF-8)', async () => {
    const stats: DecodeStats = { replacementChars: 0 };
    const text = (await drain(decodeStream(byteChunks(bytesOf(gbk.商品, ',', gbk.价格, '\n'), 4), 'utf-8', stats))).join('');
    expect(text).toContain('\ufffd');
    expect(stats.replacementChars).toBeGreaterThan(0);
  });

  it('does not count U+FFFD characters the file itself holds, in any chunking', async () => {
    // Mail archives that went through a lossy conversion once hold written U+FFFDs: valid text.
    const text = 'id,body\n1,caf\ufffd au lait\n2,\ufffd\ufffd\n';
    for (const size of [1, 2, 3, 5, 64]) {
      const stats: DecodeStats = { replacementChars: 0 };
      expect((await drain(decodeStream(byteChunks(utf8(text), size), 'utf-8', stats))).join('')).toBe(text);
      expect(stats.replacementChars, `chunks of ${size}`).toBe(0);
      const utf16Stats: DecodeStats = { replacementChars: 0 };
      await drain(decodeStream(byteChunks(bytesOf([0xff, 0xfe], [...utf16le(text)]), size), 'utf-16le', utf16Stats));
      expect(utf16Stats.replacementChars, `UTF-16, chunks of ${size}`).toBe(0);
    }
    // One written, two inserted (a lone 0xff byte each): only the inserted ones count.
    const stats: DecodeStats = { replacementChars: 0 };
    await drain(decodeStream(byteChunks(bytesOf('a\ufffd,', [0xff], ',', [0xff], '\n'), 2), 'utf-8', stats));
    expect(stats.replacementChars).toBe(2);
  });
});
