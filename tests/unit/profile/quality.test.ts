import { describe, expect, it } from 'vitest';
import {
  DuplicateDetector, QualityScanner, assessQuality, batchFromRecords, isValidEmail, profileBatch, type IssueKind, type QualityIssue,
} from '../../../src/lib/profile';
import type { CellValue } from '../../../src/lib/store';

const now = Date.UTC(2025, 0, 1);

/** 200 clean rows; `mess` rewrites some of them. */
function rows(mess: (row: Record<string, CellValue>, i: number) => void = () => {}): Record<string, CellValue>[] {
  const countries = ['Germany', 'France', 'Italy', 'Spain'];
  return Array.from({ length: 200 }, (_, i) => {
    const row: Record<string, CellValue> = {
      order_id: `O-${String(i).padStart(5, '0')}`,
      email: `user${i}@example.com`,
      country: countries[i % 4]!,
      order_date: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      price: (10 + (i % 37) * 1.5).toFixed(2),
      note: `Order ${i} packed`,
    };
    mess(row, i);
    return row;
  });
}

function issuesOf(records: Record<string, CellValue>[]): QualityIssue[] {
  const batch = batchFromRecords(records);
  return assessQuality(batch, profileBatch(batch), { now });
}

const find = (issues: QualityIssue[], kind: IssueKind, column: string | null): QualityIssue | undefined =>
  issues.find((i) => i.kind === kind && i.column === column);

