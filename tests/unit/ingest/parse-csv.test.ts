import { describe, expect, it } from 'vitest';
import { decodeStream } from '../../../src/lib/ingest/decode';
import { parseCsv, parseCsvStream } from '../../../src/lib/ingest/parse-csv';
import { byteChunks, bytesOf, collect, textChunks, utf8 } from './fixtures';

const quoted = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A deterministic table of awkward values: delimiters, quotes, newlines, multi-byte text. */
function awkwardTable(rows: number, newline = '\n'): { text: string; expected: Record<string, string | null>[] } {
  const words = ['plain', 'with, comma', 'say "hi"', 'two\nlines', 'crlf\r\ninside', '价格 €', '', ' padded ', '"', 'end\n'];
  const expected: Record<string, string | null>[] = [];
  const lines = ['id,text,note'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let r = 0; r < rows; r++) {
    const text = words[next() % words.length]!;
    const note = words[next() % words.length]!;
    lines.push([String(r), quoted(text), quoted(note)].join(','));
    expected.push({ id: String(r), text: text === '' ? null : text, note: note === '' ? null : note });
  }
  return { text: lines.join(newline) + newline, expected };
}

describe('parseCsvStream', () => {
  it.each([1, 7, 64, 4096])('gives the same rows whatever the chunk size (%i chars), quoted newlines included', async (size) => {
    const { text, expected } = awkwardTable(300);
    const out = collect();
    const report = await parseCsvStream(textChunks(text, size), out.sink, { totalBytes: text.length, batchRows: 50 });
    expect(out.records).toEqual(expected);
    expect(report.rows).toBe(300);
    expect(report.malformedRows).toEqual([]);
    expect(out.batches).toBe(6);
  });

  it('splits CRLF files and keeps quoted newlines from 1-byte and 7-byte chunks through the decoder', async () => {
    const { text, expected } = awkwardTable(120, '\r\n');
    for (const size of [1, 7]) {
      const out = collect();
      await parseCsvStream(decodeStream(byteChunks(utf8(text), size), 'utf-8'), out.sink, { totalBytes: text.length });
      expect(out.records).toEqual(expected);
    }
  });

  it('reports short and long rows with file line numbers that count quoted newlines', async () => {
    const text = ['id,name,price', '1,"Shoe', 'red",9', '2,Hat', '', '3,"multi', 'line', 'name",5,extra,more', '4,Bag,3,', '5,"x",1'].join('\n');
    const out = collect();
    const report = await parseCsvStream(textChunks(text, 7), out.sink, { totalBytes: text.length });
    expect(out.records).toEqual([
      { id: '1', name: 'Shoe\nred', price: '9' },
      { id: '2', name: 'Hat', price: null },
      { id: '3', name: 'multi\nline\nname', price: '5', _extra: '["extra","more"]' },
      { id: '4', name: 'Bag', price: '3' }, // a trailing delimiter only: nothing lost, nothing reported
      { id: '5', name: 'x', price: '1' },
    ]);
    expect(report.malformedRows.map((m) => m.line)).toEqual([4, 6]);
    expect(report.malformedRows[0]!.raw).toBe('2,Hat');
    expect(report.malformedTotal).toBe(2);
  });

  it('names columns: blank and repeated headers, and headerless files', async () => {
    const out = collect();
    await parseCsvStream(textChunks('name,name, ,total\nA,B,C,1\n', 3), out.sink, { totalBytes: 30 });
    expect(out.records).toEqual([{ name: 'A', name_2: 'B', column_3: 'C', total: '1' }]);

    const headless = collect();
    await parseCsvStream(textChunks('1,Shoe,9.5\n2,Hat,12\n', 5), headless.sink, { totalBytes: 22 });
    expect(headless.records).toEqual([
      { column_1: '1', column_2: 'Shoe', column_3: '9.5' },
      { column_1: '2', column_2: 'Hat', column_3: '12' },
    ]);

    const forced = collect();
    await parseCsvStream(textChunks('a;b\nc;d\n', 2), forced.sink, { totalBytes: 8, header: false, delimiter: ';' });
    expect(forced.records).toEqual([
      { column_1: 'a', column_2: 'b' },
      { column_1: 'c', column_2: 'd' },
    ]);
  });

  it('sniffs semicolon, tab and pipe files', async () => {
    for (const d of [';', '\t', '|']) {
      const out = collect();
      const text = `sku${d}price\nA${d}2,50\nB${d}3\n`;
      await parseCsvStream(textChunks(text, 4), out.sink, { totalBytes: text.length });
      expect(out.records).toEqual([
        { sku: 'A', price: '2,50' },
        { sku: 'B', price: '3' },
      ]);
    }
  });

  it('reports a quote that never closes', async () => {
    const text = 'id,name\n1,ok\n2,"never closed\n3,lost\n';
    const out = collect();
    const report = await parseCsvStream(textChunks(text, 5), out.sink, { totalBytes: text.length });
    expect(out.records[0]).toEqual({ id: '1', name: 'ok' });
    expect(report.malformedRows[0]).toMatchObject({ line: 3 });
    expect(report.malformedRows[0]!.message).toMatch(/quot/i);
  });

  it('stops when cancelled between batches', async () => {
    const { text } = awkwardTable(2000);
    const controller = new AbortController();
    let batches = 0;
    const run = parseCsvStream(
      textChunks(text, 1000),
      async () => {
        batches++;
        if (batches === 2) controller.abort();
      },
      { totalBytes: text.length, batchRows: 100, signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(batches).toBe(2);
  });

  it('reports progress up to the total, never backwards', async () => {
    const { text } = awkwardTable(1000);
    const out = collect();
    let consumed = 0;
    async function* counted() {
      for await (const piece of textChunks(text, 997)) {
        consumed += piece.length;
        yield piece;
      }
    }
    await parseCsvStream(counted(), out.sink, { totalBytes: text.length, doneBytes: () => consumed, batchRows: 64 });
    const done = out.progress.map(([d]) => d);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(text.length);
  });
});

describe('parseCsv', () => {
  it('parses a string (the demo path) and strips a BOM', async () => {
    const out = collect();
    const report = await parseCsv('\ufeffid,name\n1,Shoe\n', out.sink);
    expect(out.records).toEqual([{ id: '1', name: 'Shoe' }]);
    expect(report.rows).toBe(1);
  });

  it('parses a Blob, detecting its encoding', async () => {
    const out = collect();
    const blob = new Blob([bytesOf([0xef, 0xbb, 0xbf], 'name,price\nCafé,3\n')]);
    const report = await parseCsv(blob, out.sink);
    expect(out.records).toEqual([{ name: 'Café', price: '3' }]);
    expect(report.replacementChars).toBe(0);
  });
});
