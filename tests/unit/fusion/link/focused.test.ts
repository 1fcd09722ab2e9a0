// Focused checks: string similarity against published values, EM against known parameters,
// term-frequency adjustment, active learning, golden records and incremental linking.
import { describe, expect, it } from 'vitest';
import type { FusionTable } from '../../../../src/lib/fusion/types';
import type { CellValue } from '../../../../src/lib/store';
import {
  bestMatchPerRow, chooseBlocking, comparison, goldenRecord, jaroWinkler, linkNewRecords, linkSettings, linkTables, patternCounts, pickPairsToLabel,
  runEm, initialM, levelLabels, updateWithLabels, thresholdCurve, type PairTable,
} from '../../../../src/lib/fusion/link';

const table = (name: string, columns: Record<string, CellValue[]>): FusionTable => {
  const rowCount = Object.values(columns)[0]!.length;
  return { id: name, name, rowCount, columns: Object.entries(columns).map(([n, values]) => ({ name: n, type: 'text', role: 'none', values })) };
};

describe('jaro-winkler', () => {
  it('matches the published values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('EM', () => {
  it('recovers m on synthetic pairs with known parameters', () => {
    // Two binary fields (levels 1 exact, 2 else) generated from m and u; EM starts elsewhere.
    const comparisons = [comparison({ left: 'x', kind: 'exact' }), comparison({ left: 'y', kind: 'exact' }), comparison({ left: 'z', kind: 'exact' })];
    const m = [0.9, 0.8, 0.7];
    const u = [0.05, 0.1, 0.2];
    const n = 20000;
    const lambda = 0.2;
    let seed = 3;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const levels = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      const match = random() < lambda;
      for (let f = 0; f < 3; f++) levels[i * 3 + f] = random() < (match ? m[f]! : u[f]!) ? 1 : 2;
    }
    const pairs: PairTable = {
      count: n, fieldCount: 3, a: new Uint32Array(n), b: new Uint32Array(n), levels, termShare: new Float32Array(n * 3),
      similarity: new Float32Array(n), weight: new Float32Array(n), probability: new Float32Array(n),
    };
    const start = {
      lambda: 0.5, iterations: 0, converged: false,
      fields: comparisons.map((c, f) => ({ name: c.name, levels: levelLabels(c), m: initialM(c), u: [1, u[f]!, 1 - u[f]!] })),
    };
    const fit = runEm(comparisons, patternCounts(pairs), start, 0.5, { iterations: 200, tolerance: 1e-7, exclude: -1 });
    fit.model.fields.forEach((field, f) => expect(field.m[1]).toBeCloseTo(m[f]!, 1));
    expect(fit.expectedMatches / n).toBeCloseTo(lambda, 1);
  });
});

const people = table('people', {
  name: ['Zebediah Quarrington', 'Zebediah Quarrington', 'John Smith', 'John Smith', 'John Smith', 'John Smith', 'Anna Berg', 'Tom Lee', 'Eva Moss', 'Ola Nordmann'],
  city: ['Oslo', 'Bergen', 'Oslo', 'Bergen', 'Rome', 'Paris', 'Oslo', 'Rome', 'Paris', 'Oslo'],
});
const peopleSettings = linkSettings({
  comparisons: [comparison({ left: 'name', kind: 'jaro-winkler', normaliser: 'name', termFrequency: true }), comparison({ left: 'city', kind: 'exact', normaliser: 'name' })],
  blocking: [{ kind: 'token', field: 'name', maxBlockSize: 50 }],
  randomPairs: 2000,
});

describe('term-frequency adjustment', () => {
  it('makes a rare exact name count more than a common one', async () => {
    const result = await linkTables(people, null, peopleSettings);
    const { pairs } = result;
    const find = (a: number, b: number): number => Array.from(pairs.a).findIndex((x, i) => x === a && pairs.b[i] === b);
    const rare = find(0, 1);
    const common = find(2, 3);
    expect(rare).toBeGreaterThanOrEqual(0);
    expect(common).toBeGreaterThanOrEqual(0);
    expect(pairs.weight[rare]!).toBeGreaterThan(pairs.weight[common]!);
  });
});

