import { AppError } from '../errors';

// An incremental scanner that cuts a JSON document into its records without parsing the whole
// document: it tracks only string/escape state and the stack of open brackets, and hands back the
// text of each record for JSON.parse. Records are the elements of
//   - the top-level array: `[{...}, {...}]`, or
//   - the first array of objects reached through object keys only: `{"meta": 1, "items": [{...}]}`
//     or `{"data": {"orders": [...]}}` (the usual API-dump shapes).
// Anything else is one document, kept whole (capped), as the single record.

export interface JsonElement {
  text: string;
  /** 1-based line where the element starts. */
  line: number;
}

export interface JsonProblem {
  line: number;
  message: string;
  raw?: string;
}

export interface JsonSplitter {
  /** Feeds the next piece of text; returns the elements it completed. */
  push(text: string): JsonElement[];
  /** End of input: the whole document when it had no record array, and what went wrong. */
  end(): { elements: JsonElement[]; problems: JsonProblem[] };
}

/** Text kept outside the record array (or a lone document) is held in memory; past this, refuse. */
const maxDocumentChars = 64 * 1024 * 1024;

// Character codes the scanner looks at.
const Ch = {
  Quote: 34,
  Backslash: 92,
  Comma: 44,
  Colon: 58,
  OpenBrace: 123,
  CloseBrace: 125,
  OpenBracket: 91,
  CloseBracket: 93,
  Newline: 10,
  Space: 32,
  Tab: 9,
  Return: 13,
  Bom: 0xfeff,
} as const;

function isSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Newline || c === Ch.Return || c === Ch.Tab || c === Ch.Bom;
}

export function createJsonSplitter(): JsonSplitter {
  const stack: number[] = []; // open brackets, as char codes
  let inString = false;
  let escaped = false; // the next string character is escaped (a backslash ended the last piece)
  let line = 1;
  let expectValue = false; // just after a ':' in an object
  let candidateDepth = 0; // an array that may hold the records: decided by its first element
  let recordDepth = 0; // stack depth inside the record array, 0 when not in it
  let recordsDone = false;
  let elementParts: string[] | null = null; // the open element, when one is open
  let elementStart = 0;
  let elementLine = 0;
  const outside: string[] = []; // document text outside the record array
  let outsideStart = 0; // -1 while inside the record array
  let outsideChars = 0;
  const problems: JsonProblem[] = [];

  function keepOutside(text: string): void {
    outsideChars += text.length;
    if (outsideChars > maxDocumentChars) {
      throw new AppError('unsupported', 'This JSON file is one very large document without a list of records EdgeFuse can stream. Export it as a JSON array or as NDJSON (one record per line).');
    }
    outside.push(text);
  }

  function closeElement(text: string, at: number, out: JsonElement[]): void {
    if (!elementParts) return;
    elementParts.push(text.slice(elementStart, at));
    const value = elementParts.join('').trim();
    elementParts = null;
    if (value) out.push({ text: value, line: elementLine });
  }

  function push(text: string): JsonElement[] {
    const out: JsonElement[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (inString) {
        if (escaped) {
          escaped = false;
          i++;
          continue;
        }
        const q = text.indexOf('"', i);
        if (q === -1) {
          let k = n - 1;
          while (k >= i && text.charCodeAt(k) === Ch.Backslash) k--;
          escaped = (n - 1 - k) % 2 === 1;
          i = n;
          break;
        }
        let k = q - 1;
        while (k >= i && text.charCodeAt(k) === Ch.Backslash) k--;
        inString = (q - 1 - k) % 2 === 1; // an odd run of backslashes escapes this quote
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        if (c === Ch.Newline) line++;
        i++;
        continue;
      }
      const depth = stack.length;
      // The first element of a candidate array decides: objects make it the record array.
      if (candidateDepth > 0 && depth === candidateDepth) {
        if (c === Ch.OpenBrace && !recordsDone) {
          recordDepth = depth;
          keepOutside(text.slice(outsideStart, i));
          outsideStart = -1;
        } else if (c === Ch.OpenBrace) {
          problems.push({ line, message: 'A second list of records was found in this JSON file and skipped: only the first list is read.' });
        }
        candidateDepth = 0;
      }
      if (recordDepth > 0 && depth === recordDepth && !elementParts && c !== Ch.Comma && c !== Ch.CloseBracket) {
        elementParts = [];
        elementStart = i;
        elementLine = line;
      }
      if (c === Ch.Quote) {
        inString = true;
        expectValue = false;
      } else if (c === Ch.OpenBrace || c === Ch.OpenBracket) {
        // Records come from the top-level array, or from an array reached through objects only.
        if (c === Ch.OpenBracket && !recordsDone && recordDepth === 0) {
          if (depth === 0) {
            recordDepth = 1;
            outsideStart = -1;
          } else if (expectValue && stack.every((b) => b === Ch.OpenBrace)) candidateDepth = depth + 1;
        } else if (c === Ch.OpenBracket && recordsDone && expectValue && stack.every((b) => b === Ch.OpenBrace)) candidateDepth = depth + 1;
        stack.push(c);
        expectValue = false;
      } else if (c === Ch.CloseBrace || c === Ch.CloseBracket) {
        if (recordDepth > 0 && depth === recordDepth) {
          closeElement(text, i, out);
          recordDepth = 0;
          recordsDone = true;
          outsideStart = i;
        }
        if (candidateDepth === depth) candidateDepth = 0;
        stack.pop();
      } else if (c === Ch.Comma) {
        if (recordDepth > 0 && depth === recordDepth) closeElement(text, i, out);
      } else if (c === Ch.Colon) {
        expectValue = stack[stack.length - 1] === Ch.OpenBrace;
      } else expectValue = false;
      i++;
    }
    if (elementParts) {
      elementParts.push(text.slice(elementStart));
      elementStart = 0;
    }
    if (outsideStart >= 0) {
      keepOutside(text.slice(outsideStart));
      outsideStart = 0;
    }
    return out;
  }

  function end(): { elements: JsonElement[]; problems: JsonProblem[] } {
    const elements: JsonElement[] = [];
    if (elementParts) {
      const raw = elementParts.join('');
      problems.push({ line: elementLine, message: 'The file ends inside this record (was it cut off?).', raw });
      elementParts = null;
    } else if (stack.length > 0 || inString) {
      problems.push({ line, message: 'The file ends before its JSON is complete (was it cut off?). The records before this point were read.' });
    }
    if (!recordsDone && recordDepth === 0) {
      // No record array anywhere: the whole text is one document.
      const text = outside.join('').trim();
      if (text) elements.push({ text, line: 1 });
    }
    return { elements, problems };
  }

  return { push, end };
}
