import { describe, expect, it } from 'vitest';
import {
  AppErrorLike, applyStep, batchFromRecords, batchRows, cleanStatsFrom, DuplicateDetector, parseCleanStep, profileBatch,
  type CleanStats, type CleanStep, type ColumnBatch,
} from './clean-fixture';

const batch = (column: string, values: (string | number | boolean | null)[]): ColumnBatch =>
  batchFromRecords(values.map((v) => ({ [column]: v })));
const cells = (b: ColumnBatch, name = b.names[0]!): unknown[] => b.columns[b.names.indexOf(name)] ?? [];
const run = (step: CleanStep, values: (string | number | boolean | null)[], stats?: CleanStats): unknown[] =>
  cells(applyStep(batch('c', values), step, stats), 'c');

describe('text steps', () => {
  it('trim, collapse, case, unicode, encoding, replace', () => {
    expect(run({ op: 'trim', column: 'c' }, ['  a ', 'b', null, 5])).toEqual(['a', 'b', null, 5]);
    expect(run({ op: 'collapse-whitespace', column: 'c' }, [' Daan  Kelly ', 'a\tb'])).toEqual(['Daan Kelly', 'a b']);
    expect(run({ op: 'case', column: 'c', mode: 'lower' }, ['GERMANY'])).toEqual(['germany']);
    expect(run({ op: 'case', column: 'c', mode: 'upper' }, ['de'])).toEqual(['DE']);
    expect(run({ op: 'case', column: 'c', mode: 'title' }, ['united KINGDOM', "o'neil-smith"])).toEqual(['United Kingdom', "O'neil-Smith"]);
    expect(run({ op: 'normalize-unicode', column: 'c', form: 'NFC' }, ['Cafe\u0301'])).toEqual(['Café']);
    expect(run({ op: 'normalize-unicode', column: 'c', form: 'NFKC' }, ['ﬁle １２'])).toEqual(['file 12']);
    expect(run({ op: 'repair-encoding', column: 'c' }, ['CafÃ©', 'MÃ¼ller', 'fine'])).toEqual(['Café', 'Müller', 'fine']);
    expect(run({ op: 'replace-values', column: 'c', replacements: [{ from: 'DE', to: 'Germany' }, { from: '0', to: false }, { from: '__proto__', to: null }] },
      ['DE', 'de', 0, '__proto__', null])).toEqual(['Germany', 'de', false, null, null]);
  });
});

describe('convert steps', () => {
  it('parse-dates writes ISO and keeps what does not parse', () => {
    expect(run({ op: 'parse-dates', column: 'c', dayFirst: false, epoch: true },
      ['03/14/2021', '1 Feb 2021', '2023-01-23 12:35', '1675675328000', 'soon', null]))
      .toEqual(['2021-03-14', '2021-02-01', '2023-01-23T12:35:00.000Z', '2023-02-06T09:22:08.000Z', 'soon', null]);
    expect(run({ op: 'parse-dates', column: 'c', dayFirst: true, epoch: false }, ['03/04/2021'])).toEqual(['2021-04-03']);
  });

  it('normalize-currency splits amounts and currencies', () => {
    const out = applyStep(batch('total', ['€1.234,50', '$10.00', '7,5', null, 'n/a?']),
      { op: 'normalize-currency', column: 'total', decimal: ',', currencyColumn: 'total_currency', defaultCurrency: 'EUR' });
    expect(out.names).toEqual(['total', 'total_currency']);
    expect(cells(out, 'total')).toEqual([1234.5, 10, 7.5, null, 'n/a?']);
    expect(cells(out, 'total_currency')).toEqual(['EUR', 'USD', 'EUR', null, null]);
  });

  it('normalize-units converts to the target unit', () => {
    expect(run({ op: 'normalize-units', column: 'c', dimension: 'mass', unit: 'kg' }, ['250g', '1,5 kg', '12 oz', 'big', 3]))
      .toEqual([0.25, 1.5, 0.3401942775, 'big', 3]);
    expect(run({ op: 'normalize-units', column: 'c', dimension: 'volume', unit: 'ml' }, ['1.5L', '33 cl'])).toEqual([1500, 330]);
    expect(() => run({ op: 'normalize-units', column: 'c', dimension: 'mass', unit: 'parsec' }, ['1 g'])).toThrowError(AppErrorLike);
  });
});

