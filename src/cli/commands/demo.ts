// `edgefuse demo`: writes the built-in demo shop to a folder, with its ground truth, so the other
// commands (and people) have realistic messy data to try without uploading anything.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { defaultSeed, generateDemoShop, type DemoFile } from '../../lib/demo';
import type { Command } from '../main';

export interface DemoSummary {
  out: string;
  seed: number;
  scale: number;
  files: { name: string; bytes: number; rows: number }[];
  truth: { name: string; bytes: number };
}

/** Data rows, as a reader would count them: CSV records after the header, array items, NDJSON lines. */
function countRows(file: DemoFile): number {
  switch (file.mediaType) {
    case 'text/csv':
      return Math.max(0, Papa.parse(file.text, { skipEmptyLines: true }).data.length - 1);
    case 'application/json': {
      const parsed: unknown = JSON.parse(file.text);
      return Array.isArray(parsed) ? parsed.length : 1;
    }
    case 'application/x-ndjson':
      return file.text.split('\n').filter((line) => line.trim() !== '').length;
  }
}

const usage = `Usage: edgefuse demo --out DIR [--seed N] [--scale F]

Writes the built-in demo shop into DIR (created if missing): customers.csv, products.json,
supplier_catalogue.csv, orders.csv, order_lines.csv, reviews.ndjson, search_log.csv, and
ground_truth.json with the planted relationships, duplicates and patterns.
Prints a JSON summary of what it wrote.

Options:
  -o, --out DIR    folder to write into (required)
  --seed N         integer seed; the same seed gives identical files (default ${defaultSeed})
  --scale F        multiplies every row count, above 0 and at most 100 (default 1: ~2,000 customers,
                   ~5,000 orders, ~3,000 reviews)
  -h, --help       show this help`;

export const demoCommand: Command = {
  summary: 'write the built-in demo shop (7 files + ground truth) to a folder',
  usage,
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        out: { type: 'string', short: 'o' },
        seed: { type: 'string' },
        scale: { type: 'string' },
      },
    });
    if (values.out === undefined || values.out === '') return context.fail('--out DIR is required.');
    const seedText = values.seed ?? String(defaultSeed);
    if (!/^-?\d+$/.test(seedText)) return context.fail(`--seed must be an integer, got '${seedText}'.`);
    const scaleText = values.scale ?? '1';
    const scale = Number(scaleText);
    if (!/^\d*\.?\d+$/.test(scaleText) || scale <= 0 || scale > 100) {
      return context.fail(`--scale must be a number above 0 and at most 100, got '${scaleText}'.`);
    }
    const seed = Number(seedText);

    const shop = generateDemoShop({ seed, scale });
    const out = resolve(context.cwd, values.out);
    await mkdir(out, { recursive: true });
    const files: DemoSummary['files'] = [];
    for (const file of shop.files) {
      await writeFile(join(out, file.name), file.text, 'utf8');
      files.push({ name: file.name, bytes: Buffer.byteLength(file.text, 'utf8'), rows: countRows(file) });
    }
    const truthText = `${JSON.stringify(shop.truth, null, 2)}\n`;
    await writeFile(join(out, 'ground_truth.json'), truthText, 'utf8');
    const summary: DemoSummary = {
      out, seed, scale, files, truth: { name: 'ground_truth.json', bytes: Buffer.byteLength(truthText, 'utf8') },
    };
    context.out(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  },
};
