// Lineage: every view row lists the source rows it was read from. Stored flat in Int32Arrays
// (offsets per view row, then table index and row number per entry) because a view has as
// many rows as its sources, and an object per row would dwarf the data it explains.
import type { FusionTable } from '../types';
import type { Lineage, LineageTable, SourceRow, WarehouseView } from './types';

export class LineageBuilder {
  readonly #tables: LineageTable[] = [];
  readonly #tableIndex = new Map<string, number>();
  readonly #rowIds: (Int32Array | undefined)[] = [];
  #offsets: number[] = [0];
  #table: number[] = [];
  #row: number[] = [];

  /** Registers a source table once; returns its index for `add`. */
  tableIndex(table: FusionTable): number {
    let index = this.#tableIndex.get(table.name);
    if (index === undefined) {
      index = this.#tables.length;
      this.#tables.push({ id: table.id, name: table.name });
      this.#rowIds.push(table.rowIds);
      this.#tableIndex.set(table.name, index);
    }
    return index;
  }

  /** Adds one source row (a row index of the FusionTable) to the view row being built. */
  add(tableIndex: number, row: number): void {
    this.#table.push(tableIndex);
    // Lineage points at stored rows: cleaning may have dropped some, then rowIds maps them.
    this.#row.push(this.#rowIds[tableIndex]?.[row] ?? row);
  }

  /** Closes the current view row. */
  endRow(): void {
    this.#offsets.push(this.#table.length);
  }

  result(): Lineage {
    return {
      tables: this.#tables.slice(),
      offsets: Int32Array.from(this.#offsets),
      table: Int32Array.from(this.#table),
      row: Int32Array.from(this.#row),
    };
  }
}

/** The source rows of one view row. */
export function lineageOf(view: Pick<WarehouseView, 'lineage'>, row: number): SourceRow[] {
  const { tables, offsets, table, row: rows } = view.lineage;
  const out: SourceRow[] = [];
  const end = offsets[row + 1] ?? 0;
  for (let i = offsets[row] ?? 0; i < end; i++) {
    const source = tables[table[i]!];
    if (source) out.push({ table: source.name, tableId: source.id, row: rows[i]! });
  }
  return out;
}