describe('stat steps', () => {
  const data = batchFromRecords(['10', '20', '30', null, '1000', '20'].map((v) => ({ price: v, colour: v === null ? null : 'red' })));
  const stats = cleanStatsFrom(profileBatch(data));

  it('impute with mean, median, mode or a constant', () => {
    const price = (step: CleanStep) => cells(applyStep(data, step, stats), 'price');
    expect(price({ op: 'impute', column: 'price', method: 'mean', value: null })[3]).toBe(216);
    expect(price({ op: 'impute', column: 'price', method: 'median', value: null })[3]).toBe(20);
    expect(price({ op: 'impute', column: 'price', method: 'mode', value: null })[3]).toBe(20);
    expect(price({ op: 'impute', column: 'price', method: 'constant', value: 0 })[3]).toBe(0);
    expect(cells(applyStep(data, { op: 'impute', column: 'colour', method: 'mode', value: null }, stats), 'colour')[3]).toBe('red');
  });

  it('clip and flag outliers from the profile, never from the batch', () => {
    const clipped = cells(applyStep(data, { op: 'clip-outliers', column: 'price', bounds: 'fences' }, stats), 'price');
    const upper = stats.columns['price']!.fences!.upper;
    expect(clipped).toEqual(['10', '20', '30', null, upper, '20']);
    const flagged = applyStep(data, { op: 'flag-outliers', column: 'price', bounds: 'fences', flagColumn: 'price_outlier' }, stats);
    expect(cells(flagged, 'price_outlier')).toEqual([false, false, false, null, true, false]);
    // A batch holding only the outlier is judged by the same (whole-column) fences.
    const alone = batchFromRecords([{ price: '1000' }], 4);
    expect(cells(applyStep(alone, { op: 'clip-outliers', column: 'price', bounds: 'fences' }, stats))).toEqual([upper]);
  });

  it('says what is missing when stats are absent', () => {
    expect(() => applyStep(data, { op: 'impute', column: 'price', method: 'mean', value: null })).toThrowError(/Profile the source/);
    expect(() => applyStep(data, { op: 'impute', column: 'colour', method: 'mean', value: null }, stats)).toThrowError(/mean/);
    expect(() => applyStep(data, { op: 'trim', column: 'nope' })).toThrowError(/"nope"/);
  });
});

describe('row steps', () => {
  const records = [{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 1, b: 'x' }, { a: 1, b: 'z' }];
  const whole = batchFromRecords(records);
  const byRow = new DuplicateDetector();
  byRow.add(whole);
  const byA = new DuplicateDetector(['a']);
  byA.add(whole);
  const stats = cleanStatsFrom(profileBatch(whole), [byRow.result(), byA.result()]);

  it('drops repeats and keeps lineage in rowIndex', () => {
    const out = applyStep(whole, { op: 'drop-duplicates', columns: null }, stats);
    expect(batchRows(out)).toEqual([[1, 'x'], [2, 'y'], [1, 'z']]);
    expect([...out.rowIndex]).toEqual([0, 1, 3]);
    expect([...applyStep(whole, { op: 'drop-duplicates', columns: ['a'] }, stats).rowIndex]).toEqual([0, 1]);
  });

  it('flags repeats, batch by batch', () => {
    const second = batchFromRecords(records.slice(2), 2);
    expect(cells(applyStep(second, { op: 'flag-duplicates', columns: null, flagColumn: 'dup' }, stats), 'dup')).toEqual([true, false]);
    expect(() => applyStep(whole, { op: 'drop-duplicates', columns: ['b'] }, stats)).toThrowError(/duplicate scan/);
  });
});

describe('purity and parsing', () => {
  it('never modifies the input batch', () => {
    const input = batch('c', [' a ', 'b ']);
    const copy = structuredClone(input);
    applyStep(input, { op: 'trim', column: 'c' });
    expect(input).toEqual(copy);
  });

  it('parses stored steps and rejects damaged ones', () => {
    const step: CleanStep = { op: 'normalize-currency', column: 'total', decimal: ',', currencyColumn: null, defaultCurrency: 'EUR' };
    expect(parseCleanStep(JSON.parse(JSON.stringify(step)))).toEqual(step);
    expect(() => parseCleanStep({ op: 'explode', column: 'x' })).toThrowError(AppErrorLike);
    expect(() => parseCleanStep({ op: 'case', column: 'x', mode: 'sideways' })).toThrowError(/mode/);
    expect(() => parseCleanStep({ op: 'replace-values', column: 'x', replacements: [{ from: 'a', to: {} }] })).toThrowError(/cell value/);
  });
});