describe('active learning', () => {
  it('picks uncertain pairs and changes probabilities after labels', async () => {
    const result = await linkTables(people, null, peopleSettings);
    const picked = pickPairsToLabel(result, 3);
    expect(picked.length).toBeGreaterThan(0);
    const before = Float32Array.from(result.pairs.probability);
    const updated = updateWithLabels(result, picked.map((p) => ({ a: p.a, b: p.b, match: false })));
    let changed = 0;
    for (let i = 0; i < before.length; i++) if (Math.abs(before[i]! - updated.pairs.probability[i]!) > 1e-6) changed++;
    expect(changed).toBeGreaterThan(0);
    expect(updated.labels.length).toBe(picked.length);
    expect(thresholdCurve(updated.pairs.probability).length).toBe(19);
  });
});

describe('golden records', () => {
  const rows = table('customers', {
    name: ['Ann Lee', 'Ann  Lee', 'Anne Lee'],
    email: [null, 'ann@old.com', 'ann@new.com'],
    city: ['Oslo', 'Bergen', 'Bergen'],
    updated: ['2021-01-01', '2023-05-01', '2022-01-01'],
  });
  const members = [{ side: 0 as const, row: 0 }, { side: 0 as const, row: 1 }, { side: 0 as const, row: 2 }];
  it('merges by rule and records lineage', () => {
    const record = goldenRecord([rows], members, [
      { field: 'name', rule: 'longest' },
      { field: 'email', rule: 'most-recent', recency: 'updated' },
      { field: 'city', rule: 'most-frequent' },
      { field: 'updated', rule: 'first-non-missing' },
    ]);
    expect(record.values).toEqual({ name: 'Ann  Lee', email: 'ann@old.com', city: 'Bergen', updated: '2021-01-01' });
    expect(record.lineage.email).toEqual({ side: 0, row: 1 });
    expect(record.lineage.updated).toEqual({ side: 0, row: 0 });
    const chosen = goldenRecord([rows], members, [{ field: 'email', rule: 'choose', chosen: { side: 0, row: 2 } }]);
    expect(chosen.values.email).toBe('ann@new.com');
  });
});

describe('incremental linking', () => {
  it('gives new records the same links as a full run with the same model', async () => {
    const names = ['Anna Berg', 'Tom Lee', 'Eva Moss', 'Ola Nordmann', 'Kari Hansen', 'Per Olsen', 'Lise Dahl', 'Nils Bakke'];
    const right = table('right', { name: names, city: names.map((_, i) => ['Oslo', 'Bergen'][i % 2]!) });
    const leftNames = ['Ana Berg', 'Tom Lea', 'Eva Mos', 'Ola Nordman', 'Kari Hanson', 'Per Olson'];
    const left = table('left', { name: leftNames, city: leftNames.map((_, i) => ['Oslo', 'Bergen'][i % 2]!) });
    const old = table('left', { name: leftNames.slice(0, 3), city: left.columns[1]!.values.slice(0, 3) });
    const fresh = table('left', { name: leftNames.slice(3), city: left.columns[1]!.values.slice(3) });
    const settings = linkSettings({
      comparisons: peopleSettings.comparisons, blocking: [{ kind: 'qgram', field: 'name', q: 3, maxBlockSize: 50 }], randomPairs: 2000,
    });
    const first = await linkTables(old, right, settings);
    const added = await linkNewRecords(first, fresh);
    const full = await linkTables(left, right, settings, { model: first.model });
    const fromFull: string[] = [];
    for (let i = 0; i < full.pairs.count; i++) {
      if (full.pairs.a[i]! >= 3) fromFull.push(`${full.pairs.a[i]! - 3}/${full.pairs.b[i]}/${full.pairs.probability[i]!.toFixed(6)}`);
    }
    const fromAdded = Array.from(added.pairs.a, (a, i) => `${a}/${added.pairs.b[i]}/${added.pairs.probability[i]!.toFixed(6)}`);
    expect(fromAdded.sort()).toEqual(fromFull.sort());
    expect(added.bestPair.length).toBe(3);
  });
});

