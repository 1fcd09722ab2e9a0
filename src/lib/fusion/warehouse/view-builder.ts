// Builds one view column by column: cells go straight into per-column arrays and each row's
// sources into the lineage, so no row objects are made.
import { invariant } from '../../errors';
import type { FusionTable } from '../types';
import { LineageBuilder } from './lineage';
import type { ViewName, ViewValue, WarehouseView } from './types';

export class ViewBuilder {
  readonly name: ViewName;
  readonly #names: string[];
  readonly #values: ViewValue[][];
  readonly #lineage = new LineageBuilder();
  #rowCount = 0;

  constructor(name: ViewName, columnNames: readonly string[]) {
    invariant(new Set(columnNames).size === columnNames.length, `duplicate column in view ${name}`);
    this.name = name;
    this.#names = columnNames.slice();
    this.#values = columnNames.map(() => []);
  }

  get rowCount(): number {
    return this.#rowCount;
  }

  /** Index of a source table in this view's lineage. */
  source(table: FusionTable): number {
    return this.#lineage.tableIndex(table);
  }

  /** Adds a source row to the row being built. */
  from(tableIndex: number, row: number): this {
    this.#lineage.add(tableIndex, row);
    return this;
  }

  /** Ends the row being built with its cells, in column order. */
  row(cells: readonly ViewValue[]): void {
    invariant(cells.length === this.#names.length, `view ${this.name} row has ${cells.length} cells`);
    for (let c = 0; c < cells.length; c++) this.#values[c]!.push(cells[c] ?? null);
    this.#lineage.endRow();
    this.#rowCount++;
  }

  result(): WarehouseView {
    return {
      name: this.name,
      rowCount: this.#rowCount,
      columns: this.#names.map((name, c) => ({ name, values: this.#values[c]! })),
      lineage: this.#lineage.result(),
    };
  }
}

/** A view column's values by name; throws `internal` when it is missing. */
export function viewColumn(view: WarehouseView, name: string): ViewValue[] {
  const column = view.columns.find((c) => c.name === name);
  invariant(column, `view ${view.name} has no column ${name}`);
  return column.values;
}
