import { SaxesParser } from 'saxes';
import { AppError } from '../errors';
import type { ByteSource } from './byte-source';
import { zipEntryStream, type ZipEntry } from './zip-archive';

// The parts of an .xlsx are XML files inside a zip. Each is read here as a stream: the entry is
// inflated a chunk at a time (zip-archive.ts), decoded, and written to saxes (a strict streaming
// SAX parser), so no part, not even a sheet of a million rows, is ever held whole as text or as a
// tree. Handlers see local names only ("c", not "x:c"): some writers prefix the spreadsheet
// namespace, and the few elements we read are unambiguous without it.

export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
}

export interface XmlReadOptions {
  signal?: AbortSignal | undefined;
  /**
   * Awaited after each inflated chunk has gone through the parser, with the packed bytes read so
   * far: where a caller hands finished rows on, so memory holds one chunk's rows at most.
   */
  afterChunk?: ((packedBytes: number) => Promise<void>) | undefined;
}

/** "x:c" → "c"; names without a prefix are returned as they are. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Decodes the `_xHHHH_` escapes of OOXML strings (ECMA-376 §22.9.2.19): how a workbook writes
 * characters XML 1.0 cannot hold, such as control characters.
 */
export function unescapeXlsxString(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Excel writes UTF-8; a UTF-16 part announces itself with a byte-order mark. */
function encodingOf(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Streams one XML part of a workbook through `handlers`. */
export async function readXmlPart(source: ByteSource, entry: ZipEntry, handlers: XmlHandlers, options: XmlReadOptions = {}): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes));
  const { close, text } = handlers;
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  // Only the parser's own failures mean bad XML; what a handler or the caller's sink throws
  // (a quota error, a cancel) goes through as it is.
  const write = (chunk: string | null): void => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const name = `${source.name}/${entry.path}`;
      throw new AppError(
        'input-malformed',
        `"${name}" is damaged (${(error as Error).message}). Open the workbook in Excel and save it again, or export the sheet as CSV.`,
        { name },
        { cause: error },
      );
    }
  };
  const opened = zipEntryStream(source, entry).open();
  let decoder: TextDecoder | null = null;
  for await (const chunk of opened.chunks) {
    options.signal?.throwIfAborted();
    decoder ??= new TextDecoder(encodingOf(chunk));
    write(decoder.decode(chunk, { stream: true }));
    await options.afterChunk?.(opened.progressBytes());
  }
  if (decoder) write(decoder.decode());
  write(null);
}
