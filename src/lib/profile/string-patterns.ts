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
  if (c >= 65 && c <= 90) return 'A';
  if (c >= 97 && c <= 122) return 'a';
  if (c === 32 || c === 9 || c === 10 || c === 13) return ' ';
  const ch = text.charAt(i);
  if (c < 128) return ch;
  if (/\s/.test(ch)) return ' ';
  if (/\p{Lu}/u.test(ch)) return 'A';
  if (/\p{L}/u.test(ch)) return 'a';
  return ch;
}

export function stringPattern(text: string): string {
  const n = text.length;
  let exact = n <= exactLength;
  const classes = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const c = charClass(text, i);
    classes[i] = c;
    if (c === ' ') exact = false;
  }
  if (exact) return classes.join('');
  let out = '';
  let i = 0;
  while (i < n) {
    const c = classes[i]!;
    let j = i + 1;
    while (j < n && classes[j] === c) j++;
    const run = j - i;
    if (c === 'a' || c === 'A') out += run > 1 ? `${c}+` : c;
    else if (c === '9') out += run > 6 ? '9+' : '9'.repeat(run);
    else if (c === ' ') out += ' ';
    else out += c.repeat(Math.min(run, 3));
    i = j;
  }
  return out.length > maxPatternLength ? `${out.slice(0, maxPatternLength - 1)}…` : out;
}
