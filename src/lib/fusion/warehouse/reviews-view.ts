// The reviews view: one row per review (repeated rows with the same review id count once),
// with the product and customer it is about, the star rating, its text and when it was written.
import { numberOrNull, readNumbers, viewValue } from './column-readers';
import { factRowsToEmit, resolveFact } from './fact-rows';
import type { JoinContext } from './join-context';
import type { FactPlan } from './layout';
import type { WarehouseView } from './types';
import { ViewBuilder } from './view-builder';

export const reviewColumns = ['review_key', 'product_key', 'customer_key', 'rating', 'title', 'text', 'time'] as const;

export function buildReviewsView(facts: readonly FactPlan[], context: JoinContext): WarehouseView {
  const view = new ViewBuilder('reviews', reviewColumns);
  for (const plan of facts) {
    if (plan.kind !== 'review') continue;
    const { table } = plan;
    const fact = resolveFact(plan, context);
    const column = (role: string) => table.columns.find((c) => c.role === role);
    const ratingColumn = column('rating');
    const rating = ratingColumn ? readNumbers(ratingColumn) : null;
    const title = column('title')?.values;
    const text = column('review-text')?.values;
    const key = plan.keyColumn ? table.columns.find((c) => c.name === plan.keyColumn)?.values : undefined;
    for (const row of factRowsToEmit(plan, context)) {
      fact.addLineage(view, row);
      view.row([
        // Without an id column a review is named by its table and row.
        viewValue(key?.[row]) ?? `${table.name}#${table.rowIds?.[row] ?? row}`,
        fact.productKey(row),
        fact.customerKey(row),
        numberOrNull(rating?.[row]),
        viewValue(title?.[row]),
        viewValue(text?.[row]),
        numberOrNull(fact.time[row]),
      ]);
    }
  }
  return view.result();
}
