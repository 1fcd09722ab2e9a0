// The quality bar on the seeded demo shop: dedupe customers.csv and link supplier_catalogue.csv
// to products.json, each scored against the generator's truth, on two seeds.
import { describe, expect, it } from 'vitest';
import { demoTables } from '../demo-tables';
import {
  bestMatchPerRow, chooseBlocking, chooseComparisons, comparison, linkSettings, linkTables, thresholdPoint,
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

async function dedupeCustomers(seed: number): Promise<Score> {
  const { table, truth } = await demoTables(seed);
  const customers = table('customers.csv');
  const comparisons = chooseComparisons(customers, null);
  const settings = linkSettings({ comparisons, blocking: chooseBlocking(comparisons, customers.rowCount)});
  const result = await linkTables(customers, null, settings);
  const ids = customers.columns.find((c) => c.name === 'customer_id')!.values.map(String);
  const predicted = new Set<string>();
  for (const entity of result.entities) {
    const rows = entity.members.map((m) => ids[m.row]!);
    for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) predicted.add(pairKey(rows[i]!, rows[j]!));
  }
  const expected = new Set<string>();
  for (const group of truth.duplicateCustomers) {
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) expected.add(pairKey(group[i]!, group[j]!));
  }
  const estimate = thresholdPoint(result.pairs.probability, settings.threshold);
  const s = score(predicted, expected);
  console.log(`customers seed ${seed}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}; estimated P ${estimate.expectedPrecision.toFixed(3)} R ${estimate.expectedRecall.toFixed(3)}; pairs ${result.pairs.count}; lambda ${result.model.lambda.toExponential(2)}`);
  return s;
}

async function linkSupplier(seed: number): Promise<Score> {
  const { table, truth } = await demoTables(seed);
  const supplier = table('supplier_catalogue.csv');
  const products = table('products.json');
  const comparisons = [comparison({ name: 'title', left: 'product_name', right: 'title', kind: 'tfidf-qgrams' })];
  const settings = linkSettings({ comparisons, blocking: chooseBlocking(comparisons, products.rowCount) });
  const result = await linkTables(supplier, products, settings);
  const skus = products.columns.find((c) => c.name === 'sku')!.values.map(String);
  const best = bestMatchPerRow(result.pairs, settings.threshold, supplier.rowCount);
  const predicted = new Set<string>();
  best.forEach((i, row) => { if (i !== -1) predicted.add(`${row}|${skus[result.pairs.b[i]!]}`); });
  const expected = new Set<string>();
  truth.supplierMatches.forEach((sku, row) => { if (sku !== null) expected.add(`${row}|${sku}`); });
  const s = score(predicted, expected);
  console.log(`supplier seed ${seed}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}; pairs ${result.pairs.count}; lambda ${result.model.lambda.toExponential(2)}`);
  return s;
}

describe('entity resolution on the demo shop', () => {
  for (const seed of [42, 7]) {
    it(`dedupes customers.csv with pairwise F1 >= 0.9 (seed ${seed})`, async () => {
      expect((await dedupeCustomers(seed)).f1).toBeGreaterThanOrEqual(0.9);
    });
    it(`links the supplier catalogue to products.json with F1 >= 0.9 (seed ${seed})`, async () => {
      expect((await linkSupplier(seed)).f1).toBeGreaterThanOrEqual(0.9);
    });
  }
});
