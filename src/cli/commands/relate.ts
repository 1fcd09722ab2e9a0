// `edgefuse relate FILE...`: how the tables of these files join, as JSON. Every table (sheets,
// zip entries included) is read and typed as the app's import does, then relationship discovery
// runs over all of them: the same code as the app's "Discover relationships".
import { parseArgs } from 'node:util';
import { discoverRelationships } from '../../lib/fusion/relate';
import { readFileTables } from '../fusion-tables';
import type { Command } from '../main';

const usage = `Usage: edgefuse relate FILE... [--min-score S]

Reads every table of every FILE (CSV/TSV, JSON, NDJSON, Parquet, xlsx, .gz/.zip of these) and
prints, as JSON, the relationships discovered between them, best first: from-file, from-column,
to-file, to-column, containment (share of from-values found in to), reverse containment,
cardinality (n:1 = many from-rows per to-row), how the keys match (exact, normalised, fuzzy),
score, example value pairs and the evidence.

Options:
  --min-score S   leave out relationships scoring below S (0..1; default: discovery's own cut-off)
  -h, --help      show this help`;

export const relateCommand: Command = {
  summary: 'discover how the tables of several files join (JSON)',
  usage,
  async run(args, context) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { 'min-score': { type: 'string' } } });
    if (positionals.length === 0) return context.fail('Name at least one FILE.');
    const minScore = values['min-score'] === undefined ? 0 : Number(values['min-score']);
    if (!(minScore >= 0 && minScore <= 1)) return context.fail(`--min-score must be between 0 and 1, got '${values['min-score']}'.`);
    const { tables, fileOf } = await readFileTables(context.cwd, positionals);
    const relationships = discoverRelationships(tables).filter((r) => r.score >= minScore);
    context.out(`${JSON.stringify(relationships.map((r) => ({
      fromFile: fileOf.get(r.from.table) ?? r.from.table,
      fromTable: r.from.table,
      fromColumn: r.from.column,
      toFile: fileOf.get(r.to.table) ?? r.to.table,
      toTable: r.to.table,
      toColumn: r.to.column,
      containment: r.containment,
      reverseContainment: r.reverseContainment,
      cardinality: r.cardinality,
      keyMatch: r.keyMatch,
      score: r.score,
      examples: r.examples,
      evidence: r.evidence,
    })), null, 2)}\n`);
    return 0;
  },
};
