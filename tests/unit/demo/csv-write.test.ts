import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../src/lib/demo';

describe('toCsv', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('round-trips awkward values through papaparse', () => {
    const rows = [
      ['€1.234,50', 'Coffee Beans, Organic', 'line one\nline two'],
      ['"quoted"', '  leading space', 'cr\r\nlf'],
      ['', 'ü and é', 'trailing,'],
    ];
    const text = toCsv(['a', 'b', 'c'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([['a', 'b', 'c'], ...rows]);
  });
});
