import { describe, expect, it } from 'vitest';
import { importFilesJob } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import type { TextEmbedder } from '../../../src/lib/ml/text-embedder';
import { againstPopularity, defaultInputs, type RecommendFinding } from '../../../src/lib/recommend';
import { recommendJob, type RecommendParams } from '../../../src/lib/recommend/recommend-job';
import { seededRandom } from '../../../src/lib/recommend/random';
import type { EdgeFuseDb } from '../../../src/lib/store';
import { testDb } from '../helpers';

// The app's recommend job over sources in IndexedDB: order lines that get their customer and
// date from orders through the order id (as the Discover form preselects them), a catalogue
// whose text knows each item's taste group (a fake encoder stands in for USE-lite), and a
// ratings table for the random-80-20 protocol. Small planted data: a few seconds in all.

const groups = 4;
const itemsPerGroup = 10;
const sku = (i: number) => `P-${String(i + 1).padStart(3, '0')}`;

/** Customers buy mostly from their taste group, one order a day (repeats included), and review every other purchase. */
function shop(customers = 120, perCustomer = 7, seed = 3) {
  const random = seededRandom(seed);
  const lines = ['order_id,product_sku,quantity'];
  const orders = ['order_id,customer_id,order_date'];
  const reviews = ['customer_id,product_sku,stars,created_at'];
  const owned = new Map<string, Set<string>>();
  let order = 0;
  for (let c = 0; c < customers; c++) {
    const customer = `C-${String(c + 1).padStart(4, '0')}`;
    const group = c % groups;
    owned.set(customer, new Set());
    for (let n = 0; n < perCustomer; n++) {
      const item = random.next() < 0.85 ? group * itemsPerGroup + Math.floor(random.next() ** 2 * itemsPerGroup) : random.int(groups * itemsPerGroup);
      const id = `O-${++order}`;
      const day = `2024-01-${String(1 + n).padStart(2, '0')}`;
      orders.push(`${id},${customer},${day}`);
      lines.push(`${id},${sku(item)},1`);
      owned.get(customer)!.add(sku(item));
      if (n % 2 === 0) reviews.push(`${customer},${sku(item)},${Math.floor(item / itemsPerGroup) === group ? 4 + random.int(2) : 1 + random.int(2)},${day}T10:00:00Z`);
    }
  }
  const catalogue = ['sku,title', ...Array.from({ length: groups * itemsPerGroup }, (_, i) => `${sku(i)},Group ${Math.floor(i / itemsPerGroup)} item ${i}`)];
  return { files: { 'order_lines.csv': lines, 'orders.csv': orders, 'reviews.csv': reviews, 'products.csv': catalogue }, owned };
}

/** Texts "Group g item i" -> the group's direction plus a little noise, unit length (width 16). */
const groupEncoder: TextEmbedder = {
  async embed(texts) {
    return texts.map((text) => {
      const [, g, i] = /Group (\d+) item (\d+)/.exec(text)!.map(Number);
      const random = seededRandom(1000 + i!);
      const v = Array.from({ length: 16 }, (_, d) => (d === g ? 3 : 0) + random.normal() * 0.5);
      const norm = Math.hypot(...v);
      return Float32Array.from(v, (x) => x / norm);
    });
  },
};

async function load(files: Record<string, string[]>): Promise<{ db: EdgeFuseDb; id: (name: string) => string }> {
  const db = testDb();
  await runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: [] } }, importFilesJob(db, Object.entries(files).map(([name, rows]) => new File([rows.join('\n')], name))));
  const sources = await db.sources.toArray();
  return { db, id: (name) => sources.find((s) => s.name === name)!.id };
}

/** Every progress report of the job as a fraction, before the runner throttles them. */
async function run(db: EdgeFuseDb, params: RecommendParams, embedder: TextEmbedder | null = groupEncoder, progress: number[] = []): Promise<RecommendFinding> {
  const handler = recommendJob(db, embedder);
  const outcome = await runJob(db, { kind: 'recommend', workspaceId: 'w', params }, (ctx) => handler({ ...ctx, progress: (done, total, unit, message) => (progress.push(done / total), ctx.progress(done, total, unit, message)) }));
  expect(outcome.status).toBe('done');
  const [finding] = await db.findings.toArray();
  expect(finding?.kind).toBe('recommend');
  return finding!.result as unknown as RecommendFinding;
}

/** One bar from 0 to 1 that never goes back, over tuning, each model's fit and its evaluation. */
function expectSteadyProgress(progress: number[]): void {
  expect(progress[0]).toBe(0);
  expect(progress.at(-1)).toBe(1);
  const back = progress.findIndex((p, i) => i > 0 && p < progress[i - 1]!);
  expect(back, `went back from ${progress[back - 1]} to ${progress[back]}`).toBe(-1);
  expect(new Set(progress).size).toBeGreaterThan(10);
}

