// Review texts cut into sentences and clauses, and sentences into lower-case words, for aspects
// (one opinion per clause) and topic keywords. Rule-based on purpose: reviews are short, informal
// and often unpunctuated, and a trained splitter would be one more model to ship for little gain.
//
// A sentence ends at . ! ? … (runs of them) followed by a space or the end, or at a line break;
// "3.50" and "e.g.x" do not end one. A clause ends before a contrast ("but", "however",
// "although", "though", "whereas", "yet" after a comma) or at ";": "the taste is great, but
// delivery was slow" holds two opinions on two aspects, with opposite polarity.

/** Sentences of many reviews as columns: offsets are UTF-16 indices into the review's text. */
export interface SentenceTable {
  /** Review row of each sentence. */
  review: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** The sentence, trimmed (text.slice(start, end)). */
  text: string[];
}

export interface Span {
  start: number;
  end: number;
}

const sentenceEnd = /[.!?…]+(?=\s|$)|\n+/gu;
const contrast = /(?:,\s*|;\s*|\s+)(?=(?:but|however|although|though|whereas)\b)|,\s*(?=yet\b)|;\s*/giu;

/** The trimmed [start, end) of text.slice(start, end); null when it is blank. */
function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/u.test(text[start] as string)) start++;
  while (end > start && /\s/u.test(text[end - 1] as string)) end--;
  return end > start ? { start, end } : null;
}

function cut(text: string, within: Span, boundary: RegExp, keepBoundary: boolean): Span[] {
  const spans: Span[] = [];
  const part = text.slice(within.start, within.end);
  let from = 0;
  for (const match of part.matchAll(boundary)) {
    const at = match.index ?? 0;
    const span = trimmed(text, within.start + from, within.start + (keepBoundary ? at + match[0].length : at));
    if (span) spans.push(span);
    from = at + match[0].length;
  }
  const last = trimmed(text, within.start + from, within.end);
  if (last) spans.push(last);
  return spans;
}

/** Sentences of one text, end punctuation kept. */
export function splitSentences(text: string): Span[] {
  return cut(text, { start: 0, end: text.length }, sentenceEnd, true).filter((s) => /[\p{L}\p{N}]/u.test(text.slice(s.start, s.end)));
}

/** Clauses of one sentence span, cut before a contrast word or at a semicolon. */
export function splitClauses(text: string, sentence: Span): Span[] {
  return cut(text, sentence, contrast, false);
}

/** Every sentence (or clause) of every review, in order. */
export function sentenceTable(texts: readonly string[], options: { clauses?: boolean } = {}): SentenceTable {
  const review: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const text: string[] = [];
  texts.forEach((body, row) => {
    for (const sentence of splitSentences(body)) {
      for (const span of options.clauses ? splitClauses(body, sentence) : [sentence]) {
        review.push(row);
        start.push(span.start);
        end.push(span.end);
        text.push(body.slice(span.start, span.end));
      }
    }
  });
  return { review: Int32Array.from(review), start: Int32Array.from(start), end: Int32Array.from(end), text };
}

const wordPattern = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Lower-case words (letters and digits, with inner apostrophes and hyphens: "isn't", "rip-off"). */
export function words(text: string): string[] {
  return Array.from(text.normalize('NFKC').toLowerCase().replace(/’/g, "'").matchAll(wordPattern), (m) => m[0]);
}

/** Function words that carry no topic: left out of keywords and discovered aspects. */
export const stopWords: ReadonlySet<string> = new Set(
  `a about above after again against all almost also am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
  even ever every few for from further get got had hadn't has hasn't have haven't having he her here hers herself him
  himself his how i i'd i'll i'm i've if in into is isn't it it's its itself just let's like lot me more most much
  mustn't my myself no nor not now of off on once one only or other ought our ours ourselves out over own really
  same shan't she should shouldn't so some still such than that that's the their theirs them themselves then there
  there's these they they'd they'll they're they've this those through to too under until up upon us very was wasn't
  we we'd we'll we're we've were weren't what what's when where which while who whom why will with won't would
  wouldn't you you'd you'll you're you've your yours yourself yourselves also already quite bit pretty way thing
  things since though although however yet whereas just maybe perhaps well back again ever anyone anything
  something nothing everything someone everyone`.split(/\s+/u).filter(Boolean),
);
