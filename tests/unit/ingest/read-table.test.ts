import { gzipSync, zipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { byteSourceFromBlob, byteSourceFromBytes } from '../../../src/lib/ingest/byte-source';
import { readTables, type ReadEntry, type TableReader } from '../../../src/lib/ingest/read-table';
import { defaultUnpackLimits } from '../../../src/lib/ingest/unpack';
import { bytesOf, collect, drain, gbk, utf16le, utf8 } from './fixtures';

const ordersCsv = 'order,total\nA-1,9.5\nA-2,12\n';
const ordersRecords = [
  { order: 'A-1', total: '9.5' },
  { order: 'A-2', total: '12' },
];

function tables(entries: ReadEntry[]): TableReader[] {
  return entries.filter((e): e is TableReader => e.kind === 'table');
}

async function rowsOf(table: TableReader) {
  const out = collect();
  const report = await table.parse(out.sink);
  return { records: out.records, report, progress: out.progress };
}

describe('readTables: text encodings', () => {
  it('reads GBK and says so; forcing UTF-8 shows up as replacement characters', async () => {
    const bytes = bytesOf(gbk.商品, ',', gbk.价格, '\n', gbk.中文, ',12\n');
    const [table] = tables(await drain(readTables(byteSourceFromBytes(bytes, 'cn.csv'))));
    expect(table).toMatchObject({ format: 'csv', encoding: 'gb18030' });
    const { records, report } = await rowsOf(table!);
    expect(records).toEqual([{ 商品: '中文', 价格: '12' }]);
    expect(report.replacementChars).toBe(0);

    const [forced] = tables(await drain(readTables(byteSourceFromBytes(bytes, 'cn.csv'), { encoding: 'utf-8' })));
    expect((await rowsOf(forced!)).report.replacementChars).toBeGreaterThan(0);
  });

  it('reads Windows-1252 and UTF-16LE with BOM', async () => {
    const western = bytesOf('name,price\nCaf', [0xe9], ',3 ', [0x80], '\nGr', [0xf6, 0xdf], 'e,1\n');
    const [w] = tables(await drain(readTables(byteSourceFromBytes(western, 'eu.csv'))));
    expect(w!.encoding).toBe('windows-1252');
    expect((await rowsOf(w!)).records).toEqual([
      { name: 'Café', price: '3 €' },
      { name: 'Größe', price: '1' },
    ]);

    const utf16 = bytesOf([0xff, 0xfe], [...utf16le('sku\tname\nA1\t名称\n')]);
    const [u] = tables(await drain(readTables(byteSourceFromBlob(new Blob([utf16]), 'excel-unicode.txt'))));
    expect(u!.encoding).toBe('utf-16le');
    expect((await rowsOf(u!)).records).toEqual([{ sku: 'A1', name: '名称' }]);
  });
});

describe('readTables: packed files', () => {
  it('reads a .csv.gz as one table, progress in compressed bytes', async () => {
    const packed = gzipSync(utf8(ordersCsv.repeat(1)));
    const entries = await drain(readTables(byteSourceFromBytes(packed, 'orders.csv.gz')));
    expect(entries.map((e) => [e.kind, e.name])).toEqual([['table', 'orders.csv']]);
    const { records, progress } = await rowsOf(tables(entries)[0]!);
    expect(records).toEqual(ordersRecords);
    expect(progress.at(-1)).toEqual([packed.length, packed.length]);
  });

  it('lists a zip: tables in folders, images, skipped files with reasons, litter dropped', async () => {
    const jpeg = bytesOf([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
    const parquet = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'sku', data: ['S1', 'S2'], type: 'STRING' }] }));
    const zip = zipSync({
      export: {},
      'export/orders.csv': utf8(ordersCsv),
      'export/products.json': utf8(JSON.stringify({ items: [{ sku: 'S1', price: { amount: 2 } }] })),
      'export/events.ndjson': [utf8('{"e":"view"}\n{"e":"buy"}\n'), { level: 0 }],
      'export/stock.csv.gz': gzipSync(utf8('sku,qty\nS1,4\n')),
      'export/skus.parquet': parquet,
      'img/S1.jpg': jpeg,
      'report.pdf': utf8('%PDF-1.4 ...'),
      '__MACOSX/export/._orders.csv': utf8('junk'),
      '.DS_Store': utf8('junk'),
    });
    const entries = await drain(readTables(byteSourceFromBytes(zip, 'shop.zip')));
    expect(entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'table:shop.zip/export/orders.csv',
      'table:shop.zip/export/products.json',
      'table:shop.zip/export/events.ndjson',
      'table:shop.zip/export/stock.csv',
      'table:shop.zip/export/skus.parquet',
      'image:shop.zip/img/S1.jpg',
      'skipped:shop.zip/report.pdf',
    ]);
    const [orders, products, events, stock, skus] = tables(entries);
    expect((await rowsOf(orders!)).records).toEqual(ordersRecords);
    expect((await rowsOf(products!)).records).toEqual([{ sku: 'S1', 'price.amount': 2 }]);
    expect((await rowsOf(events!)).records).toEqual([{ e: 'view' }, { e: 'buy' }]);
    expect((await rowsOf(stock!)).records).toEqual([{ sku: 'S1', qty: '4' }]);
    expect((await rowsOf(skus!)).records).toEqual([{ sku: 'S1' }, { sku: 'S2' }]);
    const image = entries[5]!;
    expect(image).toMatchObject({ kind: 'image', fileName: 'S1.jpg', mediaType: 'image/jpeg', sizeBytes: jpeg.length });
    if (image.kind === 'image') expect(await image.bytes()).toEqual(jpeg);
  });

  it('gives one table per sheet of a workbook', async () => {
    const blob = await writeXlsxFile([
      { sheet: 'A', data: [['x'], [1]] },
      { sheet: 'B', data: [['y'], ['z']] },
    ]).toBlob();
    const entries = tables(await drain(readTables(byteSourceFromBlob(blob, 'book.xlsx'))));
    expect(entries.map((t) => [t.name, t.sheetName, t.format])).toEqual([
      ['book.xlsx/A', 'A', 'xlsx'],
      ['book.xlsx/B', 'B', 'xlsx'],
    ]);
    expect((await rowsOf(entries[1]!)).records).toEqual([{ y: 'z' }]);
  });
});

