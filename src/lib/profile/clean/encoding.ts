// Mojibake: UTF-8 bytes decoded as Windows-1252 or Latin-1, the commonest encoding accident in
// exports (`Café` becomes `CafÃ©`, `’` becomes `â€™`). Detection looks for the lead-byte
// characters followed by a continuation-byte character; repair maps each character back to its
// byte and decodes the bytes as UTF-8, keeping the text as it was if that fails.

/** Windows-1252 characters in 0x80..0x9F and their bytes (the rest of Latin-1 maps to itself). */
const cp1252Bytes: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87],
  [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91],
  [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98],
  [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

const continuation = '\\u0080-\\u00bf\\u20ac\\u201a\\u0192\\u201e\\u2026\\u2020\\u2021\\u02c6\\u2030\\u0160\\u2039\\u0152\\u017d\\u2018\\u2019\\u201c\\u201d\\u2022\\u2013\\u2014\\u02dc\\u2122\\u0161\\u203a\\u0153\\u017e\\u0178';
/**
 * A 2-byte lead (Â..ß shown as `Ã`, `Â`, …) or 3-byte lead (`â`, `ã`…) followed by continuation
 * characters; `ï¿½` is U+FFFD's own bytes read that way.
 */
const mojibakePattern = new RegExp(`[\\u00c2-\\u00df][${continuation}]|[\\u00e0-\\u00ef][${continuation}]{2}|ï¿½`);

export function hasMojibake(text: string): boolean {
  return mojibakePattern.test(text);
}

/**
 * U+FFFD, the replacement character: some earlier conversion could not read these characters
 * and replaced them. Unlike mojibake nothing is left to repair from, so it is its own issue.
 */
export function hasLostCharacters(text: string): boolean {
  return text.includes('\ufffd');
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text with mojibake undone, or unchanged when it is not reversible mojibake. */
export function repairMojibake(text: string): string {
  if (!hasMojibake(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const byte = c <= 0xff ? c : cp1252Bytes.get(c);
    if (byte === undefined) return text;
    bytes[i] = byte;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return text;
  }
}
