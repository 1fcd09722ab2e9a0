// The quality bar on the seeded demo shop: dedupe customers.csv and link supplier_catalogue.csv
// to products.json, each scored against the generator's truth, on two seeds, along the path the
// app takes (link-job.ts, link-store.ts): chooseComparisons, chooseBlocking, the default threshold,
// then clusterPairs for a dedupe and bestMatchPerRow for a link.
import { describe, expect, it } from 'vitest';
import { demoTables } from '../demo-tables';
import type { FusionTable } from '../../../../src/lib/fusion/types';
import {
  bestMatchPerRow, chooseBlocking, chooseComparisons, clusterPairs, linkSettings, linkTables, thresholdPoint,
  type LinkResult, type ThresholdPoint,
} from '../../../../src/lib/fusion/link';

interface Score { precision: number; recall: number; f1: number }
function score(predicted: ReadonlySet<string>, truth: ReadonlySet<string>): Score {
  let tp = 0;
  for (const p of predicted) if (truth.has(p)) tp++;
  const precision = predicted.size > 0 ? tp / predicted.size : 1;
  const recall = truth.size > 0 ? tp / truth.size : 1;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
const pairKey = (x: string, y: string): string => (x < y ? `${x}|${y}` : `${y}|${x}`);

/** Precision and recall of the pairs at or above the threshold, as thresholdPoint estimates them. */
function pairScore(probability: Float32Array, isMatch: (i: number) => boolean, matches: number, threshold: number): Score {
  let links = 0;
  let tp = 0;
  probability.forEach((p, i) => { if (p >= threshold) { links++; if (isMatch(i)) tp++; } });
  const precision = links > 0 ? tp / links : 1;
  const recall = matches > 0 ? tp / matches : 1;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The app's path (link-job.ts): default comparisons, default blocking, default threshold. */
async function runAsTheAppDoes(left: FusionTable, right: FusionTable | null): Promise<{ result: LinkResult; threshold: number }> {
  const comparisons = chooseComparisons(left, right);
  const settings = linkSettings({ comparisons, blocking: chooseBlocking(comparisons, Math.max(left.rowCount, right?.rowCount ?? 0)) });
  return { result: await linkTables(left, right, settings), threshold: settings.threshold };
}

interface Outcome { score: Score; estimate: ThresholdPoint; pairs: Score }

async function dedupeCustomers(seed: number): Promise<Outcome> {
  const { table, truth } = await demoTables(seed);
  const customers = table('customers.csv');
  const { result, threshold } = await runAsTheAppDoes(customers, null);
  const ids = customers.columns.find((c) => c.name === 'customer_id')!.values.map(String);
  const entities = clusterPairs(result.pairs, threshold, result.state.settings.maxClusterSize, true, customers.rowCount, customers.rowCount);
  const predicted = new Set<string>();
  for (const entity of entities) {
    const rows = entity.members.map((m) => ids[m.row]!);
    for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) predicted.add(pairKey(rows[i]!, rows[j]!));
  }
  const expected = new Set<string>();
  for (const group of truth.duplicateCustomers) {
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) expected.add(pairKey(group[i]!, group[j]!));
  }
  const { pairs: p } = result;
  const estimate = thresholdPoint(p.probability, threshold);
  const pairs = pairScore(p.probability, (i) => expected.has(pairKey(ids[p.a[i]!]!, ids[p.b[i]!]!)), expected.size, threshold);
  const s = score(predicted, expected);
  console.log(`customers seed ${seed}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}; pairs >= ${threshold}: P ${pairs.precision.toFixed(3)} R ${pairs.recall.toFixed(3)}, estimated P ${estimate.expectedPrecision.toFixed(3)} R ${estimate.expectedRecall.toFixed(3)}`);
  return { score: s, estimate, pairs };
}

async function linkSupplier(seed: number): Promise<Outcome> {
  const { table, truth } = await demoTables(seed);
  const supplier = table('supplier_catalogue.csv');
  const products = table('products.json');
  const { result, threshold } = await runAsTheAppDoes(supplier, products);
  const skus = products.columns.find((c) => c.name === 'sku')!.values.map(String);
  const best = bestMatchPerRow(result.pairs, threshold, supplier.rowCount);
  const predicted = new Set<string>();
  best.forEach((i, row) => { if (i !== -1) predicted.add(`${row}|${skus[result.pairs.b[i]!]}`); });
  const expected = new Set<string>();
  truth.supplierMatches.forEach((sku, row) => { if (sku !== null) expected.add(`${row}|${sku}`); });
  const { pairs: p } = result;
  const estimate = thresholdPoint(p.probability, threshold);
  const pairs = pairScore(p.probability, (i) => expected.has(`${p.a[i]}|${skus[p.b[i]!]}`), expected.size, threshold);
  const s = score(predicted, expected);
  console.log(`supplier seed ${seed}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}; pairs >= ${threshold}: P ${pairs.precision.toFixed(3)} R ${pairs.recall.toFixed(3)}, estimated P ${estimate.expectedPrecision.toFixed(3)} R ${estimate.expectedRecall.toFixed(3)}`);
  return { score: s, estimate, pairs };
}

/** The estimates come from the probabilities alone; they should land near the truth. */
function expectCalibrated({ estimate, pairs }: Outcome): void {
  expect(Math.abs(estimate.expectedPrecision - pairs.precision)).toBeLessThan(0.1);
  expect(Math.abs(estimate.expectedRecall - pairs.recall)).toBeLessThan(0.1);
}

describe('entity resolution on the demo shop', () => {
  for (const seed of [42, 7]) {
    it(`dedupes customers.csv with pairwise F1 >= 0.9 (seed ${seed})`, async () => {
      const outcome = await dedupeCustomers(seed);
      expect(outcome.score.f1).toBeGreaterThanOrEqual(0.9);
      expectCalibrated(outcome);
    });
    it(`links the supplier catalogue to products.json with F1 >= 0.9 (seed ${seed})`, async () => {
      const outcome = await linkSupplier(seed);
      expect(outcome.score.f1).toBeGreaterThanOrEqual(0.9);
      expectCalibrated(outcome);
    });
  }
});
