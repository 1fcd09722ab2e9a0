// Bytes to text. Files arrive in whatever encoding the exporting tool used: UTF-8 (with or
// without BOM), UTF-16 from Excel's "Unicode text", GBK/GB18030 from Chinese shop back-ends,
// Windows-1252 from older Western ones. We guess from a sample, let the user override, and
// count U+FFFD replacements while decoding so a wrong guess (or override) shows up in the
// report instead of as silently garbled text.

export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'windows-1252'] as const;
export type TextEncoding = (typeof textEncodings)[number];

export interface EncodingGuess {
  encoding: TextEncoding;
  /** 0..1: 1 for a BOM or valid multi-byte UTF-8, lower for the statistical guesses. */
  confidence: number;
  /** Length of the byte-order mark at the start (the decoder skips it). */
  bomBytes: number;
}

export interface DetectOptions {
  /** The sample is the whole file: a multi-byte sequence cut at its end is an error, not a cut. */
  complete?: boolean;
}

function bomOf(bytes: Uint8Array): EncodingGuess | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', confidence: 1, bomBytes: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', confidence: 1, bomBytes: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', confidence: 1, bomBytes: 2 };
  return null;
}

/** UTF-16 without BOM: text that is mostly ASCII has a zero in every other byte. */
function utf16ByZeros(bytes: Uint8Array): EncodingGuess | null {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 2) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd / pairs > 0.3 && zeroEven / pairs < 0.05) return { encoding: 'utf-16le', confidence: Math.min(1, zeroOdd / pairs + 0.3), bomBytes: 0 };
  if (zeroEven / pairs > 0.3 && zeroOdd / pairs < 0.05) return { encoding: 'utf-16be', confidence: Math.min(1, zeroEven / pairs + 0.3), bomBytes: 0 };
  return null;
}

/** Strict UTF-8 scan (no overlongs, surrogates or code points past U+10FFFF). */
function scanUtf8(bytes: Uint8Array, complete: boolean): { multiByte: number; invalid: number } {
  let multiByte = 0;
  let invalid = 0;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0; // overlong
      if (b === 0xed) max = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90; // overlong
      if (b === 0xf4) max = 0x8f; // past U+10FFFF
    } else {
      invalid++;
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need && i + j < n; j++) {
      const t = bytes[i + j]!;
      if (t < (j === 1 ? min : 0x80) || t > (j === 1 ? max : 0xbf)) break;
    }
    if (j > need) multiByte++;
    else if (i + j >= n && !complete) break; // the sample cut this character in half
    else invalid++;
    i += j > need ? need + 1 : Math.max(1, j);
  }
  return { multiByte, invalid };
}

/**
 * GBK/GB18030 against Windows-1252. In Chinese text nearly every byte >= 0x80 belongs to a
 * pair of high bytes (lead 0x81-0xFE, trail 0x80-0xFE; a few trails are 0x40-0x7E). In Western
 * text high bytes are accented letters between ASCII ones, so few of them pair up ("Größe" does,
 * "café" does not).
 */
function gbkOrWindows1252(bytes: Uint8Array): EncodingGuess {
  let high = 0;
  let pairedHigh = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (i + 1 === n) break; // cut by the sample end: no evidence either way
    const t = bytes[i + 1]!;
    if (b >= 0x81 && b <= 0xfe && t >= 0x80 && t <= 0xfe) {
      high += 2;
      pairedHigh += 2;
      i++;
    } else if (b >= 0x81 && b <= 0xfe && t >= 0x40 && t <= 0x7e && pairedHigh > 0) {
      // An ASCII-range trail only counts once real pairs have been seen; otherwise "é" + letter.
      high++;
      pairedHigh++;
      i++;
    } else high++;
  }
  const share = high === 0 ? 0 : pairedHigh / high;
  if (pairedHigh >= 4 && share >= 0.6) return { encoding: 'gb18030', confidence: share, bomBytes: 0 };
  return { encoding: 'windows-1252', confidence: high === 0 ? 1 : Math.max(0.5, 1 - share), bomBytes: 0 };
}

