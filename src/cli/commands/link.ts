// `edgefuse link A [B]`: entity resolution between two files (or duplicates within one), with
// the same code as the app's "Find matches": blocking, field comparisons, a Fellegi-Sunter
// model fitted by EM, clusters. Writes pairs.csv, clusters.csv and model.json into --out.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toCsv } from '../../lib/demo';
import { chooseBlocking, chooseComparisons, clusterPairs, comparison, linkSettings, linkTables, thresholdPoint, type FieldComparison } from '../../lib/fusion/link';
import type { FusionColumn, FusionTable } from '../../lib/fusion/types';
import { readFileTables } from '../fusion-tables';
import type { Command } from '../main';

const usage = `Usage: edgefuse link A [B] --out DIR [--fields F1,F2,...] [--threshold T]

Finds the records of A that describe the same entity as records of B (the same product in two
catalogues, the same customer in two lists), or duplicates within A when B is left out. Writes
into DIR:
  pairs.csv     a_row, b_row, probability: every compared pair at or above the threshold, best
                first (rows count from 0, the first data row)
  clusters.csv  entity, file (a or b), row: the entities the links form
  model.json    the fields compared, the fitted m/u per agreement level, statistics
and prints a JSON summary. A and B are read as the app reads them (CSV, JSON, NDJSON, Parquet,
xlsx, .gz/.zip); the first table of each file is used.

Options:
  -o, --out DIR      folder to write into (required)
  --fields F,...     columns to compare: "name" (same name in both) or "product_name=title";
                     default: chosen from the columns' types and roles (names, e-mails, phones,
                     titles, cities, dates, prices)
  --threshold T      match probability for a link, 0..1 (default 0.5)
  -h, --help         show this help`;

function comparisonFor(spec: string, left: FusionTable, right: FusionTable, auto: readonly FieldComparison[]): FieldComparison | string {
  const [a, b = a] = spec.split('=').map((s) => s.trim());
  if (!a || !b) return `'${spec}' is not a field: write NAME or LEFT=RIGHT.`;
  const l = left.columns.find((c) => c.name === a);
  const r = right.columns.find((c) => c.name === b);
  if (!l) return `${left.name} has no column '${a}' (it has ${left.columns.map((c) => c.name).join(', ')}).`;
  if (!r) return `${right.name} has no column '${b}' (it has ${right.columns.map((c) => c.name).join(', ')}).`;
  return auto.find((c) => c.left === a && c.right === b) ?? comparison({ name: a === b ? a : `${a}~${b}`, left: a, right: b, kind: kindOf(l) });
}

function kindOf(column: FusionColumn): FieldComparison['kind'] {
  if (['integer', 'float', 'decimal'].includes(column.type)) return 'numeric';
  if (column.type === 'date' || column.type === 'datetime') return 'date';
  if (column.type === 'text') return 'tfidf-tokens';
  return 'jaro-winkler';
}

export const linkCommand: Command = {
  summary: 'match records across two files, or find duplicates in one (pairs.csv, clusters.csv)',
  usage,
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args: [...args], allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, fields: { type: 'string' }, threshold: { type: 'string' } },
    });
    if (positionals.length < 1 || positionals.length > 2) return context.fail('Name one file (find duplicates) or two (match across them).');
    if (!values.out) return context.fail('--out DIR is required.');
    const threshold = values.threshold === undefined ? 0.5 : Number(values.threshold);
    if (!(threshold > 0 && threshold <= 1)) return context.fail(`--threshold must be above 0 and at most 1, got '${values.threshold}'.`);
    const [leftFile, rightFile] = positionals as [string, string | undefined];
    const leftTables = (await readFileTables(context.cwd, [leftFile])).tables;
    const rightTables = rightFile ? (await readFileTables(context.cwd, [rightFile])).tables : null;
    const left = leftTables[0];
    const right = rightTables ? rightTables[0] : null;
    if (!left || (rightTables && !right)) return context.fail(`No table found in ${!left ? leftFile : rightFile}.`);
    const auto = chooseComparisons(left, right ?? null);
    let comparisons = auto;
    if (values.fields) {
      comparisons = [];
      for (const spec of values.fields.split(',')) {
        const found = comparisonFor(spec, left, right ?? left, auto);
        if (typeof found === 'string') return context.fail(found);
        comparisons.push(found);
      }
    }
    if (comparisons.length === 0) return context.fail('No columns to compare were found: name them with --fields.');
    const settings = linkSettings({ comparisons, blocking: chooseBlocking(comparisons, Math.max(left.rowCount, right?.rowCount ?? 0)), threshold });
    const result = await linkTables(left, right ?? null, settings);
    const { pairs } = result;
    const kept = Array.from({ length: pairs.count }, (_, i) => i).filter((i) => pairs.probability[i]! >= threshold);
    kept.sort((x, y) => pairs.probability[y]! - pairs.probability[x]!);
    const entities = clusterPairs(pairs, threshold, settings.maxClusterSize, right === null, left.rowCount, (right ?? left).rowCount);
    const out = resolve(context.cwd, values.out);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'pairs.csv'), toCsv(['a_row', 'b_row', 'probability'], kept.map((i) => [pairs.a[i]!, pairs.b[i]!, Number(pairs.probability[i]!.toFixed(6))])));
    await writeFile(join(out, 'clusters.csv'), toCsv(['entity', 'file', 'row'], entities.flatMap((e) => e.members.map((m) => [e.id, right === null || m.side === 0 ? 'a' : 'b', m.row]))));
    await writeFile(join(out, 'model.json'), `${JSON.stringify({ comparisons, model: result.model, stats: result.stats }, null, 2)}\n`);
    const estimate = thresholdPoint(pairs.probability, threshold);
    context.out(`${JSON.stringify({
      out, a: left.name, b: right?.name ?? null, mode: result.mode, fields: comparisons.map((c) => `${c.left}${c.right !== c.left ? `=${c.right}` : ''} (${c.kind})`),
      pairsCompared: pairs.count, links: kept.length, entities: entities.length,
      estimatedPrecision: estimate.expectedPrecision, estimatedRecall: estimate.expectedRecall,
      files: ['pairs.csv', 'clusters.csv', 'model.json'],
    }, null, 2)}\n`);
    return 0;
  },
};
