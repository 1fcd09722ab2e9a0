// Column names as the user will see them: header text trimmed, a blank header becomes
// `column_<position>`, and a repeated one gets `_2`, `_3`... so every record key is unique.
// CSV and spreadsheet headers go through the same rules.

export function defaultColumnName(index: number): string {
  return `column_${index + 1}`;
}

export function uniqueColumnNames(header: readonly (string | null | undefined)[]): string[] {
  const used = new Set<string>();
  const names: string[] = [];
  header.forEach((raw, i) => {
    const base = (raw ?? '').replace(/^\ufeff/, '').trim() || defaultColumnName(i);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.push(name);
  });
  return names;
}

/** Names for columns past the header's width (a later row that is longer, a headerless file). */
export function extendColumnNames(names: string[], width: number): string[] {
  if (names.length >= width) return names;
  const used = new Set(names);
  const out = names.slice();
  for (let i = names.length; i < width; i++) {
    let name = defaultColumnName(i);
    for (let n = 2; used.has(name); n++) name = `${defaultColumnName(i)}_${n}`;
    used.add(name);
    out.push(name);
  }
  return out;
}
