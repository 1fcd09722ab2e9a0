// Quality bar for relationship discovery: on the seeded demo shop, read through the real ingest
// path, the default suggestions must recover the planted relationships (F1 >= 0.95), each with
// the planted cardinality and key match.
import { describe, expect, it } from 'vitest';
import { describeRelationship, discoverRelationships } from '../../../../src/lib/fusion/relate';
import { demoTables } from '../demo-tables';

async function scoreSeed(seed: number) {
  const { tables, truth } = await demoTables(seed);
  const suggested = discoverRelationships(tables);
  const truthById = new Map(truth.relationships.map((r) => [`${r.fromFile}/${r.fromColumn} -> ${r.toFile}/${r.toColumn}`, r]));
  const hits = suggested.filter((r) => truthById.has(r.id));
  const precision = suggested.length === 0 ? 0 : hits.length / suggested.length;
  const recall = hits.length / truthById.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { suggested, truthById, hits, precision, recall, f1 };
}

describe('relationship discovery on the demo shop', () => {
  for (const seed of [42, 7]) {
    it(`recovers the planted relationships (seed ${seed})`, async () => {
      const { suggested, truthById, hits, f1 } = await scoreSeed(seed);
      expect(f1, suggested.map((r) => `${r.id} ${r.score}`).join('\n')).toBeGreaterThanOrEqual(0.95);
      for (const r of hits) {
        const truth = truthById.get(r.id)!;
        expect({ id: r.id, cardinality: r.cardinality, keyMatch: r.keyMatch }).toEqual({ id: r.id, cardinality: truth.cardinality, keyMatch: truth.keyMatch });
        expect(r.status).toBe('suggested');
        expect(r.examples.length).toBeGreaterThan(0);
        expect(r.evidence.length).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it('explains the normalised customer link in words', async () => {
    const { suggested } = await scoreSeed(42);
    const link = suggested.find((r) => r.id === 'orders.csv/CustomerID -> customers.csv/customer_id')!;
    expect(link.containment).toBeGreaterThanOrEqual(0.97);
    expect(link.evidence[0]).toContain('after ignoring case, id prefixes and leading zeros');
    expect(link.examples.some((e) => e.from !== e.to)).toBe(true);
  });

  it('describes the supplier link the user might draw by hand as fuzzy and one to one', async () => {
    const { tables } = await demoTables(42);
    const link = describeRelationship(tables, { table: 'supplier_catalogue.csv', column: 'product_name' }, { table: 'products.json', column: 'title' });
    expect(link).toMatchObject({ keyMatch: 'fuzzy', cardinality: '1:1', status: 'confirmed' });
    expect(link.containment).toBeGreaterThan(0.8);
  });
});
