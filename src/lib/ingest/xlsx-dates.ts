// Excel keeps a date as a plain number, the days since its epoch (the "serial"), and tells it
// from a quantity only by the cell's number format. Here: which formats show dates or times, and
// how a serial becomes the wall-clock text we store. Excel dates carry no time zone, so neither
// does the text.

/**
 * Built-in number formats that show a date or time. They never appear in styles.xml, so the id is
 * all a reader gets: 14-22 and 45-47 everywhere; 27-36 and 50-58 in Chinese, Japanese and Korean
 * Excel; 71-81 in Thai Excel (ids that other locales leave undefined).
 */
export const builtInDateFormatIds: ReadonlySet<number> = new Set([
  ...range(14, 22),
  ...range(27, 36),
  ...range(45, 47),
  ...range(50, 58),
  ...range(71, 81),
]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Letters a date/time format is made of: year, month/minute, day, hour, second, era, AM/PM. */
const dateLetters = /^[ymdhsegbap]$/;
const dateFields = /[ymdhs]/;

/**
 * Whether a custom number format code shows a date or time: every letter of one of its sections
 * is a date/time token once literal text is set aside (quoted "text", \escaped characters,
 * _padding and *fill, and [brackets]: colours, conditions, locales; elapsed [h] [mm] [ss] count
 * as time). So "yyyy-mm-dd;@", "[$-409]d mmm yy", "h:mm AM/PM", "[h]:mm:ss" and
 * `yyyy"年"m"月"d"日"` are dates; "0.00", "#,##0 \"kg\"", "0.00E+00" and "General" are not.
 */
export function isDateFormatCode(code: string): boolean {
  const cleaned = code
    .toLowerCase()
    .replace(/\\./g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/[_*]./g, ' ')
    .replace(/\[(h+|m+|s+)\]/g, '$1')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/s[.,]0+/g, 's');
  return cleaned.split(';').some((section) => {
    // Runs of one letter ("yyyy", "mm") and the digit placeholders of number formats.
    const tokens = section.match(/([a-z])\1*|[0#?%@]/g);
    return tokens !== null && tokens.every((t) => dateLetters.test(t[0]!)) && tokens.some((t) => dateFields.test(t));
  });
}

const msPerDay = 86_400_000;
/** 1970-01-01 as a serial of the 1900 system, whose day 0 is 1899-12-30. */
const unixEpochSerial = 25569;
/** Days from the 1900 system's day 0 to the 1904 system's (1904-01-01). */
const offset1904Days = 1462;

/**
 * The moment a serial stands for, as a UTC Date holding the wall-clock reading. The 1900 system
 * counts a 29 February 1900 that never was (kept from Lotus 1-2-3), so its serials below 60 are
 * one day ahead of the calendar. Rounded to the millisecond: serials are binary fractions.
 */
export function excelSerialDate(serial: number, date1904: boolean): Date {
  let days = date1904 ? serial + offset1904Days : serial;
  if (!date1904 && serial >= 1 && serial < 60) days += 1;
  return new Date(Math.round((days - unixEpochSerial) * msPerDay));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Excel dates carry no time zone: keep the wall-clock reading, date only when there is no time. */
export function excelDateText(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const [h, m, s, ms] = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()];
  if (h === 0 && m === 0 && s === 0 && ms === 0) return day;
  return `${day}T${pad(h)}:${pad(m)}:${pad(s)}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/**
 * The text of a `t="d"` cell, which holds an ISO 8601 date. A date-time without a zone is a wall
 * clock, as Excel means it (`Date` would read it as local time); one with a zone is shown in UTC.
 * Text that is not a date is kept as it is rather than lost.
 */
export function isoCellDateText(text: string): string {
  const zoned = !text.includes('T') || /(?:z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
  return excelDateText(new Date(zoned)) ?? text;
}