describe('LSH blocking over embeddings', () => {
  it('finds near-duplicate embeddings and links them through the default settings', async () => {
    // 200 products with random 32-d embeddings; the left side holds noisy copies of the first 150
    // (cosine ~0.93) and 30 unrelated rows. Only the embedding is compared, so only LSH blocks.
    let seed = 11;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const vector = (): Float32Array => Float32Array.from({ length: 32 }, gaussian);
    const rightVectors = Array.from({ length: 200 }, vector);
    const leftVectors = [
      ...rightVectors.slice(0, 150).map((v) => v.map((x) => x + 0.4 * gaussian())),
      ...Array.from({ length: 30 }, vector),
    ];
    const right = table('right', { text: rightVectors.map((_, i) => `r${i}`) });
    const left = table('left', { text: leftVectors.map((_, i) => `l${i}`) });
    const comparisons = [comparison({ left: 'text', kind: 'embedding', normaliser: 'none' })];
    const blocking = chooseBlocking(comparisons, 200);
    expect(blocking.map((r) => r.kind)).toEqual(['lsh']);
    const settings = linkSettings({ comparisons, blocking, randomPairs: 5000 });
    const result = await linkTables(left, right, settings, { embeddings: { left: leftVectors, right: rightVectors } });
    const candidates = new Set(Array.from(result.pairs.a, (a, i) => `${a}/${result.pairs.b[i]}`));
    let found = 0;
    for (let a = 0; a < 150; a++) if (candidates.has(`${a}/${a}`)) found++;
    expect(found / 150).toBeGreaterThanOrEqual(0.95);
    expect(result.pairs.count).toBeLessThan(180 * 200 * 0.2);
    const best = bestMatchPerRow(result.pairs, settings.threshold, left.rowCount);
    let tp = 0;
    let predicted = 0;
    best.forEach((i, a) => { if (i === -1) return; predicted++; if (result.pairs.b[i] === a) tp++; });
    const precision = tp / Math.max(1, predicted);
    const recall = tp / 150;
    console.log(`lsh: ${found}/150 true pairs among ${result.pairs.count} candidates; P ${precision.toFixed(3)} R ${recall.toFixed(3)}`);
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('a link with a single compared field', () => {
  const titles = ['Colombian Coffee Beans 500g', 'Kenyan Coffee Beans 250g', 'Earl Grey Tea Bags x20', 'Green Tea Loose Leaf 100g', 'Dark Chocolate 85% 100g',
    'Milk Chocolate 200g', 'Glass Teapot 800ml', 'Enamel Mug 350ml', 'Paper Coffee Filters Size 02 x100', 'Hand Coffee Grinder',
    'Oat Shortbread 150g', 'Almond Biscotti 200g', 'Matcha Powder 30g', 'Rooibos Tea Bags x40', 'Cold Brew Coffee Bags 500ml'];
  const right = table('products', { title: titles });
  const left = table('supplier', { name: ['COLOMBIAN COFFEE BEANS 0.5KG', 'kenyan cofee beans 250 g', 'Earl Grey Tea 20 pcs', 'green tea loose 100gr', 'DARK CHOC 85% 100G',
    'Milk Chocolate 0.2kg', 'Glass Teapot 80cl', 'Enamel Mug 35cl', 'Coffee Filters 02 (100)', 'Hand Grinder Coffee', 'Butter Croissant 6 pcs'] });
  const settings = linkSettings({
    comparisons: [comparison({ name: 'title', left: 'name', right: 'title', kind: 'tfidf-qgrams' })],
    blocking: [{ kind: 'qgram', field: 'title', q: 3, maxBlockSize: 50 }],
    randomPairs: 2000,
  });
  it('calibrates from mutual best candidates: clear matches clear 0.5, the unsold item does not', async () => {
    const result = await linkTables(left, right, settings);
    const best = bestMatchPerRow(result.pairs, settings.threshold, left.rowCount);
    let correct = 0;
    best.forEach((i, a) => { if (i !== -1 && result.pairs.b[i] === a) correct++; });
    expect(correct).toBeGreaterThanOrEqual(8);
    expect(best[10]).toBe(-1);
  });
  it('learns m from labels', async () => {
    const result = await linkTables(left, right, settings);
    const pairOf = (a: number, b: number): number => Array.from(result.pairs.a).findIndex((x, i) => x === a && result.pairs.b[i] === b);
    const labels = [3, 4, 8].map((a) => ({ a, b: a, match: true }));
    const updated = updateWithLabels(result, labels);
    expect(updated.model.fields[0]!.m).not.toEqual(result.model.fields[0]!.m);
    for (const { a } of labels) expect(updated.pairs.probability[pairOf(a, a)]).toBe(1);
  });
});
