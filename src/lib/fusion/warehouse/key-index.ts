// Rows of a table grouped by a key column: verbatim duplicates (orders.csv repeats some rows)
// fall into one group, and so do rows entity resolution says are one entity. A group is one
// view row; its lowest row is the representative whose key as written is the canonical key,
// and every row of the group goes into the lineage. Lookups accept any key as written in any
// row of the group, so facts pointing at a merged customer's second id find the merged one.
import { invariant } from '../../errors';
import type { CellValue } from '../../store';
import type { FusionColumn, FusionTable, KeyMatch } from '../types';
import { joinKey } from './join-key';

export class KeyIndex {
  readonly table: FusionTable;
  readonly column: FusionColumn;
  /** row -> group; every row has one. */
  readonly groupOf: Int32Array;
  /** group -> its rows, ascending; the first is the representative. */
  readonly groups: number[][];
  readonly #lookups = new Map<KeyMatch, Map<string, number>>();

  /**
   * `dedupe` says which rows count as duplicates (same key under that match); `entityOfRow`
   * merges rows entity resolution grouped (-1: no entity).
   */
  constructor(table: FusionTable, columnName: string, dedupe: KeyMatch, entityOfRow?: Int32Array) {
    const column = table.columns.find((c) => c.name === columnName);
    invariant(column, `table ${table.name} has no column ${columnName}`);
    this.table = table;
    this.column = column;
    const n = table.rowCount;
    // Union-find whose root is always the lowest row of its set.
    const parent = Int32Array.from({ length: n }, (_, i) => i);
    const root = (row: number): number => {
      let r = row;
      while (parent[r]! !== r) r = parent[r] = parent[parent[r]!]!;
      return r;
    };
    const union = (a: number, b: number): void => {
      const ra = root(a);
      const rb = root(b);
      if (ra < rb) parent[rb] = ra;
      else if (rb < ra) parent[ra] = rb;
    };
    const firstWithKey = new Map<string, number>();
    const firstOfEntity = new Map<number, number>();
    for (let row = 0; row < n; row++) {
      const key = joinKey(column.values[row], dedupe);
      if (key !== null) {
        const first = firstWithKey.get(key);
        if (first === undefined) firstWithKey.set(key, row);
        else union(first, row);
      }
      const entity = entityOfRow?.[row] ?? -1;
      if (entity >= 0) {
        const first = firstOfEntity.get(entity);
        if (first === undefined) firstOfEntity.set(entity, row);
        else union(first, row);
      }
    }
    this.groupOf = new Int32Array(n);
    this.groups = [];
    const groupOfRoot = new Int32Array(n).fill(-1);
    for (let row = 0; row < n; row++) {
      const r = root(row);
      if (groupOfRoot[r] === -1) {
        groupOfRoot[r] = this.groups.length;
        this.groups.push([]);
      }
      const group = groupOfRoot[r]!;
      this.groupOf[row] = group;
      this.groups[group]!.push(row);
    }
  }

  get groupCount(): number {
    return this.groups.length;
  }

  /** The group whose rows hold this key under `match`, or -1. */
  lookup(value: CellValue | undefined, match: KeyMatch): number {
    const key = joinKey(value, match);
    if (key === null) return -1;
    return this.#lookup(match).get(key) ?? -1;
  }

  representative(group: number): number {
    return this.groups[group]?.[0] ?? -1;
  }

  /** The canonical key: the first key written in the group's rows, trimmed. */
  keyOf(group: number): string | null {
    for (const row of this.groups[group] ?? []) {
      const key = joinKey(this.column.values[row], 'exact')?.trim();
      if (key) return key;
    }
    return null;
  }

  /** Rows that are not their group's representative: duplicates and merged entities. */
  get foldedRows(): number {
    return this.table.rowCount - this.groups.length;
  }

  #lookup(match: KeyMatch): Map<string, number> {
    let map = this.#lookups.get(match);
    if (!map) {
      map = new Map();
      for (let row = 0; row < this.table.rowCount; row++) {
        const key = joinKey(this.column.values[row], match);
        // On a clash (two groups folding to one key) the earlier group wins, as a join would.
        if (key !== null && !map.has(key)) map.set(key, this.groupOf[row]!);
      }
      this.#lookups.set(match, map);
    }
    return map;
  }
}

/** Share of present key cells that are distinct under `match`; 0 for an empty column. */
export function keyUniqueness(column: FusionColumn, match: KeyMatch): number {
  const seen = new Set<string>();
  let present = 0;
  for (const value of column.values) {
    const key = joinKey(value, match);
    if (key === null) continue;
    present++;
    seen.add(key);
  }
  return present === 0 ? 0 : seen.size / present;
}
