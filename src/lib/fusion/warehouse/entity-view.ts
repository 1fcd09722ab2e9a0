// The customers and products views: one row per entity of the home table. Duplicate rows and
// rows entity resolution merged become one row whose fields take the first present value
// (in row order) and whose lineage lists every row. Columns: the canonical key, the standard
// fields found by role, the home table's other columns as written, then the columns of tables
// linked in by entity resolution (a supplier's cost for each product), prefixed by table.
// Without a home table the view lists the keys the facts name (fact-entity-view.ts).
import type { Role } from '../../profile';
import type { FusionColumn, FusionTable } from '../types';
import { isCurrencyColumn, numberOrNull, readAmounts, readCurrencyCodes, viewValue } from './column-readers';
import type { JoinContext } from './join-context';
import type { EntityHome } from './layout';
import type { ViewName, ViewValue, WarehouseView } from './types';
import { ViewBuilder } from './view-builder';

interface EntityField {
  name: string;
  role: Role;
  /** `text` as written, `amount` a number (plus a `currency` column), `earliest` the first time. */
  read: 'text' | 'amount' | 'earliest';
}

export interface EntitySpec {
  view: Extract<ViewName, 'customers' | 'products'>;
  keyName: string;
  fields: EntityField[];
}

export const customerSpec: EntitySpec = {
  view: 'customers',
  keyName: 'customer_key',
  fields: [
    { name: 'name', role: 'name', read: 'text' },
    { name: 'email', role: 'email', read: 'text' },
    { name: 'country', role: 'country', read: 'text' },
    { name: 'city', role: 'city', read: 'text' },
    { name: 'first_seen', role: 'event-time', read: 'earliest' },
  ],
};

export const productSpec: EntitySpec = {
  view: 'products',
  keyName: 'product_key',
  fields: [
    { name: 'title', role: 'title', read: 'text' },
    { name: 'category', role: 'category', read: 'text' },
    { name: 'price', role: 'price', read: 'amount' },
    { name: 'description', role: 'description', read: 'text' },
  ],
};

/** Reads one output column's value for a group of source rows. */
type GroupReader = (rows: readonly number[]) => ViewValue;

const firstPresent = (values: readonly ViewValue[]): GroupReader => (rows) => {
  for (const row of rows) if (values[row] != null) return values[row]!;
  return null;
};

function uniqueName(name: string, taken: Set<string>, table: FusionTable): string {
  const out = taken.has(name) ? `${name} (${table.name})` : name;
  taken.add(out);
  return out;
}

/** An amount column as two readers (number, currency) that agree on the row they read. */
function amountReaders(column: FusionColumn, currencyColumn: FusionColumn | undefined, context: JoinContext): [GroupReader, GroupReader] {
  const { amount, currency } = readAmounts(column);
  const codes = currencyColumn ? readCurrencyCodes(currencyColumn) : null;
  const pick = (rows: readonly number[]): number => rows.find((row) => !Number.isNaN(amount[row]!)) ?? -1;
  return [
    (rows) => numberOrNull(amount[pick(rows)]),
    (rows) => {
      const row = pick(rows);
      return row < 0 ? null : context.currencyOf(codes?.[row] ?? currency[row] ?? null);
    },
  ];
}

/** Output columns (name and reader) for a table's columns, skipping those in `used`. */
function columnReaders(table: FusionTable, prefix: string, used: ReadonlySet<string>, taken: Set<string>, context: JoinContext): [string, GroupReader][] {
  const out: [string, GroupReader][] = [];
  for (const column of table.columns) {
    if (used.has(column.name)) continue;
    const name = uniqueName(prefix + column.name, taken, table);
    if (column.role === 'price') {
      const [amount, currency] = amountReaders(column, undefined, context);
      out.push([name, amount], [uniqueName(`${name}.currency`, taken, table), currency]);
    } else {
      out.push([name, firstPresent(column.values.map(viewValue))]);
    }
  }
  return out;
}

/** The columns every customers / products view has, whatever it was built from. */
export function standardColumns(spec: EntitySpec): string[] {
  const hasAmount = spec.fields.some((f) => f.read === 'amount');
  return [spec.keyName, ...spec.fields.map((f) => f.name), ...(hasAmount ? ['currency'] : [])];
}

export function buildEntityView(spec: EntitySpec, home: EntityHome, context: JoinContext): WarehouseView {
  const hasAmount = spec.fields.some((f) => f.read === 'amount');
  const { table } = home;
  const index = context.homeIndex(home);
  const used = new Set([home.keyColumn]);
  const readers: [string, GroupReader][] = [[spec.keyName, (rows) => index.keyOf(index.groupOf[rows[0]!]!)]];
  const currencyColumn = table.columns.find((c) => c.type === 'categorical' && c.role === 'none' && isCurrencyColumn(c));
  let currencyReader: GroupReader = () => null;
  for (const field of spec.fields) {
    const column = table.columns.find((c) => c.role === field.role && !used.has(c.name));
    if (!column) {
      readers.push([field.name, () => null]);
      continue;
    }
    used.add(column.name);
    if (field.read === 'amount') {
      const [amount, currency] = amountReaders(column, currencyColumn, context);
      if (currencyColumn) used.add(currencyColumn.name);
      readers.push([field.name, amount]);
      currencyReader = currency;
    } else if (field.read === 'earliest') {
      const times = context.times(table, column.name);
      readers.push([field.name, (rows) => {
        let earliest = Infinity;
        for (const row of rows) if (times[row]! < earliest) earliest = times[row]!; // NaN never is
        return Number.isFinite(earliest) ? earliest : null;
      }]);
    } else {
      readers.push([field.name, firstPresent(column.values.map(viewValue))]);
    }
  }
  if (hasAmount) readers.push(['currency', currencyReader]);
  const taken = new Set(readers.map(([name]) => name));
  readers.push(...columnReaders(table, '', used, taken, context));

  // Linked tables: their rows grouped by the home group they were matched to.
  const linked = home.linked.map(({ table: linkedTable, assignment }) => {
    const rowsOfGroup: number[][] = index.groups.map(() => []);
    assignment.entityOfRow.forEach((target, row) => {
      if (target >= 0 && target < table.rowCount) rowsOfGroup[index.groupOf[target]!]!.push(row);
    });
    const prefix = `${linkedTable.name.replace(/\.[^.]+$/, '')}.`;
    return { table: linkedTable, rowsOfGroup, readers: columnReaders(linkedTable, prefix, new Set(), taken, context) };
  });

  const view = new ViewBuilder(spec.view, [...readers.map(([name]) => name), ...linked.flatMap((l) => l.readers.map(([name]) => name))]);
  const self = view.source(table);
  const linkedSources = linked.map((l) => view.source(l.table));
  index.groups.forEach((rows, group) => {
    for (const row of rows) view.from(self, row);
    const cells = readers.map(([, read]) => read(rows));
    linked.forEach((l, i) => {
      const linkedRows = l.rowsOfGroup[group]!;
      for (const row of linkedRows) view.from(linkedSources[i]!, row);
      for (const [, read] of l.readers) cells.push(linkedRows.length > 0 ? read(linkedRows) : null);
    });
    view.row(cells);
  });
  return view.result();
}
