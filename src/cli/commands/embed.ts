// `edgefuse embed --data FILE --text COL --out FILE`: USE-lite sentence embeddings of a text
// column, in batches, on the tfjs WASM backend; written as JSON or CSV.
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../main';
import { loadMl, loadPackagedUseLite, readOneTable } from '../ml-runtime';

const usage = `Usage: edgefuse embed --data FILE --text COL --out FILE [--batch N]

Embeds every row's text (column COL of the first table in FILE) with Universal Sentence
Encoder lite, on the device (tfjs WASM), and writes one 512-dimensional unit vector per row:
OUT.json as {"column", "dimensions", "embeddings": [[...], ...]}, or OUT.csv with columns
row, text, e0..e511. Prints a JSON summary.

Options:
  --data FILE   CSV/TSV, JSON, NDJSON, Parquet, xlsx, or .gz/.zip of these
  --text COL    the text column
  --out FILE    .json or .csv
  --batch N     texts per batch (default 32)
  -h, --help    show this help`;

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const embedCommand: Command = {
  summary: 'USE-lite sentence embeddings of a text column (JSON or CSV)',
  usage,
  async run(args, context) {
    const { values } = parseArgs({ args: [...args], options: { data: { type: 'string' }, text: { type: 'string' }, out: { type: 'string' }, batch: { type: 'string' } } });
    if (!values.data || !values.text || !values.out) return context.fail('--data, --text and --out are required.');
    const format = extname(values.out).toLowerCase();
    if (format !== '.json' && format !== '.csv') return context.fail(`--out must end in .json or .csv, got '${values.out}'.`);
    const batchSize = Number(values.batch ?? 32);
    if (!Number.isInteger(batchSize) || batchSize < 1) return context.fail(`--batch must be a positive integer, got '${values.batch}'.`);
    const table = await readOneTable(context.cwd, values.data);
    const column = table.columns.find((c) => c.name === values.text);
    if (!column) return context.fail(`${values.data} has no column '${values.text}'; it has ${table.columns.map((c) => c.name).join(', ')}.`);
    const texts = column.values.map((v) => (v === null ? '' : String(v)));
    const { tf } = await loadMl();
    const model = await loadPackagedUseLite();
    const embeddings: number[][] = [];
    let batches = 0;
    for (let i = 0; i < texts.length; i += batchSize, batches++) {
      const vectors = model.embed(texts.slice(i, i + batchSize));
      embeddings.push(...((await vectors.array()) as number[][]));
      vectors.dispose();
    }
    model.dispose();
    const out = resolve(context.cwd, values.out);
    const dimensions = embeddings[0]?.length ?? 512;
    if (format === '.json') await writeFile(out, JSON.stringify({ column: values.text, dimensions, embeddings }));
    else {
      const header = ['row', 'text', ...Array.from({ length: dimensions }, (_, d) => `e${d}`)].join(',');
      await writeFile(out, [header, ...embeddings.map((e, r) => [r, csvCell(texts[r] ?? ''), ...e.map((x) => x.toPrecision(7))].join(','))].join('\n') + '\n');
    }
    context.out(`${JSON.stringify({ rows: texts.length, emptyTexts: texts.filter((t) => t.trim() === '').length, dimensions, batches, backend: tf.getBackend(), out }, null, 2)}\n`);
    return 0;
  },
};
