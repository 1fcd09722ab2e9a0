// Runs the real CLI entry point in a child process, from a foreign working directory, as a user would.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/edgefuse.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'edgefuse-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (args: string[]): ReturnType<typeof spawnSync> =>
  spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8' });

interface Summary {
  out: string;
  seed: number;
  scale: number;
  files: { name: string; bytes: number; rows: number }[];
  truth: { name: string; bytes: number };
}

describe('edgefuse demo', () => {
  it('writes every file plus ground_truth.json and prints a summary', () => {
    const stdout = execFileSync(process.execPath, [bin, 'demo', '--out', 'shop', '--scale', '0.2', '--seed', '5'], {
      cwd: scratch,
      encoding: 'utf8',
    });
    const summary = JSON.parse(stdout) as Summary;
    const out = join(scratch, 'shop');
    expect(summary.out).toBe(out);
    expect(summary.seed).toBe(5);
    expect(summary.scale).toBe(0.2);
    expect(summary.files.map((f) => f.name)).toEqual([
      'customers.csv', 'products.json', 'supplier_catalogue.csv', 'orders.csv', 'order_lines.csv',
      'reviews.ndjson', 'search_log.csv',
    ]);
    expect(readdirSync(out).sort()).toEqual([...summary.files.map((f) => f.name), 'ground_truth.json'].sort());
    for (const f of summary.files) {
      expect(readFileSync(join(out, f.name)).byteLength).toBe(f.bytes);
      expect(f.rows).toBeGreaterThan(0);
    }
    const rowsOf = (name: string): number => summary.files.find((f) => f.name === name)?.rows ?? 0;
    expect(rowsOf('customers.csv')).toBe(400);
    expect(rowsOf('reviews.ndjson')).toBe(600);
    const truth = JSON.parse(readFileSync(join(out, 'ground_truth.json'), 'utf8')) as { seed: number; scale: number };
    expect(truth.seed).toBe(5);
    expect(truth.scale).toBe(0.2);
    expect(summary.truth.bytes).toBe(readFileSync(join(out, 'ground_truth.json')).byteLength);
  });

  it('prints usage for --help, help and no arguments', () => {
    for (const args of [['--help'], ['help'], []]) {
      const result = run(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/Usage: edgefuse <command>/);
      expect(result.stdout).toMatch(/\bdemo\b/);
    }
    const demoHelp = run(['demo', '--help']);
    expect(demoHelp.status).toBe(0);
    expect(demoHelp.stdout).toMatch(/--out DIR/);
  });

  it('exits 2 with a message on stderr for an unknown command or a bad flag', () => {
    const unknown = run(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(unknown.stdout).toBe('');
    for (const args of [['demo', '--bogus'], ['demo'], ['demo', '--out', 'x', '--seed', 'abc'], ['--bogus']]) {
      const bad = run(args);
      expect(bad.status).toBe(2);
      expect(bad.stderr.length).toBeGreaterThan(0);
    }
  });
});
