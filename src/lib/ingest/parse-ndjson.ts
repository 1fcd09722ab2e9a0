import { textPieces } from './decode';
import { flattenDocument } from './flatten';
import { newParseReport, noteMalformed } from './parse-report';
import { recordBatcher } from './record-batcher';
import type { ParseReport, RecordBatchSink } from './types';
import type { TextStreamOptions } from './parse-json';

// One JSON document per line (NDJSON, JSON Lines), streamed: text is cut at newlines, the
// unfinished last line carried to the next piece. A line that does not parse is reported with
// its number and text and skipped; it never stops the import.

export async function parseNdjsonStream(texts: AsyncIterable<string>, sink: RecordBatchSink, options: TextStreamOptions): Promise<ParseReport> {
  const { totalBytes, signal } = options;
  const report = newParseReport();
  let carry = '';
  let line = 0;
  let chars = 0;
  const batch = recordBatcher(sink, { totalBytes, signal, batchRows: options.batchRows ?? 4096, doneBytes: options.doneBytes }, () => chars);

  async function takeLine(raw: string): Promise<void> {
    line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '' || (line === 1 && text.trim() === '\ufeff')) return;
    let document: unknown;
    try {
      document = JSON.parse(line === 1 ? text.replace(/^\ufeff/, '') : text);
    } catch (error) {
      noteMalformed(report, line, `This line is not valid JSON: ${(error as Error).message}`, text);
      return;
    }
    report.rows++;
    await batch.push(flattenDocument(document));
  }

  for await (const piece of texts) {
    signal?.throwIfAborted();
    chars += piece.length;
    const text = carry + piece;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      await takeLine(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry) await takeLine(carry);
  await batch.flush();
  return report;
}

/** NDJSON given as a string. Progress counts characters. */
export function parseNdjson(text: string, sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport> {
  return parseNdjsonStream(textPieces(text), sink, { totalBytes: text.length, ...(signal ? { signal } : {}) });
}