/** The error reading a file gives, whether listing its tables or parsing one of them. */
async function failureOf(entries: AsyncIterable<ReadEntry>): Promise<unknown> {
  try {
    for await (const entry of entries) if (entry.kind === 'table') await entry.parse(collect().sink);
  } catch (error) {
    return error;
  }
  return null;
}

describe('readTables: refusing harm', () => {
  const tight = { ...defaultUnpackLimits, ratioFloorBytes: 1 << 20, maxRatio: 50 };

  it('stops a zip bomb before inflating it', async () => {
    const zip = zipSync({ 'big.csv': new Uint8Array(8 << 20).fill(0x61) });
    await expect(drain(readTables(byteSourceFromBytes(zip, 'bomb.zip'), { limits: tight }))).rejects.toMatchObject({ code: 'input-malformed' });
  });

  it('stops a gzip bomb while inflating it', async () => {
    const packed = gzipSync(new Uint8Array(8 << 20).fill(0x61));
    expect(await failureOf(readTables(byteSourceFromBytes(packed, 'bomb.csv.gz'), { limits: tight }))).toMatchObject({ code: 'input-malformed', message: expect.stringMatching(/zip bomb/) });
  });

  it('stops an entry that inflates past the size its directory declares', async () => {
    const zip = zipSync({ 'a.csv': utf8('x\n' + '1\n'.repeat(5000)) });
    // Rewrite the central directory's "uncompressed size" of the entry to 100 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset);
    for (let i = zip.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100, true);
        break;
      }
    }
    expect(await failureOf(readTables(byteSourceFromBytes(zip, 'liar.zip')))).toMatchObject({ code: 'input-malformed', message: expect.stringMatching(/larger than the archive says/) });
  });

  it('says so when a .gz is damaged', async () => {
    const packed = gzipSync(utf8(ordersCsv.repeat(50)));
    const broken = packed.slice();
    broken.fill(0xff, 20, 60);
    expect(await failureOf(readTables(byteSourceFromBytes(broken, 'orders.csv.gz')))).toMatchObject({ code: 'input-malformed' });
  });

  it('skips files it cannot read, and stops when cancelled', async () => {
    expect(await drain(readTables(byteSourceFromBytes(bytesOf([0xd0, 0xcf, 0x11, 0xe0]), 'old.xls')))).toMatchObject([{ kind: 'skipped', name: 'old.xls' }]);
    const controller = new AbortController();
    controller.abort();
    await expect(drain(readTables(byteSourceFromBytes(utf8(ordersCsv), 'o.csv'), { signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
  });
});
