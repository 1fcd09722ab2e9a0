// The "Basket rules" job: baskets from a source (long: a basket column and an item column, such
// as order lines; or wide: one 0/1 column per item), FP-Growth, the rules, and a finding the
// Discover page shows: the rules with item names (titles from a product source when given), and
// the numbers behind each.
import { AppError } from '../errors';
import { readSourceTable } from '../fusion/read-store-tables';
import type { FusionTable } from '../fusion/types';
import type { JobHandler } from '../jobs';
import { getSource, saveFinding, type EdgeFuseDb } from '../store';
import { basketCount, basketsFromPairs, basketsFromWide, type Baskets } from './baskets';
import { mineRules, type RulesConfig } from './mine-rules';

export interface RulesParams {
  workspaceId: string;
  sourceId: string;
  /** long: basketColumn + itemColumn; wide: every 0/1 column is an item. */
  layout: 'long' | 'wide';
  basketColumn?: string;
  itemColumn?: string;
  /** Names to show for item ids: a source, its key column and its name column. */
  itemNames?: { sourceId: string; keyColumn: string; nameColumn: string } | null;
  config?: Partial<Pick<RulesConfig, 'minSupport' | 'minConfidence' | 'minLift' | 'maxSize'>>;
}

/** A rule as stored: item names, not ids, so the page needs nothing else to show it. */
export interface StoredRule {
  antecedent: string[];
  consequent: string[];
  count: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  /** null stands for infinity (confidence 1), which JSON cannot hold. */
  conviction: number | null;
}

export interface RulesFinding {
  baskets: number;
  items: number;
  minCount: number;
  itemsets: number;
  /** Rules found in all; `rules` keeps the best `keptRules` by lift. */
  ruleCount: number;
  rules: StoredRule[];
  config: RulesConfig;
  source: string;
}

/** Enough for browsing and filtering; a store of hundreds of thousands of rules helps nobody. */
const keptRules = 2000;

const column = (table: FusionTable, name: string | undefined, what: string) => {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new AppError('input-malformed', `${table.name} has no ${what} column "${name ?? ''}".`, { column: name ?? '' });
  return found;
};

export function rulesJob(db: EdgeFuseDb): JobHandler<RulesParams, { findingId: string; rules: number }> {
  return async (ctx) => {
    const { workspaceId, sourceId, layout, basketColumn, itemColumn, itemNames, config } = ctx.params;
    const source = await getSource(db, sourceId);
    ctx.progress(0, 3, 'steps', `Reading ${source.name}`);
    const table = await readSourceTable(db, source, { signal: ctx.signal });
    let baskets: Baskets;
    if (layout === 'wide') baskets = basketsFromWide(table.columns).baskets;
    else baskets = basketsFromPairs(column(table, basketColumn, 'basket').values, column(table, itemColumn, 'item').values);
    ctx.signal.throwIfAborted();

    ctx.progress(1, 3, 'steps', `Mining ${basketCount(baskets)} baskets`);
    const mined = mineRules(baskets, config ?? {});
    const names = itemNames ? await nameLookup(db, itemNames, ctx.signal) : null;
    const label = (id: number) => {
      const item = baskets.items[id] ?? String(id);
      const name = names?.get(item);
      return name ? `${name} (${item})` : item;
    };

    ctx.progress(2, 3, 'steps', 'Storing the rules');
    const result: RulesFinding = {
      baskets: mined.baskets, items: baskets.items.length, minCount: mined.minCount, itemsets: mined.itemsets.length, ruleCount: mined.rules.length,
      rules: mined.rules.slice(0, keptRules).map((r) => ({
        antecedent: r.antecedent.map(label), consequent: r.consequent.map(label), count: r.count, support: r.support, confidence: r.confidence,
        lift: r.lift, leverage: r.leverage, conviction: Number.isFinite(r.conviction) ? r.conviction : null,
      })),
      config: mined.config, source: source.name,
    };
    const finding = await saveFinding(db, { workspaceId, kind: 'rules', jobId: ctx.jobId, params: { ...ctx.params }, result: { ...result } });
    ctx.summarise({ baskets: result.baskets, itemsets: result.itemsets, rules: result.ruleCount });
    ctx.progress(3, 3, 'steps', 'Done');
    return { findingId: finding.id, rules: result.ruleCount };
  };
}

async function nameLookup(db: EdgeFuseDb, spec: NonNullable<RulesParams['itemNames']>, signal: AbortSignal): Promise<Map<string, string>> {
  const table = await readSourceTable(db, await getSource(db, spec.sourceId), { signal });
  const keys = column(table, spec.keyColumn, 'key').values;
  const names = column(table, spec.nameColumn, 'name').values;
  const out = new Map<string, string>();
  keys.forEach((k, i) => k !== null && names[i] !== null && names[i] !== undefined && out.set(String(k).trim(), String(names[i])));
  return out;
}