/** Guesses the encoding of a file from its first bytes (64 KiB is plenty). */
export function detectEncoding(sample: Uint8Array, options: DetectOptions = {}): EncodingGuess {
  const bom = bomOf(sample);
  if (bom) return bom;
  const utf16 = utf16ByZeros(sample);
  if (utf16) return utf16;
  const { multiByte, invalid } = scanUtf8(sample, options.complete ?? false);
  if (invalid === 0) return { encoding: 'utf-8', confidence: 1, bomBytes: 0 };
  // A UTF-8 file with a stray bad byte or two is still UTF-8; the decoder reports the U+FFFDs.
  if (multiByte >= 10 * invalid) return { encoding: 'utf-8', confidence: multiByte / (multiByte + invalid), bomBytes: 0 };
  return gbkOrWindows1252(sample);
}

export interface DecodeStats {
  /** U+FFFD characters the decoder inserted for bytes it could not decode. */
  replacementChars: number;
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) count++;
  return count;
}

/** U+FFFD as each encoding writes it (windows-1252 cannot: every U+FFFD there is inserted). */
const writtenReplacement: Record<TextEncoding, readonly number[] | null> = {
  'utf-8': [0xef, 0xbf, 0xbd],
  'utf-16le': [0xfd, 0xff],
  'utf-16be': [0xff, 0xfd],
  gb18030: [0x84, 0x31, 0xa4, 0x37],
  'windows-1252': null,
};

/**
 * Counts U+FFFD characters written in the file itself, chunk by chunk (a character split
 * across chunks counts once). Files that passed through a lossy conversion earlier hold
 * thousands of them while decoding perfectly; they are data, not a sign of a wrong encoding.
 * UTF-16 counts only whole code units (even offsets).
 */
function writtenReplacementCounter(encoding: TextEncoding): (chunk: Uint8Array) => number {
  const pattern = writtenReplacement[encoding];
  if (!pattern) return () => 0;
  const step = encoding.startsWith('utf-16') ? 2 : 1;
  let carry = new Uint8Array(0);
  let offset = 0; // stream offset of carry[0]
  return (chunk) => {
    const bytes = new Uint8Array(carry.length + chunk.length);
    bytes.set(carry);
    bytes.set(chunk, carry.length);
    let count = 0;
    const last = bytes.length - pattern.length;
    for (let i = bytes.indexOf(pattern[0]!); i !== -1 && i <= last; i = bytes.indexOf(pattern[0]!, i + 1)) {
      if ((offset + i) % step !== 0) continue;
      let match = true;
      for (let k = 1; k < pattern.length && match; k++) match = bytes[i + k] === pattern[k];
      if (match) count++;
    }
    // Keep a tail that could start a pattern the next chunk completes.
    const keep = Math.min(bytes.length, pattern.length - 1);
    offset += bytes.length - keep;
    carry = bytes.slice(bytes.length - keep);
    return count;
  };
}

/**
 * Decodes a byte stream chunk by chunk. `stream: true` keeps a character split across two
 * chunks whole. Replacements are added to `stats` as they happen, because the consumer of a
 * for-await loop never sees a generator's return value; U+FFFD characters the file itself
 * holds are not counted. A BOM matching the encoding is dropped.
 */
export async function* decodeStream(chunks: AsyncIterable<Uint8Array>, encoding: TextEncoding, stats?: DecodeStats): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: false });
  const written = writtenReplacementCounter(encoding);
  let writtenSoFar = 0;
  let seen = 0;
  let reported = 0;
  const note = (text: string) => {
    if (!stats) return;
    seen += countReplacements(text);
    // Inserted = seen − written. Bytes are counted before their characters are decoded, so
    // this never runs ahead of the truth, and it ends equal to it.
    const inserted = seen - writtenSoFar;
    if (inserted > reported) {
      stats.replacementChars += inserted - reported;
      reported = inserted;
    }
  };
  for await (const chunk of chunks) {
    if (stats) writtenSoFar += written(chunk);
    const text = decoder.decode(chunk, { stream: true });
    if (!text) continue;
    note(text);
    yield text;
  }
  const tail = decoder.decode();
  if (tail) {
    note(tail);
    yield tail;
  }
}

/**
 * Decodes bytes in one go. Always through `stream: true`: Node 20's one-shot windows-1252
 * decode takes a Latin-1 shortcut that turns 0x80 into U+0080 instead of "€".
 */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): string {
  const decoder = new TextDecoder(encoding, { fatal: false });
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

/** Text already in memory as a stream of pieces, so string and file input share one parser. */
export async function* textPieces(text: string, pieceChars = 1 << 20): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += pieceChars) yield text.slice(i, i + pieceChars);
}
