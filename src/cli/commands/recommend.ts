// `edgefuse recommend --data FILE --user COL --item COL --protocol P --out DIR`: every recommender
// and baseline under one evaluation protocol, printed as JSON; then the best model refitted on all
// interactions writes each user's recommendations with reasons, "customers also bought" and
// similar items to DIR. With --items, item text (USE-lite) drives the text-aware models and the
// cold-start protocol. Works on any interaction table: purchases, ratings, clicks.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FusionTable } from '../../lib/fusion/types';
import * as rec from '../../lib/recommend';
import type { CellValue } from '../../lib/store';
import type { Command } from '../main';
import { loadMl, loadPackagedUseLite, readOneTable } from '../ml-runtime';

const usage = `Usage: edgefuse recommend --data FILE --user COL --item COL --protocol P --out DIR [options]

Trains and evaluates recommenders on the device (typed arrays; SASRec on tfjs WASM) and prints
JSON: for each model and baseline, rmse and mae (random-80-20, needs --rating) or hr@K, ndcg@K
and mrr over the FULL catalogue (leave-last-out), plus coverage and popularity bias of the top-K
lists. Duplicate (user, item) rows are merged: mean rating, count of repeats, first time.
Writes to DIR: report.json, recommendations.csv (the best model refitted on all interactions,
with reasons), also-bought.csv and similar-items.csv.

Protocols:
  random-80-20    20% of interactions (seeded) held out; rating RMSE and MAE
  leave-last-out  each user's last interaction by time held out (users with one stay in train)
  cold-items      run as well when --items gives text: 10% of the items lose all interactions

Options:
  --data FILE          interactions: CSV/TSV, JSON, NDJSON, Parquet, xlsx, or .gz/.zip of these
  --user COL, --item COL
  --rating COL         explicit rating (needed by random-80-20)
  --time COL           time of the interaction (default: row order)
  --join FILE --on COL add FILE's columns to each row with the same COL (order lines + orders)
  --items FILE         the catalogue; with --item-key COL (default: --item) and
  --item-text COLS     comma-separated text columns (title,description) embedded with USE-lite
  --protocol P         random-80-20 or leave-last-out (required)
  --out DIR            where to write (required)
  --k N                cut-off of the ranking figures and list length (default 10)
  --models LIST        comma-separated models to run (baselines always run); default all:
                       ranking: item-knn, als, als-text, sasrec; ratings: biased-mf, svd++, mf-text
  --recommend-with M   the model that writes recommendations.csv (default: the best evaluated)
  --no-tune            fixed settings instead of choosing them on a validation split of train
                       (leave-last-out: each user's second-to-last item; random-80-20: 10% of
                       train); chosen values are in each model's notes (tuned, fits, validation*)
  --normalise-ids      read ids as the same when only case, padding or prefix differs (C-012 = c-12)
  --min-rating X       drop interactions rated below X
  --sasrec-epochs N    most SASRec epochs (default 40, early-stopped on validation)
  --seed N             seed of splits and training (default 1)
  -h, --help           show this help`;

