import { describe, expect, it } from 'vitest';
import { flattenDocument, parseJson, parseJsonStream, parseNdjson, parseNdjsonStream } from '../../../src/lib/ingest/parse-json';
import { collect, textChunks } from './fixtures';

const products = [
  { sku: 'A1', name: 'Shoe [red]', price: { amount: 9.5, currency: 'EUR' }, tags: ['a', 'b'] },
  { sku: 'A2', name: 'Say "hi" {not an object}', price: { amount: 12, currency: null }, tags: [] },
  { sku: 'A3', name: 'back\\slash\\', note: 'ends with a quote"', nested: { deep: { er: true } } },
  { sku: 'A4', name: '名称 😀 \u2028', price: null },
];
const flat = products.map((p) => flattenDocument(p));

describe('parseJsonStream', () => {
  it.each([1, 7, 100])('streams a top-level array in %i-char chunks: nested objects, brackets and escapes in strings', async (size) => {
    const text = JSON.stringify(products, null, 2);
    const out = collect();
    const report = await parseJsonStream(textChunks(text, size), out.sink, { totalBytes: text.length });
    expect(out.records).toEqual(flat);
    expect(out.records[0]).toEqual({ sku: 'A1', name: 'Shoe [red]', 'price.amount': 9.5, 'price.currency': 'EUR', tags: '["a","b"]' });
    expect(report).toMatchObject({ rows: 4, malformedRows: [] });
  });

  it('finds the list of records inside an object, skipping metadata', async () => {
    const text = JSON.stringify({ meta: { count: 4, ids: [1, 2] }, data: { products } , next: null });
    const out = collect();
    await parseJsonStream(textChunks(text, 5), out.sink, { totalBytes: text.length });
    expect(out.records).toEqual(flat);
  });

  it('reads a single document as one record', async () => {
    const out = collect();
    await parseJson('{"shop": "x", "open": true, "hours": [9, 17]}', out.sink);
    expect(out.records).toEqual([{ shop: 'x', open: true, hours: '[9,17]' }]);
  });

  it('reports a broken record with its line and keeps the rest', async () => {
    const text = '[\n  {"a": 1},\n  {"a": 2, oops},\n  {"a": 3}\n]\n';
    const out = collect();
    const report = await parseJsonStream(textChunks(text, 3), out.sink, { totalBytes: text.length });
    expect(out.records).toEqual([{ a: 1 }, { a: 3 }]);
    expect(report.malformedRows).toHaveLength(1);
    expect(report.malformedRows[0]).toMatchObject({ line: 3, raw: '{"a": 2, oops}' });
  });

  it('keeps the records of a file that was cut off, and says so', async () => {
    const out = collect();
    const report = await parseJson('[{"a": 1}, {"a": 2}, {"a": "cut', out.sink);
    expect(out.records).toEqual([{ a: 1 }, { a: 2 }]);
    expect(report.malformedRows[0]!.message).toMatch(/ends inside/);
  });

  it('refuses a document that is not JSON at all', async () => {
    await expect(parseJson('{"a": nope}', collect().sink)).rejects.toMatchObject({ code: 'input-malformed' });
  });

  it('stops when cancelled', async () => {
    const text = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ i })));
    const controller = new AbortController();
    const run = parseJsonStream(textChunks(text, 100), async () => controller.abort(), { totalBytes: text.length, batchRows: 10, signal: controller.signal });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('parseNdjsonStream', () => {
  it('reads one document per line; a broken line is reported, not fatal', async () => {
    const text = '{"a": 1, "b": {"c": "x"}}\r\n\n{"a": 2\n{"a": 3}\n[1, 2]\n{"a": "last, no newline"}';
    for (const size of [1, 7, 1000]) {
      const out = collect();
      const report = await parseNdjsonStream(textChunks(text, size), out.sink, { totalBytes: text.length });
      expect(out.records).toEqual([{ a: 1, 'b.c': 'x' }, { a: 3 }, { value: '[1,2]' }, { a: 'last, no newline' }]);
      expect(report.rows).toBe(4);
      expect(report.malformedRows).toEqual([expect.objectContaining({ line: 3, raw: '{"a": 2' })]);
    }
  });

  it('keeps the string entry point', async () => {
    const out = collect();
    await parseNdjson('\ufeff{"a":1}\n', out.sink);
    expect(out.records).toEqual([{ a: 1 }]);
  });
});
