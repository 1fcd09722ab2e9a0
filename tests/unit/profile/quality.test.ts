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
