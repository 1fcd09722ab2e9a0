// Shared types of the warehouse builder: the unified commerce model built from confirmed
// relationships and semantic roles. Every result is structured-clone safe (plain objects,
// arrays and Int32Arrays) so a warehouse crosses the worker boundary and goes into IndexedDB
// as it is.
import type { ColumnRef, KeyMatch } from '../types';

/** The five views of the warehouse, in build order. */
export const viewNames = ['customers', 'products', 'events', 'reviews', 'searches'] as const;
export type ViewName = (typeof viewNames)[number];

/**
 * What one `events` row records: a whole order (its total), one line of an order, a review
 * written, or a product clicked in search results.
 */
export const eventKinds = ['order', 'order-line', 'review', 'search-click'] as const;
export type EventKind = (typeof eventKinds)[number];

/** A view cell: text as written, numbers parsed (times as epoch ms), null when missing. */
export type ViewValue = string | number | null;

export interface ViewColumn {
  name: string;
  /** values[viewRow] */
  values: ViewValue[];
}

/** A source table as lineage names it. */
export interface LineageTable {
  id: string;
  name: string;
}

/**
 * Where each view row came from, stored flat: the sources of view row i are entries
 * offsets[i] .. offsets[i + 1] - 1 of `table` (index into `tables`) and `row` (the stored row
 * number of that table, so the UI can open it on the grid).
 */
export interface Lineage {
  tables: LineageTable[];
  /** rowCount + 1 entries. */
  offsets: Int32Array;
  table: Int32Array;
  row: Int32Array;
}

/** One source row, as `lineageOf` returns it. */
export interface SourceRow {
  /** FusionTable.name, as relationships name tables. */
  table: string;
  tableId: string;
  row: number;
}

export interface WarehouseView {
  name: ViewName;
  rowCount: number;
  columns: ViewColumn[];
  lineage: Lineage;
}

/**
 * Entity resolution's answer for one table. Two uses:
 * - for a home table (customers), rows with the same entity id are one entity and merge into
 *   one view row;
 * - for another table joined to a home table by a fuzzy relationship (a supplier catalogue to
 *   products), entityOfRow holds the row index of the matched home row, or -1 for none.
 */
export interface EntityAssignment {
  table: string;
  /** row -> entity id (or target row); -1 means no entity. */
  entityOfRow: Int32Array;
  /**
   * The table whose rows `entityOfRow` points at. Default: `table` itself when it is a home
   * table, else the `to` table of the confirmed fuzzy relationship from `table`.
   */
  target?: string;
}

/** One step of the build, for a progress bar. */
export interface WarehouseProgress {
  done: number;
  total: number;
  unit: 'views';
  message: string;
}

export interface WarehouseOptions {
  /** Entity resolution results; only confirmed fuzzy links and home-table merges use them. */
  entities?: EntityAssignment[];
  /**
   * A version string per table id that changes whenever the table's values, types or roles do
   * (the source's history position works). A table without one is fingerprinted by content.
   */
  versions?: Record<string, string>;
  /** ISO code for amounts written without a currency mark; default: the most common mark seen. */
  currency?: string;
  /** The last build: views whose inputs did not change are reused from it. */
  previous?: Warehouse;
  signal?: AbortSignal;
  onProgress?: (progress: WarehouseProgress) => void;
}

/** How one followed relationship joined: rows it linked, rows without a key, keys that found nothing. */
export interface LinkStats {
  relationship: string;
  from: ColumnRef;
  to: ColumnRef;
  keyMatch: KeyMatch;
  /** Rows with a non-missing `from` value. */
  rows: number;
  /** Rows whose `from` cell is empty. */
  missing: number;
  /** Of those, rows that found no `to` row. */
  unresolved: number;
  /** A few distinct unresolved values as written. */
  examples: string[];
}

export interface ViewReport {
  rowCount: number;
  /** Table names the view read, home table first. */
  tables: string[];
  relationships: string[];
  /** True when the view was taken unchanged from `options.previous`. */
  reused: boolean;
}

/** What the build did and why, for the UI to explain it. */
export interface WarehouseReport {
  views: Record<ViewName, ViewReport>;
  /** The table each entity lives in, null when none was found. */
  homes: { customer: ColumnRef | null; product: ColumnRef | null };
  /** Fact tables and what their rows became. */
  facts: { table: string; kind: EventKind }[];
  relationshipsUsed: string[];
  /** Every relationship followed, with its unresolved keys (count and examples). */
  links: LinkStats[];
  /** Source rows folded into another row: verbatim duplicates and merged entities. */
  mergedRows: { table: string; rows: number }[];
  /** The currency given to amounts written without one, and how many cells of the views built this time got it. */
  assumedCurrency: { code: string | null; cells: number };
  /** Sentences for the UI: tables skipped, links missing. */
  notes: string[];
}

/** What one view was built from; equal fingerprints mean the view can be reused. */
export interface ViewInputs {
  tables: { id: string; name: string; version: string }[];
  relationships: { id: string; keyMatch: KeyMatch }[];
  entities: { table: string; fingerprint: string }[];
  /** The layout decisions the view depends on (home tables, fact kinds, paths, currency). */
  layout: string;
}

export interface WarehouseManifest {
  /** Bumped when the builder's output changes, so old warehouses rebuild. */
  builderVersion: number;
  views: Record<ViewName, { fingerprint: string; inputs: ViewInputs }>;
}

export interface Warehouse {
  views: Record<ViewName, WarehouseView>;
  report: WarehouseReport;
  manifest: WarehouseManifest;
}
