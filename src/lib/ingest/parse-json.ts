import { AppError } from '../errors';
import { textPieces } from './decode';
import { flattenDocument } from './flatten';
import { createJsonSplitter, type JsonElement } from './json-elements';
import { newParseReport, noteMalformed } from './parse-report';
import { recordBatcher } from './record-batcher';
import type { ParseReport, RecordBatchSink } from './types';

// A JSON document as records, streamed: json-elements.ts cuts out each record's text, we
// JSON.parse it alone and flatten it. A record that does not parse is reported with its line and
// skipped; the rest of the file still imports.

export { flattenDocument } from './flatten';
export { parseNdjson, parseNdjsonStream } from './parse-ndjson';

export interface TextStreamOptions {
  /** What `doneBytes` counts up to in the sink's progress. */
  totalBytes: number;
  /** Bytes consumed so far, from the byte layer. Without it, progress counts characters. */
  doneBytes?: () => number;
  signal?: AbortSignal;
  /** Records per sink call. */
  batchRows?: number;
}

export async function parseJsonStream(texts: AsyncIterable<string>, sink: RecordBatchSink, options: TextStreamOptions): Promise<ParseReport> {
  const { totalBytes, signal } = options;
  const report = newParseReport();
  const splitter = createJsonSplitter();
  let chars = 0;
  let single = false;
  const batch = recordBatcher(sink, { totalBytes, signal, batchRows: options.batchRows ?? 4096, doneBytes: options.doneBytes }, () => chars);

  async function take(elements: JsonElement[]): Promise<void> {
    for (const { text, line } of elements) {
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        // A lone document that does not parse is the whole file being broken.
        if (single) throw new AppError('input-malformed', `This file is not valid JSON: ${(error as Error).message}`, { line });
        noteMalformed(report, line, `This record is not valid JSON: ${(error as Error).message}`, text);
        continue;
      }
      report.rows++;
      await batch.push(flattenDocument(document));
    }
  }

  for await (const text of texts) {
    signal?.throwIfAborted();
    chars += text.length;
    await take(splitter.push(text));
  }
  const { elements, problems } = splitter.end();
  single = elements.length > 0;
  await take(elements);
  for (const p of problems) noteMalformed(report, p.line, p.message, p.raw);
  await batch.flush();
  return report;
}

/** A JSON array of documents (or one document, or an object holding the array), as a string. */
export function parseJson(text: string, sink: RecordBatchSink, signal?: AbortSignal): Promise<ParseReport> {
  return parseJsonStream(textPieces(text), sink, { totalBytes: text.length, ...(signal ? { signal } : {}) });
}
