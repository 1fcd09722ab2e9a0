import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import writeXlsxFile from 'write-excel-file/universal';

// Files of every format the import accepts, written to a fresh folder for the browser to pick
// or drop. Made here, from code, so the tests need nothing outside the repository.

export interface Fixture {
  path: string;
  name: string;
  /** Table names the import should produce, with their row counts. */
  tables: Record<string, number>;
}

const bytes = (...parts: (readonly number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : [...p])));

// GBK: 商品 (product), 价格 (price), 中文 (Chinese). Node cannot encode GBK, so bytes by hand.
const gbkProduct = [0xc9, 0xcc, 0xc6, 0xb7];
const gbkPrice = [0xbc, 0xdb, 0xb8, 0xf1];
const gbkChinese = [0xd6, 0xd0, 0xce, 0xc4];

/** A 1x1 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export async function writeFixtures(): Promise<{ dir: string; files: Fixture[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'edgefuse-fixtures-'));
  const files: Fixture[] = [];
  const add = (name: string, content: Uint8Array | string, tables: Record<string, number>) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    files.push({ path, name, tables });
  };

  add('orders-eu.csv', 'order;customer;total;date\nO-1;C-001;"1.234,50 €";05.03.2024\nO-2;C-002;"12,00 €";06.03.2024\nO-3;C-001;"7,5 €";07.03.2024\n', { 'orders-eu.csv': 3 });
  add('stock.tsv', 'sku\tqty\tnote\nP-1\t4\t"two\nlines"\nP-2\t0\tnone\n', { 'stock.tsv': 2 });
  add('catalogue.json', JSON.stringify([{ sku: 'P-1', price: { amount: 9.5, currency: 'EUR' }, tags: ['a', 'b'] }, { sku: 'P-2', price: { amount: 3, currency: 'EUR' }, tags: [] }]), { 'catalogue.json': 2 });
  add('reviews.ndjson', '{"id":1,"stars":5,"text":"great"}\n{"id":2,"stars":1,"text":"broken"\n{"id":3,"stars":4,"text":"ok"}\n', { 'reviews.ndjson': 2 });
  const gbkRows = Array.from({ length: 40 }, (_, i) => [...(i % 2 ? gbkChinese : [...gbkChinese, ...gbkProduct]), ...bytes(`,${i + 0.5}\r\n`)]).flat();
  add('prices-gbk.csv', bytes(gbkProduct, ',', gbkPrice, '\r\n', gbkRows), { 'prices-gbk.csv': 40 });
  add('legacy-1252.csv', bytes('name,price\nCaf', [0xe9], ',', [0x80], '3\nNa', [0xef], 've,', [0x80], '4\n'), { 'legacy-1252.csv': 2 });
  add('sales.parquet', new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'sku', data: ['P-1', 'P-2', 'P-3'], type: 'STRING' }, { name: 'units', data: [3, 1, 4], type: 'INT32' }] })), { 'sales.parquet': 3 });
  const workbook = await writeXlsxFile([
    { sheet: 'Stores', data: [['store', 'city'], ['S1', 'Berlin'], ['S2', 'Lyon']] },
    { sheet: 'Staff', data: [['name'], ['Ana']] },
  ]).toBlob();
  add('shops.xlsx', new Uint8Array(await workbook.arrayBuffer()), { 'shops.xlsx/Stores': 2, 'shops.xlsx/Staff': 1 });
  add('P-1.png', png, {});
  return { dir, files };
}

/** Packed inputs, for the drop test: a .csv.gz and a .zip holding two CSVs in a folder. */
export function writePackedFixtures(dir: string): Fixture[] {
  const gz = join(dir, 'visits.csv.gz');
  writeFileSync(gz, gzipSync('day,visits\n2024-01-01,10\n2024-01-02,12\n'));
  const zip = join(dir, 'export.zip');
  writeFileSync(zip, zipSync({ 'export/a.csv': strToU8('x\n1\n2\n'), 'export/b.csv': strToU8('y\nq\n'), '__MACOSX/._a.csv': strToU8('junk') }));
  return [
    { path: gz, name: 'visits.csv.gz', tables: { 'visits.csv': 2 } },
    { path: zip, name: 'export.zip', tables: { 'export.zip/export/a.csv': 2, 'export.zip/export/b.csv': 1 } },
  ];
}

/** A CSV big enough that its import is still running when a test acts on it. */
export function writeLargeCsv(dir: string, rows: number): string {
  const path = join(dir, 'large.csv');
  const lines = ['id,customer,amount,comment'];
  for (let i = 0; i < rows; i++) lines.push(`${i},C-${i % 997},${(i % 1000) / 10},"row ${i}, with a comma"`);
  writeFileSync(path, lines.join('\n'));
  return path;
}
