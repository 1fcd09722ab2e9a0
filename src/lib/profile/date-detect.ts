// Per-column date decisions. Day/month order comes from the cells where a part exceeds 12
// (`14/03/2021` can only be day first); when none does, the column is ambiguous and read month
// first. Bare numbers become timestamps only when the column supports it: its name says time,
// or most of its cells are dates written another way (an export that mixes `2023-01-06` with
// `1675675328000`). A numeric id column never turns into dates by accident.
import { cellText } from './cell-text';
import { idNameStrength, isTimeName, nameTokens } from './names';
import { epochDate, matchDate, parseDate, type DateParseOptions } from './parse-date';
import type { CellValue } from '../store';
import type { ValueCount } from './types';

export interface DateDetection {
  options: DateParseOptions;
  /** Non-missing cells, and how many of them parse as dates under `options`. */
  values: number;
  matched: number;
  /** Cells whose parts prove day first / month first. */
  dayFirstEvidence: number;
  monthFirstEvidence: number;
  /** Numeric dates seen but none with a part above 12. */
  ambiguous: boolean;
  /** Both orders proven by different cells: the column mixes US and EU dates. */
  conflicting: boolean;
  formats: ValueCount[];
  /** Share of parsed cells that carry a time of day. */
  timeShare: number;
}

export function detectDateFormat(values: readonly CellValue[], columnName: string): DateDetection {
  let total = 0;
  let patterned = 0;
  let epochLike = 0;
  let dayFirstEvidence = 0;
  let monthFirstEvidence = 0;
  let either = 0;
  for (const value of values) {
    const text = cellText(value);
    if (text === null) continue;
    total++;
    const m = typeof value === 'string' ? matchDate(value) : null;
    if (m) {
      patterned++;
      if (m.order === 'either') {
        either++;
        if (m.first > 12 && m.second <= 12) dayFirstEvidence++;
        else if (m.second > 12 && m.first <= 12) monthFirstEvidence++;
      }
    } else if (epochDate(value) !== null) {
      epochLike++;
    }
  }
  const tokens = nameTokens(columnName);
  const nameSaysTime = isTimeName(tokens) && idNameStrength(tokens) === null;
  const idName = idNameStrength(tokens) !== null;
  const epoch = !idName && epochLike > 0 && (nameSaysTime || patterned >= 0.5 * total);
  const options: DateParseOptions = { dayFirst: dayFirstEvidence > monthFirstEvidence, epoch };

  let matched = 0;
  let withTime = 0;
  const formats = new Map<string, number>();
  for (const value of values) {
    const parsed = parseDate(value, options);
    if (parsed === null) continue;
    matched++;
    if (parsed.hasTime) withTime++;
    formats.set(parsed.format, (formats.get(parsed.format) ?? 0) + 1);
  }
  return {
    options,
    values: total,
    matched,
    dayFirstEvidence,
    monthFirstEvidence,
    ambiguous: either > 0 && dayFirstEvidence === 0 && monthFirstEvidence === 0,
    conflicting: dayFirstEvidence > 0 && monthFirstEvidence > 0,
    formats: [...formats].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
    timeShare: matched === 0 ? 0 : withTime / matched,
  };
}
