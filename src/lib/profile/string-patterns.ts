// The shape of a string: upper-case letters become `A`, lower-case `a`, digits `9`, anything
// else stays. `C-00012` -> `A-99999`, `2021-01-19` -> `9999-99-99`, `€1.234,50` -> `€9.999,99`.
// Short single tokens keep every character, since their length is the point (codes, zips);
// longer or multi-word strings collapse letter runs (`Aa+ Aa+` for names) and long digit runs,
// or free text would give as many patterns as values.

/** Single tokens up to this length keep their exact shape. */
const exactLength = 16;
const maxPatternLength = 32;

function charClass(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return '9';
  if (c >= 97 && c <= 122) return 'a';
  if (c >= 65 && c <= 90) return 'A';
  if (c === 32 || c === 9 || c === 10 || c === 13) return ' ';
  const ch = text.charAt(i);
  if (c < 128) return ch;
  if (/\s/.test(ch)) return ' ';
  if (/\p{Lu}/u.test(ch)) return 'A';
  if (/\p{L}/u.test(ch)) return 'a';
  return ch;
}

function collapsed(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = charClass(text, i);
    let j = i + 1;
    while (j < text.length && charClass(text, j) === c) j++;
    const run = j - i;
    if (c === 'a' || c === 'A') out += run > 1 ? `${c}+` : c;
    else if (c === '9') out += run > 6 ? '9+' : '9'.repeat(run);
    else if (c === ' ') out += ' ';
    else out += c.repeat(Math.min(run, 3));
    i = j;
    if (out.length > maxPatternLength) return `${out.slice(0, maxPatternLength - 1)}…`;
  }
  return out;
}

export function stringPattern(text: string): string {
  if (text.length > exactLength) return collapsed(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = charClass(text, i);
    if (c === ' ') return collapsed(text);
    out += c;
  }
  return out;
}
