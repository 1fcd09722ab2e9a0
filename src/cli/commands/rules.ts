// `edgefuse rules --data FILE (--basket COL --item COL | --wide)`: market-basket analysis.
// FP-Growth frequent itemsets, association rules with support, confidence, lift, leverage and
// conviction; prints a JSON summary with the top rules and writes every rule to rules.csv.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { basketsFromPairs, basketsFromWide, boughtTogether, mineRules, ruleMeasures, rulesDefaults, type AssociationRule, type RuleMeasure } from '../../lib/rules';
import { readFileTables } from '../fusion-tables';
import type { Command } from '../main';

const usage = `Usage: edgefuse rules --data FILE (--basket COL --item COL | --wide) [options]

Finds the itemsets bought together (FP-Growth) and the association rules among them, on the
first table of FILE. Baskets come either from two columns, one row per (basket, item) such as
order lines, or from a wide table with one row per basket and one 0/1 column per item (--wide;
columns that are not all 0/1 are ignored). Prints JSON: counts, itemsets by size, the top rules
and, with --together, what is frequently bought with an item. Writes every rule to rules.csv.

Options:
  --basket COL          the basket column (order id, household)
  --item COL            the item column (product)
  --wide                one row per basket, one 0/1 column per item
  --min-support S       share of baskets an itemset must be in (default ${rulesDefaults.minSupport})
  --min-confidence C    smallest P(consequent | antecedent) (default ${rulesDefaults.minConfidence})
  --min-lift L          smallest lift (default ${rulesDefaults.minLift})
  --max-size K          largest itemset, antecedent plus consequent (default ${rulesDefaults.maxSize})
  --sort M              ${ruleMeasures.join(', ')} (default ${rulesDefaults.sortBy})
  --top N               rules printed (default 20; rules.csv has them all)
  --together ITEMS      comma-separated items of a cart: what the rules suggest adding
  --out DIR             folder for rules.csv (default: the current folder)
  -h, --help            show this help`;

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const round = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : null); // JSON has no Infinity: conviction ∞ prints as null

export const rulesCommand: Command = {
  summary: 'basket rules: FP-Growth itemsets, association rules by lift, bought-together (JSON + rules.csv)',
  usage,
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        basket: { type: 'string' },
        item: { type: 'string' },
        wide: { type: 'boolean' },
        'min-support': { type: 'string' },
        'min-confidence': { type: 'string' },
        'min-lift': { type: 'string' },
        'max-size': { type: 'string' },
        sort: { type: 'string' },
        top: { type: 'string' },
        together: { type: 'string' },
        out: { type: 'string' },
      },
    });
    if (!values.data) return context.fail('--data is required.');
    if (values.wide === (values.basket !== undefined || values.item !== undefined)) return context.fail('Give either --basket and --item, or --wide.');
    if (!values.wide && (!values.basket || !values.item)) return context.fail('--basket and --item go together.');
    const top = Number(values.top ?? 20);
    if (!Number.isInteger(top) || top < 0) return context.fail('--top must be an integer ≥ 0.');
    if (values.sort !== undefined && !(ruleMeasures as readonly string[]).includes(values.sort)) return context.fail(`--sort must be one of ${ruleMeasures.join(', ')}.`);
    // Bad numbers (NaN included) are refused by rulesConfig, with the setting named.
    const number = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
    const settings = {
      minSupport: number(values['min-support'], rulesDefaults.minSupport),
      minConfidence: number(values['min-confidence'], rulesDefaults.minConfidence),
      minLift: number(values['min-lift'], rulesDefaults.minLift),
      maxSize: number(values['max-size'], rulesDefaults.maxSize),
      sortBy: (values.sort ?? rulesDefaults.sortBy) as RuleMeasure,
    };

    const started = performance.now();
    const { tables } = await readFileTables(context.cwd, [values.data]);
    const table = tables[0];
    if (!table) return context.fail(`${values.data} holds no table.`);
    const column = (name: string) => table.columns.find((c) => c.name === name);
    let ignored: string[] = [];
    let baskets;
    if (values.wide) ({ baskets, ignored } = basketsFromWide(table.columns));
    else {
      const [basket, item] = [column(values.basket as string), column(values.item as string)];
      const missing = [values.basket, values.item].filter((_, i) => ![basket, item][i]);
      if (missing.length > 0) return context.fail(`${values.data} has no column ${missing.map((m) => `'${m}'`).join(' or ')}; it has ${table.columns.map((c) => c.name).join(', ')}.`);
      baskets = basketsFromPairs((basket as typeof table.columns[number]).values, (item as typeof table.columns[number]).values);
    }
    const mined = mineRules(baskets, settings);
    const name = (ids: readonly number[]) => ids.map((i) => baskets.items[i] as string);
    const describe = (r: AssociationRule) => ({
      antecedent: name(r.antecedent), consequent: name(r.consequent), count: r.count,
      support: round(r.support), confidence: round(r.confidence), lift: round(r.lift), leverage: round(r.leverage), conviction: round(r.conviction),
    });

    const out = resolve(context.cwd, values.out ?? '.');
    await mkdir(out, { recursive: true });
    const header = 'antecedent,consequent,antecedent_size,consequent_size,count,support,confidence,lift,leverage,conviction';
    const lines = mined.rules.map((r) => [
      csvCell(name(r.antecedent).join(' + ')), csvCell(name(r.consequent).join(' + ')), r.antecedent.length, r.consequent.length, r.count,
      r.support.toPrecision(6), r.confidence.toPrecision(6), r.lift.toPrecision(6), r.leverage.toPrecision(6), Number.isFinite(r.conviction) ? r.conviction.toPrecision(6) : 'inf',
    ].join(','));
    await writeFile(join(out, 'rules.csv'), [header, ...lines].join('\n') + '\n');

    let together: unknown;
    if (values.together !== undefined) {
      const cart = values.together.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const unknown = cart.filter((item) => !baskets.items.includes(item));
      if (unknown.length > 0) return context.fail(`--together names items that are in no basket: ${unknown.join(', ')}.`);
      together = { cart, suggestions: boughtTogether(mined.rules, cart.map((item) => baskets.items.indexOf(item)), 10).map((s) => ({ item: baskets.items[s.item], confidence: round(s.confidence), lift: round(s.lift), because: describe(s.rule) })) };
    }
    const bySize: Record<string, number> = {};
    for (const s of mined.itemsets) bySize[s.items.length] = (bySize[s.items.length] ?? 0) + 1;
    context.out(`${JSON.stringify({
      data: values.data,
      layout: values.wide ? 'wide' : 'long',
      ...(ignored.length > 0 ? { ignoredColumns: ignored } : {}),
      baskets: mined.baskets,
      items: baskets.items.length,
      meanBasketSize: round(baskets.itemIds.length / Math.max(1, mined.baskets)),
      settings: { ...settings, minCount: mined.minCount },
      itemsets: { total: mined.itemsets.length, bySize },
      rules: mined.rules.length,
      topRules: mined.rules.slice(0, top).map(describe),
      ...(together === undefined ? {} : { together }),
      csv: join(out, 'rules.csv'),
      seconds: round((performance.now() - started) / 1000),
    }, null, 2)}\n`);
    return 0;
  },
};
