// Dates as whole UTC day numbers (days since 1970-01-01), so arithmetic never meets time zones or DST,
// plus the several ways real exports write a date: ISO, US, "5 Mar 2024" and epoch milliseconds.

const msPerDay = 86_400_000;
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export const dateStyles = ['iso', 'us', 'long', 'iso-time', 'epoch-ms'] as const;
export type DateStyle = (typeof dateStyles)[number];

export function dayFromIso(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / msPerDay);
}

function parts(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * msPerDay);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function isoDate(day: number): string {
  const { y, m, d } = parts(day);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** `YYYY-MM`, the key of the delivery spike. */
export function isoMonth(day: number): string {
  return isoDate(day).slice(0, 7);
}

export function monthOf(day: number): number {
  return parts(day).m;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Seconds since midnight as `HH:MM:SS`. */
export function clock(seconds: number): string {
  const s = Math.floor(seconds);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** `2024-03-05T14:22:10Z`: the machine-written timestamps (reviews). */
export function isoDateTime(day: number, seconds: number): string {
  return `${isoDate(day)}T${clock(seconds)}Z`;
}

export function formatDate(day: number, style: DateStyle, seconds = 43_200): string {
  const { y, m, d } = parts(day);
  switch (style) {
    case 'iso':
      return isoDate(day);
    case 'us':
      return `${pad(m)}/${pad(d)}/${y}`;
    case 'long':
      return `${d} ${monthNames[m - 1] ?? ''} ${y}`;
    case 'iso-time':
      return `${isoDate(day)} ${clock(seconds).slice(0, 5)}`;
    case 'epoch-ms':
      return String(day * msPerDay + Math.floor(seconds) * 1000);
  }
}