describe('recommend job', () => {
  it('order lines + orders (preselected by roles): models beside both baselines, lists without owned items, with reasons', async () => {
    const { files, owned } = shop();
    const { db, id } = await load(files);
    const inputs = defaultInputs(await db.sources.toArray())!;
    // The richest table naming a product and, through orders, a customer; text from the catalogue.
    expect(inputs).toMatchObject({ sourceId: id('order_lines.csv'), userColumn: 'customer_id', itemColumn: 'product_sku', timeColumn: 'order_date', lookup: { sourceId: id('orders.csv'), on: 'order_id', key: 'order_id' }, catalogue: { sourceId: id('products.csv'), keyColumn: 'sku', textColumns: ['title'], nameColumn: 'title' } });
    const progress: number[] = [];
    const result = await run(db, { workspaceId: 'w', ...inputs, ratingColumn: null, config: { storedUsers: 100 } }, groupEncoder, progress);
    expectSteadyProgress(progress);

    expect(JSON.parse(JSON.stringify(result))).toEqual(result); // plain JSON: nothing lost in a round trip
    expect(result.evaluations.map((e) => e.protocol)).toEqual(['leave-last-out']);
    const [ranking] = result.evaluations;
    expect(ranking!.models.map((m) => [m.model, m.baseline])).toEqual([['popularity', true], ['item-knn', true], ['als', false], ['als-text', false]]);
    expect(ranking!.data.evaluatedUsers).toBe(120);
    expect(result.data).toMatchObject({ users: 120, items: 40, itemsWithText: 40 });
    // On planted tastes both factor models clearly beat popularity.
    const verdicts = againstPopularity(ranking!);
    expect(verdicts.map((v) => [v.model, v.clearly])).toEqual([['als', true], ['als-text', true]]);
    expect(result.coldStart?.models.map((m) => m.model)).toEqual(['popularity', 'text-knn', 'als-text']);
    // Tuned by default on a validation split of train; the lists' model is refitted with the values chosen.
    for (const m of ranking!.models.filter((m) => m.model !== 'popularity')) expect(m.notes?.['tuned'], m.model).toBe('on a validation split carved from train');
    const chosen = ranking!.models.find((m) => m.model === result.recommendedWith.model)!.notes!;
    const settings = result.recommendedWith.model === 'item-knn' ? ['neighbours', 'shrinkage'] : ['regularization', 'alpha', 'popularityWeighting', 'factors', 'textWeight'];
    for (const key of settings) expect(result.recommendedWith.notes[key], key).toBe(chosen[key]);

    // The 100 most active customers, each with 10 new items, every one with a reason.
    expect(result.users).toHaveLength(100);
    expect(result.notes.some((n) => n.includes('100 most active of 120'))).toBe(true);
    for (const user of result.users) {
      const recommended = user.recommendations.map((r) => result.items[r.item]!.id);
      expect(recommended).toHaveLength(10);
      for (const item of recommended) expect(owned.get(user.id)!.has(item), `${user.id} owns ${item}`).toBe(false);
      for (const r of user.recommendations) expect(r.reasons.length).toBeGreaterThan(0);
      expect(user.history.map((i) => result.items[i]!.id).every((item) => owned.get(user.id)!.has(item))).toBe(true);
    }
    // Names come from the catalogue; related items stay within the taste group.
    expect(result.items[0]).toEqual({ id: 'P-001', name: 'Group 0 item 0' });
    const groupOf = (i: number) => Math.floor((Number(result.items[i]!.id.slice(2)) - 1) / itemsPerGroup);
    const sameGroup = (list: { item: number }[], i: number) => list.filter((r) => groupOf(r.item) === groupOf(i)).length / Math.max(1, list.length);
    expect(sameGroup(result.related[0]!.alsoBought, 0)).toBeGreaterThanOrEqual(0.6);
    // By text, the item's 9 group mates come first.
    expect(result.related[0]!.similarByText.slice(0, itemsPerGroup - 1).map((r) => groupOf(r.item))).toEqual(Array(itemsPerGroup - 1).fill(0));
  });

  it('ratings: random-80-20 beside leave-last-out, without a catalogue or an encoder, untuned past the size bound', async () => {
    const { files } = shop(80, 6, 5);
    const { db, id } = await load(files);
    const inputs = defaultInputs(await db.sources.toArray(), id('reviews.csv'))!;
    expect(inputs).toMatchObject({ userColumn: 'customer_id', itemColumn: 'product_sku', ratingColumn: 'stars', timeColumn: 'created_at', lookup: null });
    // Past `tuneUpTo` interactions the defaults are used, and the finding says so.
    const progress: number[] = [];
    const result = await run(db, { workspaceId: 'w', ...inputs, catalogue: null, config: { tuneUpTo: 100 } }, null, progress);
    expectSteadyProgress(progress);
    expect(result.notes.some((n) => n.startsWith('Settings were not tuned'))).toBe(true);
    expect(result.evaluations.flatMap((e) => e.models).some((m) => m.notes?.['tuned'] !== undefined)).toBe(false);
    expect(result.evaluations.map((e) => e.protocol)).toEqual(['leave-last-out', 'random-80-20']);
    const ratings = result.evaluations[1]!;
    expect(ratings.models.map((m) => m.model)).toEqual(['popularity', 'biases', 'item-knn', 'biased-mf', 'svd++']);
    for (const m of ratings.models) expect(m.rmse).toBeGreaterThan(0);
    expect(result.coldStart).toBeNull();
    expect(result.users).toHaveLength(80);
    expect(result.related.every((r) => r.similarByText.length === 0)).toBe(true);
  });
});
