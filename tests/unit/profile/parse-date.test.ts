import { describe, expect, it } from 'vitest';
import { detectDateFormat, isoFromMs, parseDate } from '../../../src/lib/profile';

const us = { dayFirst: false, epoch: false };
const eu = { dayFirst: true, epoch: false };
const iso = (text: string, options = us): string | null => {
  const d = parseDate(text, options);
  return d ? new Date(d.ms).toISOString() : null;
};

describe('parseDate', () => {
  it.each([
    ['2021-01-19', '2021-01-19T00:00:00.000Z', 'YYYY-MM-DD'],
    ['2023-01-23 12:35', '2023-01-23T12:35:00.000Z', 'YYYY-MM-DD HH:mm'],
    ['2023-01-21T19:44:59Z', '2023-01-21T19:44:59.000Z', 'YYYY-MM-DDTHH:mm:ssZ'],
    ['2023-01-21T19:44:59.250+02:00', '2023-01-21T17:44:59.250Z', 'YYYY-MM-DDTHH:mm:ss.SSSZ'],
    ['2021/03/04', '2021-03-04T00:00:00.000Z', 'YYYY/MM/DD'],
    ['03/14/2021', '2021-03-14T00:00:00.000Z', 'MM/DD/YYYY'],
    ['1 Feb 2021', '2021-02-01T00:00:00.000Z', 'D MMM YYYY'],
    ['01-Feb-2021', '2021-02-01T00:00:00.000Z', 'D-MMM-YYYY'],
    ['Feb 1, 2021', '2021-02-01T00:00:00.000Z', 'MMM D, YYYY'],
    ['September 30 2022', '2022-09-30T00:00:00.000Z', 'MMM D YYYY'],
    ['5. März 2024', '2024-03-05T00:00:00.000Z', 'D MMM YYYY'],
    ['01.02.2021', '2021-02-01T00:00:00.000Z', 'DD.MM.YYYY'],
    ['1/2/21', '2021-01-02T00:00:00.000Z', 'MM/DD/YY'],
    ['3/14/99', '1999-03-14T00:00:00.000Z', 'MM/DD/YY'],
    ['3/14/2021 2:30 PM', '2021-03-14T14:30:00.000Z', 'MM/DD/YYYY h:mm A'],
    ['3/14/2021 12:05 am', '2021-03-14T00:05:00.000Z', 'MM/DD/YYYY h:mm A'],
    ['Mon, 01 Feb 2021 10:00:00 GMT', '2021-02-01T10:00:00.000Z', 'D MMM YYYY HH:mm:ss z'],
  ])('%s', (text, expected, format) => {
    const d = parseDate(text, us);
    expect(d && new Date(d.ms).toISOString()).toBe(expected);
    expect(d?.format).toBe(format);
  });

  it('reads numeric dates by the column order', () => {
    expect(iso('03/04/2021', us)).toBe('2021-03-04T00:00:00.000Z');
    expect(iso('03/04/2021', eu)).toBe('2021-04-03T00:00:00.000Z');
    expect(parseDate('03/04/2021', eu)?.format).toBe('DD/MM/YYYY');
  });

  it('refuses impossible dates and non-dates', () => {
    for (const text of ['2021-02-30', '13/13/2021', '14/03/2021', '2021-13-01', '25:00', 'hello', '12345', '3/14/2021 13:00 PM', 'Smarch 3, 2021']) {
      expect(parseDate(text, us), text).toBeNull();
    }
  });

  it('reads epoch seconds and milliseconds only when allowed and in 1990..2100', () => {
    const epoch = { dayFirst: false, epoch: true };
    expect(parseDate('1675675328000', epoch)).toEqual({ ms: 1675675328000, format: 'epoch-ms', hasTime: true });
    expect(parseDate(1675675328, epoch)).toEqual({ ms: 1675675328000, format: 'epoch-s', hasTime: true });
    expect(parseDate('1675675328000', us)).toBeNull();
    expect(parseDate('123456789', epoch)).toBeNull();
    expect(parseDate('9999999999999', epoch)).toBeNull();
  });

  it('prints midnights as dates and instants in full', () => {
    expect(isoFromMs(Date.UTC(2024, 2, 5), false)).toBe('2024-03-05');
    expect(isoFromMs(Date.UTC(2024, 2, 5, 1), false)).toBe('2024-03-05T01:00:00.000Z');
  });
});

describe('detectDateFormat', () => {
  it('decides day first from a part above 12, and reports the ambiguity otherwise', () => {
    const eu = detectDateFormat(['03/04/2021', '25/12/2021', '01/02/2022'], 'date');
    expect(eu.options.dayFirst).toBe(true);
    expect(eu.ambiguous).toBe(false);
    const us = detectDateFormat(['03/04/2021', '12/25/2021'], 'date');
    expect(us.options.dayFirst).toBe(false);
    const unsure = detectDateFormat(['03/04/2021', '01/02/2022'], 'date');
    expect(unsure.ambiguous).toBe(true);
    const both = detectDateFormat(['25/12/2021', '12/25/2021'], 'date');
    expect(both.conflicting).toBe(true);
  });

  it('counts every format in a mixed column', () => {
    const d = detectDateFormat(['2021-01-19', '03/14/2021', '1 Feb 2021', '2021-01-20', null, ''], 'signup_date');
    expect(d.values).toBe(4);
    expect(d.matched).toBe(4);
    expect(d.formats).toEqual([
      { value: 'YYYY-MM-DD', count: 2 }, { value: 'D MMM YYYY', count: 1 }, { value: 'MM/DD/YYYY', count: 1 },
    ]);
  });

  it('accepts epochs only with a time name or beside other dates, never in id columns', () => {
    const stamps = ['1675675328000', '1675675329000', '1675675330000'];
    expect(detectDateFormat(stamps, 'created_at').options.epoch).toBe(true);
    expect(detectDateFormat(stamps, 'value').options.epoch).toBe(false);
    expect(detectDateFormat(stamps, 'order_id').options.epoch).toBe(false);
    expect(detectDateFormat(['2023-01-06', '2023-01-07', '1675675328000'], 'when').options.epoch).toBe(true);
    expect(detectDateFormat(['2023-01-06', '2023-01-07', '1675675328000'], 'x').options.epoch).toBe(true);
    expect(detectDateFormat([1675675328, 1675675329], 'customer_id').options.epoch).toBe(false);
  });
});