const csvCell = (value: string | number) => {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (header: string[], rows: (string | number)[][]) => [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

function column(table: FusionTable, name: string, flag: string): readonly CellValue[] {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`${flag}: ${table.name} has no column '${name}'; it has ${table.columns.map((c) => c.name).join(', ')}.`);
  return found.values;
}

/** The data table with FILE's columns added by an n:1 lookup on `key`. */
function joined(data: FusionTable, other: FusionTable, key: string): FusionTable {
  const rowOf = new Map<string, number>();
  column(other, key, '--on').forEach((v, row) => {
    const k = v === null ? null : String(v).trim();
    if (k !== null && !rowOf.has(k)) rowOf.set(k, row);
  });
  const rows = column(data, key, '--on').map((v) => (v === null ? undefined : rowOf.get(String(v).trim())));
  const added = other.columns.filter((c) => !data.columns.some((d) => d.name === c.name)).map((c) => ({ ...c, values: rows.map((r) => (r === undefined ? null : (c.values[r] ?? null))) }));
  return { ...data, columns: [...data.columns, ...added] };
}

async function itemText(catalogue: FusionTable, key: string, textColumns: string[], itemIds: readonly string[], normalise: (v: CellValue) => string | null): Promise<rec.ItemText> {
  const keys = column(catalogue, key, '--item-key');
  const parts = textColumns.map((c) => column(catalogue, c, '--item-text'));
  const textOf = new Map<string, string>();
  keys.forEach((v, row) => {
    const id = normalise(v);
    const text = parts.map((p) => (p[row] === null || p[row] === undefined ? '' : String(p[row]).trim())).filter((t) => t !== '').join('. ');
    if (id !== null && text !== '' && !textOf.has(id)) textOf.set(id, text);
  });
  const model = await loadPackagedUseLite();
  const width = 512;
  const vectors = new Float32Array(itemIds.length * width);
  const has = new Uint8Array(itemIds.length);
  const keyOf = itemIds.map((id) => normalise(id)); // ids are shown as first written; the key is what matches
  const withText = itemIds.flatMap((_, i) => (textOf.has(keyOf[i] ?? '') ? [i] : []));
  for (let start = 0; start < withText.length; start += 64) {
    const batch = withText.slice(start, start + 64);
    const embedded = model.embed(batch.map((i) => textOf.get(keyOf[i]!)!)); // [b, 512]
    const values = embedded.dataSync();
    embedded.dispose();
    batch.forEach((i, n) => {
      vectors.set(values.subarray(n * width, (n + 1) * width), i * width);
      has[i] = 1;
    });
  }
  model.dispose();
  return { width, vectors, has };
}

/** A model report as printed: the protocol's figures under their usual names (hr@10, ndcg@10). */
function printable(report: rec.ModelReport, k: number): Record<string, unknown> {
  const { ranking, ...rest } = report;
  const figures = ranking ? { [`hr@${k}`]: ranking.hr, [`ndcg@${k}`]: ranking.ndcg, mrr: ranking.mrr, se: { [`hr@${k}`]: ranking.hrSe, [`ndcg@${k}`]: ranking.ndcgSe } } : { rmse: rest.rmse, mae: rest.mae, se: { rmse: rest.rmseSe } };
  return { model: rest.model, baseline: rest.baseline, ...figures, ...(rest.paired ? { pairedSe: rest.paired } : {}), coverage: rest.coverage, popularityPercentile: rest.popularityPercentile, trainMs: rest.trainMs, notes: rest.notes };
}

export const recommendCommand: Command = {
  summary: 'evaluate recommenders (popularity, item-kNN, MF, ALS, SASRec) and write recommendations (JSON)',
  usage,
  async run(args, context) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' }, user: { type: 'string' }, item: { type: 'string' }, rating: { type: 'string' }, time: { type: 'string' },
        join: { type: 'string' }, on: { type: 'string' }, items: { type: 'string' }, 'item-key': { type: 'string' }, 'item-text': { type: 'string' },
        protocol: { type: 'string' }, out: { type: 'string' }, k: { type: 'string' }, models: { type: 'string' }, 'recommend-with': { type: 'string' },
        'no-tune': { type: 'boolean' }, 'normalise-ids': { type: 'boolean' }, 'min-rating': { type: 'string' }, 'sasrec-epochs': { type: 'string' }, seed: { type: 'string' },
      },
    });
    if (!values.data || !values.user || !values.item || !values.protocol || !values.out) return context.fail('--data, --user, --item, --protocol and --out are required.');
    if (!(rec.protocols as readonly string[]).includes(values.protocol)) return context.fail(`--protocol must be one of ${rec.protocols.join(', ')}, got '${values.protocol}'.`);
    const protocol = values.protocol as rec.Protocol;
    if (protocol === 'random-80-20' && !values.rating) return context.fail('random-80-20 measures rating errors: give --rating COL (or use leave-last-out).');
    if ((values.join === undefined) !== (values.on === undefined)) return context.fail('--join and --on go together.');
    if (values['item-text'] && !values.items) return context.fail('--item-text needs --items FILE.');
    const [k, seed, sasrecEpochs] = [Number(values.k ?? 10), Number(values.seed ?? 1), Number(values['sasrec-epochs'] ?? 40)];
    for (const [name, v] of Object.entries({ k, seed: seed + 1, 'sasrec-epochs': sasrecEpochs })) if (!Number.isInteger(v) || v < 1) return context.fail(`--${name} must be a positive integer.`);
    const models = values.models ? values.models.split(',').map((m) => m.trim()) : null;
    const known = protocol === 'random-80-20' ? rec.ratingModelNames : rec.rankingModelNames;
    for (const m of models ?? []) if (!(known as readonly string[]).includes(m)) return context.fail(`--models: '${m}' is not one of ${known.join(', ')} (for ${protocol}).`);

    let data = await readOneTable(context.cwd, values.data);
    if (values.join && values.on) data = joined(data, await readOneTable(context.cwd, values.join), values.on);
    const catalogue = values.items ? await readOneTable(context.cwd, values.items) : null;
    const itemKey = values['item-key'] ?? values.item;
    const normaliseIds = values['normalise-ids'] ?? false;
    const { interactions, report } = rec.buildInteractions(
      { user: column(data, values.user, '--user'), item: column(data, values.item, '--item'), rating: values.rating ? column(data, values.rating, '--rating') : undefined, time: values.time ? column(data, values.time, '--time') : undefined },
      { normaliseIds, catalogue: catalogue ? column(catalogue, itemKey, '--item-key') : [], ...(values['min-rating'] ? { minRating: Number(values['min-rating']) } : {}) },
    );
    if (interactions.user.length < 2) return context.fail(`${values.data} has fewer than two usable interactions (${report.rowsDropped} rows lacked a user, item, rating or time).`);
    // SASRec and USE-lite run on tfjs (WASM); the typed-array models need no tfjs at all.
    const needsTf = values['item-text'] !== undefined || values['recommend-with'] === 'sasrec' || (protocol === 'leave-last-out' && (models === null || models.includes('sasrec')));
    const backend = needsTf ? (await loadMl()).tf.getBackend() : 'none (typed arrays)';
    const idOf = rec.idReader(column(data, values.item, '--item'), normaliseIds);
    const text = catalogue && values['item-text'] ? await itemText(catalogue, itemKey, values['item-text'].split(',').map((c) => c.trim()), interactions.itemIds, idOf) : null;

    let stage = '';
    const onProgress = (_done: number, _total: number, message: string) => {
      if (message !== stage) context.err(`${(stage = message)}\n`);
    };
    const settings: rec.ModelSettings = { ...rec.defaultSettings, sasrecTrain: { epochs: sasrecEpochs } };
    const evaluation = await rec.evaluate(interactions, { protocol, k, seed, tune: !values['no-tune'], models, settings }, { text, onProgress });
    const chosen = values['recommend-with'] ?? evaluation.best;
    const recommender = await rec.buildRecommender(interactions, chosen, { text, settings, tune: !values['no-tune'], seed, protocol, onProgress });
    const lists = await rec.recommendAll(recommender, interactions.userIds.keys(), k);

    const out = resolve(context.cwd, values.out);
    await mkdir(out, { recursive: true });
    const { userIds, itemIds } = interactions;
    const reasonText = (r: rec.Reason) => (r.source === 'text' ? `text like ${itemIds[r.item]} (${r.similarity.toFixed(2)})` : `bought with ${itemIds[r.item]} (${r.similarity.toFixed(2)})`);
    const recommendationRows = lists.flatMap((l) => Array.from(l.items, (i, n) => [userIds[l.user]!, n + 1, itemIds[i]!, Number(l.scores[n]!.toPrecision(5)), l.reasons[n]!.map(reasonText).join('; ')]));
    const alsoRows = itemIds.flatMap((id, i) => rec.alsoBought(i, recommender.neighbours, recommender.customers, k).map((r, n) => [id, n + 1, itemIds[r.item]!, r.together!, Number(r.share!.toFixed(4))]));
    const similarRows = itemIds.flatMap((id, i) => {
      const byCooccurrence = rec.similarItems(i, recommender.neighbours, text, k).map((r, n) => [id, n + 1, itemIds[r.item]!, Number(r.similarity.toFixed(4)), r.together === undefined ? 'text' : 'co-occurrence']);
      const byText = text && text.has[i] ? rec.similarItems(i, null, text, k, true).map((r, n) => [id, n + 1, itemIds[r.item]!, Number(r.similarity.toFixed(4)), 'text']) : [];
      return [...byCooccurrence, ...byText];
    });
    const printed = {
      data: { file: values.data, users: userIds.length, items: itemIds.length, interactions: interactions.user.length, ...report, itemsWithText: text ? text.has.reduce((n, h) => n + h, 0) : 0 },
      protocol,
      k,
      seed,
      split: evaluation.data,
      models: evaluation.models.map((m) => printable(m, k)),
      best: evaluation.best,
      // Each model against every baseline on the main figures, by more than one standard error (paired by user for rankings).
      againstBaselines: rec.againstBaselines(evaluation).map((v) => ({ model: v.model, beatsAll: v.beatsAll, ...Object.fromEntries(v.figures.map((f) => [f.label.toLowerCase(), f.margins.map((d) => ({ baseline: d.baseline, gain: Number(d.gain.toFixed(4)), se: Number(d.se.toFixed(4)) }))])) })),
      coldStart: evaluation.coldStart && { ...evaluation.coldStart, models: evaluation.coldStart.models.map((m) => printable(m, k)) },
      recommendations: { model: chosen, notes: recommender.notes, users: lists.length },
      tfjsBackend: backend,
      out,
    };
    await writeFile(join(out, 'report.json'), JSON.stringify(printed, null, 2) + '\n');
    await writeFile(join(out, 'recommendations.csv'), csv(['user', 'rank', 'item', 'score', 'reasons'], recommendationRows));
    await writeFile(join(out, 'also-bought.csv'), csv(['item', 'rank', 'also_bought', 'customers_both', 'share_of_item_customers'], alsoRows));
    await writeFile(join(out, 'similar-items.csv'), csv(['item', 'rank', 'similar', 'similarity', 'source'], similarRows));
    context.out(`${JSON.stringify(printed, null, 2)}\n`);
    return 0;
  },
};
