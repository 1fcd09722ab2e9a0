import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sniffDelimiter, sniffFormat, sniffHeader } from '../../../src/lib/ingest/sniff';
import { bytesOf, utf8 } from './fixtures';

describe('sniffFormat', () => {
  it('trusts magic bytes over the name', () => {
    expect(sniffFormat('data.csv', gzipSync(utf8('a,b\n1,2\n')))).toMatchObject({ kind: 'container', format: 'gzip', by: 'magic' });
    expect(sniffFormat('x.bin', zipSync({ 'a.csv': utf8('a\n1\n') }))).toMatchObject({ kind: 'container', format: 'zip' });
    const xlsx = zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'xl/workbook.xml': utf8('<workbook/>') });
    expect(sniffFormat('export', xlsx)).toMatchObject({ kind: 'table', format: 'xlsx', by: 'magic' });
    const docx = zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'word/document.xml': utf8('<w/>') });
    expect(sniffFormat('report.zip', docx).kind).toBe('unknown');
    expect(sniffFormat('p.dat', bytesOf('PAR1', [0, 0, 0]))).toMatchObject({ kind: 'table', format: 'parquet' });
    expect(sniffFormat('a', bytesOf([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ kind: 'image', mediaType: 'image/jpeg' });
    expect(sniffFormat('a', bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toMatchObject({ kind: 'image', mediaType: 'image/png' });
    expect(sniffFormat('a', bytesOf('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toMatchObject({ kind: 'image', mediaType: 'image/webp' });
    expect(sniffFormat('old.xls', bytesOf([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toMatchObject({ kind: 'unknown' });
  });

  it('then the extension, then the text', () => {
    expect(sniffFormat('orders.tsv', utf8('a\tb\n'))).toMatchObject({ kind: 'table', format: 'csv', by: 'extension' });
    expect(sniffFormat('events.jsonl', utf8('{"a":1}\n'))).toMatchObject({ format: 'ndjson', by: 'extension' });
    expect(sniffFormat('dump', utf8('  [{"a": 1}, {"a": 2}]'), true)).toMatchObject({ format: 'json', by: 'content' });
    expect(sniffFormat('dump', utf8('{"a": 1}\n{"a": 2}\n'), true)).toMatchObject({ format: 'ndjson', by: 'content' });
    expect(sniffFormat('dump', utf8('{\n  "items": []\n}\n'), true)).toMatchObject({ format: 'json' });
    // A ".json" file that really holds one document per line.
    expect(sniffFormat('events.json', utf8('{"a":1}\n{"a":2}\n'), true)).toMatchObject({ format: 'ndjson', by: 'content' });
    expect(sniffFormat('noext', utf8('sku;price\n1;2,50\n'), true)).toMatchObject({ format: 'csv', by: 'content' });
    expect(sniffFormat('blob', bytesOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 1, 2, 3, 4, 5]), true).kind).toBe('unknown');
  });
});

describe('sniffDelimiter', () => {
  const table = (d: string) => ['sku', 'name', 'price', 'stock'].join(d) + '\n' + ['A1', 'Red shoe', '9.5', '3'].join(d) + '\n' + ['A2', 'Blue hat', '12', '0'].join(d) + '\n';
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('finds %j (%s)', (delimiter) => {
    expect(sniffDelimiter(table(delimiter))).toBe(delimiter);
  });

  it('ignores delimiters inside quotes and decimal commas', () => {
    expect(sniffDelimiter('name;price\n"Shoe; red, size 9";2,50\n"Hat";12,00\n"Bag";3\n')).toBe(';');
    expect(sniffDelimiter('a,b\n"x;y;z",1\n"p;q",2\n')).toBe(',');
    expect(sniffDelimiter('single column\nvalue\n')).toBe(',');
  });
});

describe('sniffHeader', () => {
  it('sees a header above typed columns', () => {
    expect(sniffHeader([['id', 'name', 'price'], ['1', 'Shoe', '9.50'], ['2', 'Hat', '12']])).toBe(true);
    expect(sniffHeader([['order', 'date'], ['A-1', '2024-03-01'], ['A-2', '2024-03-02']])).toBe(true);
  });
  it('sees data in row 1', () => {
    expect(sniffHeader([['1', 'Shoe', '9.50'], ['2', 'Hat', '12']])).toBe(false);
    expect(sniffHeader([['2024-03-01', 'x'], ['2024-03-02', 'y']])).toBe(false);
    expect(sniffHeader([['x', 'x', '1'], ['y', 'y', '2']])).toBe(false);
    // Repeated names over typed columns are still a header (the names are made unique later).
    expect(sniffHeader([['qty', 'qty', 'sku'], ['1', '2', 'A']])).toBe(true);
  });
  it('defaults to a header when all columns are text', () => {
    expect(sniffHeader([['name', 'city'], ['Ann', 'Oslo']])).toBe(true);
  });
});
