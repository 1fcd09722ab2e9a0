// The searches view: one row per logged query, with its time, the session it belongs to, the
// product clicked in its results (if any) and the customer (when the log knows them).
import { nameTokens } from '../../profile';
import { numberOrNull, viewValue } from './column-readers';
import { resolveFact } from './fact-rows';
import type { JoinContext } from './join-context';
import type { FactPlan } from './layout';
import type { WarehouseView } from './types';
import { ViewBuilder } from './view-builder';

export const searchColumns = ['query', 'time', 'session', 'product_key', 'customer_key'] as const;

const sessionWords = ['session', 'visit'];

export function buildSearchesView(facts: readonly FactPlan[], context: JoinContext): WarehouseView {
  const view = new ViewBuilder('searches', searchColumns);
  for (const plan of facts) {
    if (plan.kind !== 'search') continue;
    const { table } = plan;
    const fact = resolveFact(plan, context);
    const query = table.columns.find((c) => c.role === 'query-text')!.values;
    // No role says "session"; its name does (`session_id`, `visitId`).
    const session = table.columns.find((c) => nameTokens(c.name).some((t) => sessionWords.includes(t)))?.values;
    for (let row = 0; row < table.rowCount; row++) {
      fact.addLineage(view, row);
      view.row([viewValue(query[row]), numberOrNull(fact.time[row]), viewValue(session?.[row]), fact.productKey(row), fact.customerKey(row)]);
    }
  }
  return view.result();
}
