// `edgefuse classify` through the real CLI entry point on small generated reviews: the JSON the
// issue asks for, predictions.csv, the label map and a split column. Few steps: it checks that
// the run works and learns, not how far fine-tuning can go (bench/classify.ts measures that).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviews } from '../ml/train/sentiment';

const bin = fileURLToPath(new URL('../../../bin/edgefuse.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'edgefuse-classify-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [bin, 'classify', ...args], { cwd: scratch, encoding: 'utf8' });
}

describe('edgefuse classify', () => {
  beforeAll(() => {
    // Stars follow the sentiment (positive reviews 4-5, negative 1-2); every fifth row is marked test.
    const rows = reviews(100, 5).map((r, i) => `R${i + 1},"${r.text.replace(/"/g, '""')}",${r.label},${r.label === 'positive' ? 4 + (i % 2) : 1 + (i % 2)},${i % 5 === 0 ? 'test' : 'train'}`);
    writeFileSync(join(scratch, 'reviews.csv'), ['review_id,review,sentiment,stars,part', ...rows].join('\n') + '\n');
  });

  it('fine-tunes and evaluates beside the baseline; prints the figures and writes predictions.csv', () => {
    const result = run(['--data', 'reviews.csv', '--text', 'review', '--label', 'sentiment', '--test-frac', '0.25', '--seed', '3', '--steps', '4', '--batch', '8', '--eval-every', '2', '--out', 'out']);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    console.log(`classify: ${JSON.stringify({ accuracy: summary.accuracy, auc: summary.auc, baseline: summary.baseline, seconds: summary.seconds })}`);
    expect(summary).toMatchObject({ classes: ['negative', 'positive'], label_map: null, n_train: expect.any(Number), n_test: 26, backend: 'wasm', seconds: expect.any(Number) });
    expect((summary.n_train as number) + (summary.n_validation as number)).toBe(74); // 13 of each class's 50 rows are held out
    expect(summary.accuracy).toBeGreaterThan(0.85);
    expect(summary.auc).toBeGreaterThan(0.9);
    expect(summary.macro_f1).toBeGreaterThan(0.85);
    const baseline = summary.baseline as Record<string, number>;
    expect(Object.keys(baseline)).toEqual(expect.arrayContaining(['accuracy', 'macro_f1', 'auc']));
    expect(baseline.accuracy).toBeGreaterThan(0.5);
    const csv = Papa.parse<Record<string, string>>(readFileSync(join(scratch, 'out', 'predictions.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields).toEqual(['row', 'id', 'text', 'true_label', 'predicted', 'confidence', 'baseline_predicted', 'baseline_confidence']);
    expect(csv.data).toHaveLength(26);
    const right = csv.data.filter((r) => r.true_label === r.predicted).length / csv.data.length;
    expect(right).toBeCloseTo(summary.accuracy as number, 4);
    expect(csv.data[0]!.id).toMatch(/^R\d+$/);
    const report = JSON.parse(readFileSync(join(scratch, 'out', 'report.json'), 'utf8')) as { model: { calibration: { bins: unknown[] } } };
    expect(report.model.calibration.bins).toHaveLength(10);
  });

  it('maps star ratings through --label-map and splits by --split-col (head only, probe only)', () => {
    const result = run(['--data', 'reviews.csv', '--text', 'review', '--label', 'stars', '--label-map', '1-2:negative,4-5:positive', '--split-col', 'part', '--head-only', '--steps', '0', '--out', 'out-stars']);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ classes: ['negative', 'positive'], label_map: '1-2:negative,4-5:positive', n_test: 20, model: { trainable: 'head', steps: 0 } });
    expect(summary.accuracy).toBeGreaterThan(0.8);
  });

  it('refuses the label column as a text column, and a star map on text labels, before training', () => {
    const leak = run(['--data', 'reviews.csv', '--text', 'review,sentiment', '--label', 'sentiment', '--out', 'x']);
    expect(leak.status).toBe(1);
    expect(leak.stderr).toMatch(/"sentiment" is the label column, so it cannot also be a text column/);
    const map = run(['--data', 'reviews.csv', '--text', 'review', '--label', 'sentiment', '--label-map', 'stars', '--out', 'x']);
    expect(map.status).toBe(1);
    expect(map.stderr).toMatch(/No value of "sentiment" matches the label map 1-2:negative,3:neutral,4-5:positive/);
  });

  it('refuses contradictory or missing flags with a usage error', () => {
    expect(run(['--data', 'reviews.csv', '--text', 'review', '--label', 'sentiment']).status).toBe(2);
    const both = run(['--data', 'reviews.csv', '--text', 'review', '--label', 'sentiment', '--out', 'x', '--split-col', 'part', '--test-frac', '0.3']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/either --split-col/);
    expect(run(['--data', 'reviews.csv', '--text', 'review', '--label', 'sentiment', '--out', 'x', '--steps', '-1']).status).toBe(2);
  });
});
