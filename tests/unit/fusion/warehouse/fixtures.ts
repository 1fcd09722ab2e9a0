// Warehouse inputs built from the demo shop's truth: its relationships as confirmed
// Relationships, and the entity assignments a perfect entity resolution would give.
import type { DemoTruth } from '../../../../src/lib/demo';
import type { EntityAssignment } from '../../../../src/lib/fusion/warehouse';
import type { FusionColumn, FusionTable, Relationship } from '../../../../src/lib/fusion/types';

export function confirmedFromTruth(truth: DemoTruth): Relationship[] {
  return truth.relationships.map((r) => ({
    id: `${r.fromFile}/${r.fromColumn} -> ${r.toFile}/${r.toColumn}`,
    from: { table: r.fromFile, column: r.fromColumn },
    to: { table: r.toFile, column: r.toColumn },
    containment: 1,
    reverseContainment: 1,
    cardinality: r.cardinality,
    keyMatch: r.keyMatch,
    score: 1,
    examples: [],
    evidence: [],
    status: 'confirmed',
  }));
}

export function column(table: FusionTable, name: string): FusionColumn {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`${table.name} has no column ${name}`);
  return found;
}

/** customers.csv rows of one person share an entity id (the group's index); others get -1. */
export function customerMerge(truth: DemoTruth, customers: FusionTable): EntityAssignment {
  const groupOf = new Map<string, number>();
  truth.duplicateCustomers.forEach((ids, group) => ids.forEach((id) => groupOf.set(id, group)));
  const ids = column(customers, 'customer_id').values;
  return { table: customers.name, entityOfRow: Int32Array.from(ids, (id) => groupOf.get(String(id)) ?? -1) };
}

/** supplier_catalogue.csv rows -> the products.json row of the matched sku, -1 when unsold. */
export function supplierLink(truth: DemoTruth, supplier: FusionTable, products: FusionTable): EntityAssignment {
  const rowOfSku = new Map(column(products, 'sku').values.map((sku, row) => [String(sku), row]));
  return {
    table: supplier.name,
    entityOfRow: Int32Array.from(truth.supplierMatches, (sku) => (sku === null ? -1 : rowOfSku.get(sku) ?? -1)),
  };
}

/** A small hand-made table; every column typed identifier/none unless given. */
export function smallTable(name: string, columns: Record<string, { role?: FusionColumn['role']; type?: FusionColumn['type']; values: FusionColumn['values'] }>): FusionTable {
  const list = Object.entries(columns).map(([columnName, c]) => ({ name: columnName, type: c.type ?? 'identifier', role: c.role ?? 'none', values: c.values }));
  return { id: name, name, rowCount: list[0]?.values.length ?? 0, columns: list };
}

export function relationship(from: string, fromColumn: string, to: string, toColumn: string, keyMatch: Relationship['keyMatch'] = 'exact', status: Relationship['status'] = 'confirmed'): Relationship {
  return {
    id: `${from}/${fromColumn} -> ${to}/${toColumn}`, from: { table: from, column: fromColumn }, to: { table: to, column: toColumn },
    containment: 1, reverseContainment: 1, cardinality: 'n:1', keyMatch, score: 1, examples: [], evidence: [], status,
  };
}
