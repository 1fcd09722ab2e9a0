// `edgefuse relate` and `edgefuse link` in a child process, on demo files written by `edgefuse demo`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTruth } from '../../../src/lib/demo';

const bin = fileURLToPath(new URL('../../../bin/edgefuse.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'edgefuse-fusion-cli-'));
const run = (args: string[]) => execFileSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8', maxBuffer: 64 << 20 });
let truth: DemoTruth;

beforeAll(() => {
  run(['demo', '--out', 'shop', '--scale', '0.5', '--seed', '11']);
  truth = JSON.parse(readFileSync(join(scratch, 'shop', 'ground_truth.json'), 'utf8')) as DemoTruth;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const files = ['customers.csv', 'products.json', 'supplier_catalogue.csv', 'orders.csv', 'order_lines.csv', 'reviews.ndjson', 'search_log.csv'].map((f) => join('shop', f));

describe('edgefuse relate', () => {
  it('prints the planted relationships with containment, cardinality and score', () => {
    const found = JSON.parse(run(['relate', ...files])) as { fromFile: string; fromColumn: string; toFile: string; toColumn: string; containment: number; cardinality: string; score: number }[];
    const key = (r: { fromFile: string; fromColumn: string; toFile: string; toColumn: string }) => `${r.fromFile.replace('shop/', '')}.${r.fromColumn}->${r.toFile.replace('shop/', '')}.${r.toColumn}`;
    expect(new Set(found.map(key))).toEqual(new Set(truth.relationships.map(key)));
    for (const r of found) {
      expect(r.containment).toBeGreaterThan(0.6);
      expect(r.cardinality).toBe(truth.relationships.find((t) => key(t) === key(r))?.cardinality);
    }
  }, 60_000);

  it('fails with usage help when no file is named', () => {
    const result = spawnSync(process.execPath, [bin, 'relate'], { cwd: scratch, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Name at least one FILE');
  });
});

describe('edgefuse link', () => {
  it('finds duplicate customers: pairs.csv with probabilities, clusters.csv, model.json', () => {
    const summary = JSON.parse(run(['link', 'shop/customers.csv', '--out', 'dups'])) as { mode: string; links: number; pairsCompared: number };
    expect(summary.mode).toBe('dedupe');
    const lines = readFileSync(join(scratch, 'dups', 'pairs.csv'), 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('a_row,b_row,probability');
    expect(lines.length - 1).toBe(summary.links);
    // Rows are data-row indexes of customers.csv; the truth names customer ids C-00001.. in row order.
    const customers = readFileSync(join(scratch, 'shop', 'customers.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
    const group = new Map(truth.duplicateCustomers.flatMap((g, k) => g.map((id) => [id, k] as const)));
    const pairs = lines.slice(1).map((l) => l.split(',').map(Number) as [number, number, number]);
    const correct = pairs.filter(([a, b]) => group.get(customers[a]!) !== undefined && group.get(customers[a]!) === group.get(customers[b]!)).length;
    const truePairs = truth.duplicateCustomers.reduce((n, g) => n + (g.length * (g.length - 1)) / 2, 0);
    expect(correct / pairs.length).toBeGreaterThan(0.85);
    expect(correct / truePairs).toBeGreaterThan(0.75);
    expect(readFileSync(join(scratch, 'dups', 'clusters.csv'), 'utf8')).toMatch(/^entity,file,row\r\n0,a,\d+/);
    expect(JSON.parse(readFileSync(join(scratch, 'dups', 'model.json'), 'utf8'))).toHaveProperty('model.fields');
  }, 60_000);

  it('refuses a field that is not in the file', () => {
    const result = spawnSync(process.execPath, [bin, 'link', 'shop/customers.csv', '--out', 'x', '--fields', 'nope'], { cwd: scratch, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("has no column 'nope'");
  });
});
