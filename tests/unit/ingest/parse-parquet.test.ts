import { gzipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { byteSourceFromBlob, byteSourceFromBytes } from '../../../src/lib/ingest/byte-source';
import { parseParquet } from '../../../src/lib/ingest/parse-parquet';
import { collect } from './fixtures';

function orders(rows: number): Uint8Array<ArrayBuffer> {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'order_id', data: Array.from({ length: rows }, (_, i) => `O-${i}`), type: 'STRING' },
      { name: 'qty', data: Array.from({ length: rows }, (_, i) => i % 5), type: 'INT32' },
      { name: 'big', data: Array.from({ length: rows }, (_, i) => (i === 1 ? 2n ** 60n : BigInt(i))), type: 'INT64' },
      { name: 'price', data: Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : i / 4)), type: 'DOUBLE' },
      { name: 'paid', data: Array.from({ length: rows }, (_, i) => i % 2 === 0), type: 'BOOLEAN' },
      { name: 'at', data: Array.from({ length: rows }, (_, i) => new Date(Date.UTC(2024, 0, 1 + (i % 28), 12))), type: 'TIMESTAMP' },
      { name: 'meta', data: Array.from({ length: rows }, (_, i) => ({ channel: i % 2 ? 'web' : 'shop' })), type: 'JSON' },
    ],
    rowGroupSize: 1000,
  });
  return new Uint8Array(buffer);
}

describe('parseParquet', () => {
  it('streams row groups as plain records', async () => {
    const out = collect();
    const report = await parseParquet(byteSourceFromBytes(orders(2500), 'orders.parquet'), out.sink, { batchRows: 400 });
    expect(report).toMatchObject({ rows: 2500, malformedRows: [] });
    expect(out.records).toHaveLength(2500);
    expect(out.records[0]).toEqual({ order_id: 'O-0', qty: 0, big: 0, price: null, paid: true, at: '2024-01-01T12:00:00.000Z', 'meta.channel': 'shop' });
    // An int64 beyond 2^53 keeps its digits instead of rounding.
    expect(out.records[1]!.big).toBe('1152921504606846976');
    expect(out.records[2]!.price).toBe(0.5);
    // Row groups of 1000, 1000 and 500 rows, each sent in batches of at most 400: 3 + 3 + 2.
    expect(out.batches).toBe(8);
    expect(out.progress.at(-1)).toEqual([out.progress.at(-1)![1], out.progress.at(-1)![1]]);
  });

  it('reads through a Blob and stops when cancelled', async () => {
    const controller = new AbortController();
    const source = byteSourceFromBlob(new Blob([orders(3000)]), 'orders.parquet');
    let batches = 0;
    const run = parseParquet(
      source,
      async () => {
        if (++batches === 1) controller.abort();
      },
      { signal: controller.signal, batchRows: 500 },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(batches).toBe(1);
  });

  it('reads codecs beyond snappy (gzip pages through hyparquet-compressors)', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [{ name: 'title', data: ['Red shoe', null, '价格 €'], type: 'STRING' }],
      codec: 'GZIP',
      compressors: { GZIP: (input: Uint8Array) => gzipSync(input) },
    });
    const out = collect();
    await parseParquet(byteSourceFromBytes(new Uint8Array(buffer), 'g.parquet'), out.sink);
    expect(out.records).toEqual([{ title: 'Red shoe' }, { title: null }, { title: '价格 €' }]);
  });

  it('refuses a file that is not Parquet', async () => {
    await expect(parseParquet(byteSourceFromBytes(new TextEncoder().encode('PAR1 but not really'), 'x.parquet'), collect().sink)).rejects.toMatchObject({ code: 'input-malformed' });
  });
});
