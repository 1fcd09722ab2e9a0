// Shared types of the fusion domain: what relationship discovery, entity resolution and the
// warehouse builder read and produce. Plain JSON-safe data, because results are stored in
// IndexedDB, cross worker boundaries and are printed by the CLI.
import type { InferredType, Role } from '../profile';
import type { CellValue } from '../store';

/**
 * A table as fusion reads it: whole columns of plain values plus what ingest inferred about
 * them (after the user's overrides). The worker fills it from IndexedDB, the CLI from files.
 */
export interface FusionTable {
  /** Source id in the app, the file path in the CLI. */
  id: string;
  /** What the user calls it: "orders.csv", "shop.xlsx/Sheet1". */
  name: string;
  rowCount: number;
  columns: FusionColumn[];
  /**
   * The stored row number of each row, when they differ (cleaning dropped duplicate rows);
   * lineage goes through it. Absent: row i is stored row i.
   */
  rowIds?: Int32Array;
}

export interface FusionColumn {
  name: string;
  type: InferredType;
  /** The best semantic role, 'none' when nothing fits. */
  role: Role;
  /** values[row]; null for a missing cell. */
  values: CellValue[];
}

/** One column of one table. */
export interface ColumnRef {
  table: string;
  column: string;
}

export const cardinalities = ['1:1', '1:n', 'n:1', 'n:m'] as const;
/** Read left to right: `n:1` means many `from` rows point at one `to` row. */
export type Cardinality = (typeof cardinalities)[number];

/**
 * How the two columns' values line up: `exact` as written; `normalised` after trimming,
 * case-folding, stripping prefixes and re-padding ids (`C-00012` vs `12`); `fuzzy` only by
 * text similarity (a supplier's product names against the shop's titles).
 */
export const keyMatches = ['exact', 'normalised', 'fuzzy'] as const;
export type KeyMatch = (typeof keyMatches)[number];

export const relationshipStatuses = ['suggested', 'confirmed', 'rejected'] as const;
export type RelationshipStatus = (typeof relationshipStatuses)[number];

/** A discovered (or user-made) link from a foreign-key-like column to a key-like column. */
export interface Relationship {
  /** Stable: `${from.table}/${from.column} -> ${to.table}/${to.column}`. */
  id: string;
  from: ColumnRef;
  to: ColumnRef;
  /** Share of `from`'s distinct (normalised) values found among `to`'s, 0..1. */
  containment: number;
  /** Share of `to`'s distinct values found among `from`'s, 0..1. */
  reverseContainment: number;
  cardinality: Cardinality;
  keyMatch: KeyMatch;
  /** 0..1, how sure discovery is; suggestions are ranked by it. */
  score: number;
  /** A few value pairs that matched, as written in each file. */
  examples: { from: string; to: string }[];
  /** Sentences for the UI: why this was suggested. */
  evidence: string[];
  status: RelationshipStatus;
}
