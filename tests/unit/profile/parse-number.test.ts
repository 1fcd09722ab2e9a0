import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, parseNumber, parseNumberCell } from '../../../src/lib/profile';

describe('parseNumber', () => {
  const cases: [string, number, string | null][] = [
    ['42', 42, null],
    ['-5', -5, null],
    ['3.14', 3.14, null],
    ['1e3', 1000, null],
    ['-2.5E-2', -0.025, null],
    ['1,234,567.89', 1234567.89, null],
    ['1.234.567,89', 1234567.89, null],
    ['1 234,5', 1234.5, null],
    ['1\u00a0234,50', 1234.5, null],
    ["1'234.50", 1234.5, null],
    ['12,50', 12.5, null],
    ['0,125', 0.125, null],
    ['$1,234.50', 1234.5, 'USD'],
    ['€1.234,50', 1234.5, 'EUR'],
    ['12,50 €', 12.5, 'EUR'],
    ['USD 12.00', 12, 'USD'],
    ['usd 12.00', 12, 'USD'],
    ['12.00 EUR', 12, 'EUR'],
    ['£3', 3, 'GBP'],
    ['¥1200', 1200, 'JPY'],
    ['CHF 5.-', 5, 'CHF'],
    ['R$ 10,90', 10.9, 'BRL'],
    ['(5.00)', -5, null],
    ['($1,000.00)', -1000, 'USD'],
    ['5-', -5, null],
    ['-€3,50', -3.5, 'EUR'],
    ['€-3.50', -3.5, 'EUR'],
    ['12.5%', 0.125, null],
    ['+7', 7, null],
  ];
  it.each(cases)('%s -> %d %s', (text, value, currency) => {
    const parsed = parseNumber(text, '.');
    expect(parsed?.value).toBeCloseTo(value, 10);
    expect(parsed?.currency).toBe(currency);
  });

  it('refuses what is not a number', () => {
    for (const text of ['', 'abc', '12 kg', '2021-01-19', '0152-4837417', '1.2.3', '1,23,4', 'P-0042', '1 2', '12,5.3', 'XYZ 12']) {
      expect(parseNumber(text, '.'), text).toBeNull();
    }
  });

  it('resolves `1,234` and `1.234` by the column convention, and only those', () => {
    expect(parseNumber('1,234', '.')?.value).toBe(1234);
    expect(parseNumber('1,234', ',')?.value).toBeCloseTo(1.234);
    expect(parseNumber('1.234', '.')?.value).toBeCloseTo(1.234);
    expect(parseNumber('1.234', ',')?.value).toBe(1234);
    // Unambiguous cells read the same under either convention.
    for (const text of ['12,50', '1.234,56', '1,234.56', '0.123', '1234.567', '1,234,567']) {
      expect(parseNumber(text, '.')?.value, text).toBe(parseNumber(text, ',')?.value);
    }
  });

  it('describes each cell layout as a style', () => {
    expect(parseNumber('€1.234,50')?.style).toBe('€1.234,56');
    expect(parseNumber('12,50 €')?.style).toBe('1234,56 €');
    expect(parseNumber('EUR 12.40')?.style).toBe('EUR 1234.56');
    expect(parseNumber('$1,234.50')?.style).toBe('$1,234.56');
  });

  it('passes JSON numbers through', () => {
    expect(parseNumberCell(53.5)?.value).toBe(53.5);
    expect(parseNumberCell(53.5)?.decimals).toBe(1);
    expect(parseNumberCell(true)).toBeNull();
    expect(parseNumberCell(null)).toBeNull();
  });
});

describe('detectDecimalSeparator', () => {
  it('picks comma when continental cells dominate', () => {
    const d = detectDecimalSeparator(['1.234,56', '12,5', '3,99', '1,234', '7']);
    expect(d.decimal).toBe(',');
    expect(d.commaVotes).toBe(3);
  });

  it('picks point for English exports, counting grouped integers as evidence', () => {
    expect(detectDecimalSeparator(['1,234,567', '12.5', '1,234']).decimal).toBe('.');
  });

  it('defaults to point when nothing decides', () => {
    expect(detectDecimalSeparator(['1,234', '5', '1.234']).decimal).toBe('.');
  });
});
