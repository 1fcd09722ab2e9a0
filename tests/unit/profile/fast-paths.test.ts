// The fast paths for common cell layouts (parse-date.ts `matchCommonDate`, parse-number.ts
// `parseCommonNumber`) against the full readers as oracle: on generated cells near those
// layouts, including ones just outside them, both must read every cell the same.
import { describe, expect, it } from 'vitest';
import { matchDate, matchDatePattern, parseDate } from '../../../src/lib/profile/parse-date';
import { parseNumber, parseNumberInFull } from '../../../src/lib/profile/parse-number';
import { createPrng } from '../../../src/lib/profile/prng';

const random = createPrng(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;
const digits = (n: number): string => Array.from({ length: n }, () => pick([...'0123456789'])).join('');

function dateLike(): string {
  const y = pick(['2024', '1999', '0999', '2000', '1900', digits(4), '24']);
  const m = pick(['01', '02', '12', '13', '00', '7', digits(2)]);
  const d = pick(['01', '28', '29', '30', '31', '32', '5', digits(2)]);
  const time = pick(['', 'T10:20', ' 10:20', 'T23:59:59', 'T24:00:00', 'T10:60', 'T10:20:61', 'T1:20', ' 10:20:30.1', 'T10:20:30.12', 'T10:20:30.123Z', 'T10:20:30.123456789Z', 'T10:20:30.1234567890', 'T10:20:30,5', 'T10:20:30Z', 'T10:20Z', 'Z', 'T10:20:30+02:00', ' 10:20 PM', 'T10:20:30.']);
  const sep = pick(['/', '.', '-']);
  return pick([
    `${y}-${m}-${d}${time}`,
    `${m}${sep}${d}${sep}${y}`,
    `${d}${sep}${m}${sep}${y}${pick(['', ' 10:20'])}`,
    ` ${y}-${m}-${d}`,
    `${y}-${m}-${d}${time} `,
    `${y}-${m}-${d}x`,
  ]);
}

function numberLike(): string {
  const body = pick([digits(1), digits(3), digits(6), `${digits(1)}.${digits(3)}`, `0.${digits(3)}`, `${digits(4)}.${digits(3)}`, `${digits(2)}.${digits(2)}`, `.${digits(2)}`, `${digits(2)}.`, `1.2.3`, `1,234.5`, `${digits(30)}`, `${digits(50)}`, '']);
  return pick(['', '', '$', '€', '£', '¥', '-', '+', '(', 'US$']) + body + pick(['', '', '', '%', ' €', '-', ')']);
}

describe('fast paths read cells as the full readers do', () => {
  it('dates', () => {
    for (let i = 0; i < 20_000; i++) {
      const text = dateLike();
      expect(matchDate(text), text).toEqual(matchDatePattern(text));
    }
  });

  it('numbers, under either decimal separator', () => {
    for (let i = 0; i < 20_000; i++) {
      const text = numberLike();
      for (const decimal of ['.', ','] as const) expect(parseNumber(text, decimal), `${text} (${decimal})`).toEqual(parseNumberInFull(text, decimal));
    }
  });

  it('month lengths, as Date counts them', () => {
    for (let year = 1000; year <= 2500; year++) {
      for (const month of [2, 4, 12]) {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const mm = String(month).padStart(2, '0');
        expect(parseDate(`${year}-${mm}-${last}`, { dayFirst: false, epoch: false }), `${year}-${mm}-${last}`).not.toBeNull();
        expect(parseDate(`${year}-${mm}-${last + 1}`, { dayFirst: false, epoch: false })).toBeNull();
      }
    }
  });
});
