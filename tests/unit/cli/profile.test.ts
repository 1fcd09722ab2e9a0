// `edgefuse profile` as a user runs it: on files written by `edgefuse demo`, and on a
// semicolon CSV with a forced format, in a child process.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/edgefuse.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'edgefuse-profile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ProfileOutput {
  tables: { table: string; format: string; rows: number; columns: { name: string; type: string; roles: { role: string }[] }[]; issues: { kind: string; column: string | null }[] }[];
  skipped: { name: string }[];
}

const profile = (args: string[]): ProfileOutput => JSON.parse(execFileSync(process.execPath, [bin, 'profile', ...args], { cwd: scratch, encoding: 'utf8', maxBuffer: 64 << 20 })) as ProfileOutput;

describe('edgefuse profile', () => {
  it('prints types, roles and issues for each table', () => {
    execFileSync(process.execPath, [bin, 'demo', '--out', 'shop', '--scale', '0.3'], { cwd: scratch });
    const out = profile(['shop/orders.csv', 'shop/reviews.ndjson']);
    const [orders, reviews] = out.tables;
    expect(orders).toMatchObject({ table: 'orders.csv', format: 'csv' });
    const column = (t: typeof orders, name: string) => t!.columns.find((c) => c.name === name)!;
    expect(column(orders, 'CustomerID').type).toBe('identifier');
    expect(column(orders, 'CustomerID').roles[0]!.role).toBe('customer-id');
    expect(column(orders, 'total').type).toBe('decimal');
    expect(column(orders, 'order_date').type).toBe('date');
    expect(orders!.issues.map((i) => i.kind)).toContain('duplicate-rows');
    expect(column(reviews, 'stars').roles[0]!.role).toBe('rating');
  });

  it('takes --format and --delimiter, and says what it cannot read', () => {
    writeFileSync(join(scratch, 'prices.txt'), 'sku;price\nP-1;1,50\nP-2;2,75\n');
    writeFileSync(join(scratch, 'manual.pdf'), '%PDF-1.4\n');
    const out = profile(['prices.txt', '--format', 'csv', '--delimiter', ';']);
    expect(out.tables[0]).toMatchObject({ table: 'prices.txt', rows: 2 });
    expect(out.tables[0]!.columns.map((c) => c.type)).toEqual(['identifier', 'decimal']);
    expect(profile(['manual.pdf']).skipped.map((s) => s.name)).toEqual(['manual.pdf']);
    const bad = spawnSync(process.execPath, [bin, 'profile', 'x.csv', '--format', 'docx'], { cwd: scratch, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format');
  });
});
