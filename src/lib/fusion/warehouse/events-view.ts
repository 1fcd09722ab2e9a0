// The events view: every interaction with a time, one row each. Orders (their total), order
// lines (quantity, unit price, amount), reviews written and products clicked in search. Keys
// are the canonical keys of the customers and products views, so events join to them as is;
// amounts keep their own currency (a US order's `$8.25` stays USD).
import { nameTokens } from '../../profile';
import type { FusionColumn } from '../types';
import { numberOrNull, readAmounts, readNumbers } from './column-readers';
import { factRowsToEmit, resolveFact } from './fact-rows';
import type { JoinContext } from './join-context';
import type { FactKind, FactPlan } from './layout';
import type { EventKind, ViewValue, WarehouseView } from './types';
import { ViewBuilder } from './view-builder';

export const eventColumns = ['kind', 'customer_key', 'product_key', 'order_key', 'time', 'quantity', 'unit_price', 'amount', 'currency'] as const;

const eventKindOf: Record<FactKind, EventKind> = { order: 'order', 'order-line': 'order-line', review: 'review', search: 'search-click' };
const kindOrder: readonly FactKind[] = ['order', 'order-line', 'review', 'search'];

/** A price column named like a total (`line_total`, `amount`) holds the line's amount, not a unit price. */
function isTotalColumn(column: FusionColumn): boolean {
  return nameTokens(column.name).some((t) => t === 'total' || t === 'subtotal' || t === 'amount');
}

/** Quantity, unit price, amount and currency of each row of a fact table. */
function moneyOf(plan: FactPlan, context: JoinContext): (row: number) => ViewValue[] {
  const quantityColumn = plan.table.columns.find((c) => c.role === 'quantity');
  const priceColumn = plan.table.columns.find((c) => c.role === 'price');
  const quantity = quantityColumn ? readNumbers(quantityColumn) : null;
  const price = priceColumn ? readAmounts(priceColumn) : null;
  const priceIsTotal = plan.kind === 'order' || (priceColumn !== undefined && isTotalColumn(priceColumn));
  return (row) => {
    const q = numberOrNull(quantity?.[row]);
    const p = numberOrNull(price?.amount[row]);
    const unit = priceIsTotal ? (p !== null && q ? p / q : null) : p;
    const amount = priceIsTotal ? p : p !== null && q !== null ? Math.round(p * q * 100) / 100 : null;
    const currency = p === null ? null : context.currencyOf(price?.currency[row] ?? null);
    return [q, unit, amount, currency];
  };
}

/** Events for the given fact plans, in kind order, then table order, then row order. */
export function buildEventsView(facts: readonly FactPlan[], context: JoinContext): WarehouseView {
  const view = new ViewBuilder('events', eventColumns);
  const ordered = [...facts].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
  for (const plan of ordered) {
    const fact = resolveFact(plan, context);
    const money = moneyOf(plan, context);
    const kind = eventKindOf[plan.kind];
    for (const row of factRowsToEmit(plan, context)) {
      const productKey = fact.productKey(row);
      // A search is an interaction with a product only when a result was clicked.
      if (plan.kind === 'search' && productKey === null) continue;
      const interaction = plan.kind === 'order' || plan.kind === 'order-line';
      fact.addLineage(view, row);
      view.row([kind, fact.customerKey(row), productKey, fact.orderKey(row), numberOrNull(fact.time[row]), ...(interaction ? money(row) : [null, null, null, null])]);
    }
  }
  return view.result();
}