describe('quality checks', () => {
  it('finds nothing on clean data', () => {
    expect(issuesOf(rows())).toEqual([]);
  });

  it('finds missing values, with an impute fix for numbers', () => {
    const issue = find(issuesOf(rows((r, i) => { if (i % 10 === 3) r['price'] = null; })), 'missing-values', 'price')!;
    expect(issue).toMatchObject({ count: 20, severity: 'info', exampleRows: [3, 13, 23, 33, 43] });
    expect(issue.fix).toEqual({ op: 'impute', column: 'price', method: 'median', value: null });
  });

  it('finds several date formats in one column', () => {
    const issue = find(issuesOf(rows((r, i) => { if (i % 20 === 1) r['order_date'] = `0${1 + (i % 9)}/15/2024`; })), 'inconsistent-formats', 'order_date')!;
    expect(issue.count).toBe(10);
    expect(issue.exampleRows).toEqual([1, 21, 41, 61, 81]);
    expect(issue.fix).toEqual({ op: 'parse-dates', column: 'order_date', dayFirst: false, epoch: false });
  });

  it('finds mixed decimal conventions and mixed currencies', () => {
    const issues = issuesOf(rows((r, i) => {
      if (i % 25 === 0) r['price'] = String(r['price']).replace('.', ',');
      if (i % 40 === 0) r['price'] = `$${String(r['price'])}`;
    }));
    expect(find(issues, 'inconsistent-formats', 'price')).toMatchObject({ count: 8, exampleRows: [0, 25, 50, 75, 100] });
    expect(find(issues, 'mixed-currencies', 'price')).toBeUndefined();
    const currencies = issuesOf(rows((r, i) => { r['price'] = `${i % 10 === 0 ? '$' : '€'}${String(r['price'])}`; }));
    expect(find(currencies, 'mixed-currencies', 'price')).toMatchObject({ count: 20 });
  });

  it('finds duplicate rows', () => {
    const records = rows();
    records.splice(50, 0, { ...records[10]! });
    records.push({ ...records[20]! });
    const issue = find(issuesOf(records), 'duplicate-rows', null)!;
    expect(issue).toMatchObject({ count: 2, exampleRows: [50, 201], fix: { op: 'drop-duplicates', columns: null } });
  });

  it('finds outliers', () => {
    const issue = find(issuesOf(rows((r, i) => { if (i === 77) r['price'] = '99999.00'; })), 'outliers', 'price')!;
    expect(issue).toMatchObject({ count: 1, exampleRows: [77] });
    expect(issue.fix).toMatchObject({ op: 'flag-outliers', column: 'price' });
  });

  it('flags no outliers in 0/1 columns, and writes counts with thousands separators', () => {
    // scotch respondent_brands.csv: one 0/1 column per brand, most rows alike.
    const records = Array.from({ length: 2218 }, (_, i) => ({
      'Dewar.s.White.Label': i % 9 === 0 ? 1 : 0, 'Glenlivet': i % 13 === 0 ? 1 : 0, 'the.Singleton': i % 70 === 0 ? 1 : 0,
    }));
    const issues = issuesOf(records);
    expect(issues.filter((i) => i.kind === 'outliers')).toEqual([]);
    const duplicates = find(issues, 'duplicate-rows', null)!;
    expect(duplicates.count).toBeGreaterThan(1000);
    expect(duplicates.message).toMatch(new RegExp(`^${duplicates.count.toLocaleString('en-US')} rows repeat an earlier row \\(${Math.round((1000 * duplicates.count) / 2218) / 10}%\\)\\.`));
    expect(duplicates.message).toMatch(/^\d,\d{3} rows/);
    // Respondents answering alike are the data: flagged, not dropped, and not a warning.
    expect(duplicates).toMatchObject({ severity: 'info', fix: { op: 'flag-duplicates', columns: null, flagColumn: 'is_duplicate' } });
    expect(duplicates.message).toContain('probably real');
    const missing = find(issuesOf(rows().flatMap((r) => Array.from({ length: 10 }, () => ({ ...r, note: null })))), 'missing-values', 'note')!;
    expect(missing.message).toBe('2,000 rows (100%) have no "note".');
  });

  it('flags no second mode as outliers, and rounds the fences it prints', () => {
    // margarine PFl_Tub: 1.19 in most weeks. Others nearby are a second mode; 9.5 is a typo.
    const price = (i: number): number => (i % 100 < 90 ? 1.19 : [1.09, 1.25, 1.29, 0.99][i % 4]!);
    const spread = issuesOf(Array.from({ length: 4470 }, (_, i) => ({ PFl_Tub: price(i) })));
    expect(find(spread, 'outliers', 'PFl_Tub')).toBeUndefined();
    const typos = issuesOf(Array.from({ length: 1000 }, (_, i) => ({ PFl_Tub: i % 100 === 7 ? 9.5 : i % 50 === 3 ? 1.25 : 1.19 })));
    const issue = find(typos, 'outliers', 'PFl_Tub')!;
    expect(issue.count).toBe(10);
    expect(issue.message).toBe('10 values in "PFl_Tub" lie outside 0.873..1.507 (MAD fences).');
    // IQR fences of large values keep whole numbers, with separators.
    const volume = issuesOf(Array.from({ length: 500 }, (_, i) => ({ VOLUME: i === 7 ? 912_345 : 1000 + ((i * 37) % 500) * 13.7 })));
    expect(find(volume, 'outliers', 'VOLUME')!.message).toMatch(/^1 values in "VOLUME" lie outside -?\d{1,3}(,\d{3})*\.\.\d{1,3}(,\d{3})* \(IQR fences\)\.$/);
  });

  it('counts outliers exactly on a long column of few distinct prices', () => {
    // margarine PImp_Stk: 4,470 weeks; an exact count finds 17 x 1.38, 2 x 1.44 and 4 x 2.3 outside.
    const body = [0.63, 0.73, 0.79, 0.83, 0.85, 0.87, 0.89, 0.93, 0.97, 1.03];
    const far = [...Array<number>(17).fill(1.38), 1.44, 1.44, 2.3, 2.3, 2.3, 2.3];
    // The far prices spread through the weeks: every 190th row from row 11, 23 of them.
    const values = Array.from({ length: 4470 }, (_, i) => (i % 190 === 11 && i < 190 * 23 ? far[(i - 11) / 190]! : body[(i * 7) % body.length]!));
    const profile = profileBatch(batchFromRecords(values.map((x) => ({ PImp_Stk: x }))));
    const outliers = profile.columns[0]!.outliers!;
    const exact = values.filter((x) => x < outliers.lower || x > outliers.upper).length;
    expect(exact).toBe(23);
    expect(outliers.count).toBe(exact);
  });

  it('finds mixed types, and numbers stored as text in JSON', () => {
    const issue = find(issuesOf(rows((r, i) => { if (i % 50 === 5) r['price'] = 'call us'; })), 'mixed-types', 'price')!;
    expect(issue).toMatchObject({ count: 4, exampleRows: [5, 55, 105, 155], fix: null });
    const json = issuesOf(rows((r, i) => { r['price'] = i % 50 === 5 ? String(r['price']) : Number(r['price']); }));
    expect(find(json, 'mixed-types', 'price')).toMatchObject({ count: 4, fix: { op: 'normalize-currency', column: 'price' } });
  });

  it('finds invalid emails and suggests clearing them', () => {
    const issue = find(issuesOf(rows((r, i) => { if (i === 9) r['email'] = 'user9@example'; if (i === 19) r['email'] = 'user19 @example.com'; })), 'invalid-emails', 'email')!;
    expect(issue).toMatchObject({ count: 2, exampleRows: [9, 19] });
    expect(issue.fix).toEqual({ op: 'replace-values', column: 'email', replacements: [{ from: 'user9@example', to: null }, { from: 'user19 @example.com', to: null }] });
    expect(isValidEmail('a.b+c@shop.co.uk')).toBe(true);
    expect(isValidEmail('a..b@shop.com')).toBe(false);
  });

  it('finds negative prices', () => {
    expect(find(issuesOf(rows((r, i) => { if (i === 4) r['price'] = '-12.00'; })), 'negative-prices', 'price')).toMatchObject({ count: 1, exampleRows: [4] });
  });

  it('finds future dates relative to the injected now', () => {
    const records = rows((r, i) => { if (i === 8) r['order_date'] = '2031-05-01'; });
    expect(find(issuesOf(records), 'future-dates', 'order_date')).toMatchObject({ count: 1, exampleRows: [8] });
    const batch = batchFromRecords(records);
    const later = assessQuality(batch, profileBatch(batch), { now: Date.UTC(2032, 0, 1) });
    expect(find(later, 'future-dates', 'order_date')).toBeUndefined();
  });

  it('finds case and whitespace variants of categories, with a mapping fix', () => {
    const issues = issuesOf(rows((r, i) => { if (i === 6) r['country'] = ' germany'; if (i === 10) r['country'] = 'FRANCE'; }));
    const issue = find(issues, 'inconsistent-categories', 'country')!;
    expect(issue).toMatchObject({ count: 2, exampleRows: [6, 10] });
    expect(issue.fix).toEqual({ op: 'replace-values', column: 'country', replacements: [{ from: ' germany', to: 'Germany' }, { from: 'FRANCE', to: 'France' }] });
    expect(find(issues, 'stray-whitespace', 'country')).toMatchObject({ count: 1, fix: { op: 'trim', column: 'country' } });
  });

  it('finds mojibake and suggests repairing it', () => {
    const issue = find(issuesOf(rows((r, i) => { if (i === 12) r['note'] = 'CafÃ© order, packed'; })), 'mojibake', 'note')!;
    expect(issue).toMatchObject({ count: 1, exampleRows: [12], fix: { op: 'repair-encoding', column: 'note' } });
  });

  it('reports characters lost before the import apart from mojibake, with no repair to offer', () => {
    const issues = issuesOf(rows((r, i) => { if (i === 7 || i === 30) r['note'] = 'caf\ufffd au lait'; }));
    expect(find(issues, 'mojibake', 'note')).toBeUndefined();
    expect(find(issues, 'lost-characters', 'note')).toMatchObject({ count: 2, exampleRows: [7, 30], fix: null });
  });

  it('orders issues by severity, streams batch by batch and reports stable ids', () => {
    const records = rows((r, i) => { if (i % 3 === 0) r['note'] = null; if (i === 150) r['country'] = 'italy'; });
    const whole = issuesOf(records);
    const profile = profileBatch(batchFromRecords(records));
    const scanner = new QualityScanner(profile, { now });
    const duplicates = new DuplicateDetector();
    for (let start = 0; start < records.length; start += 64) {
      const batch = batchFromRecords(records.slice(start, start + 64), start);
      scanner.add(batch);
      duplicates.add(batch);
    }
    expect(scanner.issues(duplicates.result())).toEqual(whole);
    expect(whole.map((i) => i.id)).toEqual(['inconsistent-categories:country', 'missing-values:note']);
    expect(whole[0]!.severity).toBe('warning');
  });
});

describe('DuplicateDetector', () => {
  it('keys on chosen columns and keeps the first occurrence', () => {
    const detector = new DuplicateDetector(['email']);
    detector.add(batchFromRecords([{ email: 'a@x.io', n: 1 }, { email: 'b@x.io', n: 2 }, { email: 'a@x.io', n: 3 }]));
    detector.add(batchFromRecords([{ email: 'a@x.io', n: 4 }, { email: null, n: 5 }, { email: '', n: 6 }], 3));
    expect(detector.result()).toEqual({ columns: ['email'], count: 2, rows: [2, 3], examples: [{ row: 2, firstRow: 0 }, { row: 3, firstRow: 0 }] });
  });

  it('scales to many rows with exact counts', () => {
    const detector = new DuplicateDetector();
    const n = 200_000;
    const names = ['id'];
    for (let start = 0; start < n; start += 10_000) {
      const column = Array.from({ length: 10_000 }, (_, i) => `k${(start + i) % 150_000}`);
      detector.add({ names, columns: [column], rowIndex: Int32Array.from({ length: 10_000 }, (_, i) => start + i) });
    }
    const report = detector.result();
    expect(report.count).toBe(50_000);
    expect(report.rows[0]).toBe(150_000);
  });
});
