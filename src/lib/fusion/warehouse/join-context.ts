// Everything views share while one warehouse is built: key indexes per (table, column), the
// row links each relationship gives (computed once, with its unresolved keys counted), parsed
// time columns, and the currency given to bare amounts. Views ask it for paths, never join
// by themselves, so every view joins the same way and the report counts each link once.
import type { FusionTable } from '../types';
import { dominantCurrency, readTimes } from './column-readers';
import { joinKey } from './join-key';
import { KeyIndex } from './key-index';
import type { EntityHome, Hop, WarehouseLayout } from './layout';
import type { LinkStats } from './types';

const maxExamples = 5;

export class JoinContext {
  readonly layout: WarehouseLayout;
  readonly currency: string | null;
  /** Amount cells that had no currency of their own and got `currency`. */
  assumedCurrencyCells = 0;
  readonly #byName: ReadonlyMap<string, FusionTable>;
  readonly #indexes = new Map<string, KeyIndex>();
  readonly #links = new Map<string, Int32Array>();
  readonly #times = new Map<string, Float64Array>();
  readonly #stats = new Map<string, LinkStats>();

  constructor(tables: readonly FusionTable[], layout: WarehouseLayout, currency?: string) {
    this.layout = layout;
    this.#byName = new Map(tables.map((t) => [t.name, t]));
    this.currency = currency ?? dominantCurrency(tables.flatMap((t) => t.columns));
  }

  table(name: string): FusionTable | undefined {
    return this.#byName.get(name);
  }

  /**
   * Rows grouped by a column. Duplicates are keys equal as written (verbatim copies); a home
   * table's key column also merges what entity resolution grouped.
   */
  index(table: FusionTable, column: string): KeyIndex {
    const id = `${table.name}\u0000${column}`;
    let index = this.#indexes.get(id);
    if (!index) {
      const home = [this.layout.customer, this.layout.product].find((h) => h?.table === table && h.keyColumn === column);
      index = new KeyIndex(table, column, 'exact', home?.merge?.entityOfRow);
      this.#indexes.set(id, index);
    }
    return index;
  }

  homeIndex(home: EntityHome): KeyIndex {
    return this.index(home.table, home.keyColumn);
  }

  /** from row -> representative `to` row along one relationship, -1 where it finds none. */
  link(hop: Hop): Int32Array {
    const r = hop.relationship;
    let link = this.#links.get(r.id);
    if (link) return link;
    const from = this.#byName.get(r.from.table)!;
    const to = this.#byName.get(r.to.table)!;
    const values = from.columns.find((c) => c.name === r.from.column)!.values;
    link = new Int32Array(from.rowCount).fill(-1);
    const stats: LinkStats = { relationship: r.id, from: r.from, to: r.to, keyMatch: r.keyMatch, rows: 0, missing: 0, unresolved: 0, examples: [] };
    if (hop.assignment) {
      // Fuzzy: entity resolution already said which `to` row each `from` row is.
      hop.assignment.entityOfRow.forEach((target, row) => {
        if (target >= 0 && target < to.rowCount) link![row] = target;
      });
      stats.rows = from.rowCount;
      stats.unresolved = link.reduce((n, target) => n + (target < 0 ? 1 : 0), 0);
    } else {
      const index = this.index(to, r.to.column);
      for (let row = 0; row < from.rowCount; row++) {
        const key = joinKey(values[row], r.keyMatch);
        if (key === null) {
          stats.missing++;
          continue;
        }
        stats.rows++;
        const group = index.lookup(values[row], r.keyMatch);
        if (group >= 0) link[row] = index.representative(group);
        else {
          stats.unresolved++;
          if (stats.examples.length < maxExamples && !stats.examples.includes(key)) stats.examples.push(key);
        }
      }
    }
    this.#links.set(r.id, link);
    this.#stats.set(r.id, stats);
    return link;
  }

  /** Rows of the path's last table for each row of its first; -1 where a step finds none. */
  follow(path: readonly Hop[], rowCount: number): Int32Array {
    const out = Int32Array.from({ length: rowCount }, (_, i) => i);
    for (const hop of path) {
      const link = this.link(hop);
      for (let i = 0; i < rowCount; i++) out[i] = out[i]! < 0 ? -1 : (link[out[i]!] ?? -1);
    }
    return out;
  }

  /** A time column as epoch ms, parsed once per build. */
  times(table: FusionTable, column: string): Float64Array {
    const id = `${table.name}\u0000${column}`;
    let times = this.#times.get(id);
    if (!times) {
      times = readTimes(table.columns.find((c) => c.name === column)!);
      this.#times.set(id, times);
    }
    return times;
  }

  /** The currency of an amount: its own (cell mark or currency column), else the assumed one. */
  currencyOf(own: string | null): string | null {
    if (own) return own;
    if (this.currency) this.assumedCurrencyCells++;
    return this.currency;
  }

  /** Rows folded into another row per table, over the key columns that define rows: homes, orders, fact ids. */
  foldedRows(): [string, number][] {
    const { customer, product, orderTables, facts } = this.layout;
    const keys = new Set([
      ...[customer, product].flatMap((h) => (h ? [`${h.table.name}\u0000${h.keyColumn}`] : [])),
      ...orderTables.map((o) => `${o.table.name}\u0000${o.keyColumn}`),
      ...facts.flatMap((f) => (f.keyColumn ? [`${f.table.name}\u0000${f.keyColumn}`] : [])),
    ]);
    return [...this.#indexes].filter(([id, index]) => keys.has(id) && index.foldedRows > 0).map(([, index]) => [index.table.name, index.foldedRows]);
  }

  /** How each relationship followed so far joined. */
  linkStats(): LinkStats[] {
    return [...this.#stats.values()];
  }
}
