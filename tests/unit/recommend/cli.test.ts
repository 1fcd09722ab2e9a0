// `edgefuse recommend` through the real CLI entry point on small generated files: the printed
// JSON names the protocol and gives each model's figures, and DIR receives the recommendations.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantedRatings, tasteGroups } from './planted';

const bin = fileURLToPath(new URL('../../../bin/edgefuse.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'edgefuse-recommend-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[]): { status: number | null; json: Record<string, unknown> | null; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8' });
  return { status: result.status, json: result.status === 0 ? (JSON.parse(result.stdout) as Record<string, unknown>) : null, stderr: result.stderr };
}

type Printed = { model: string; baseline: boolean; 'hr@10'?: number; 'ndcg@10'?: number; rmse?: number; mae?: number; coverage: number };

const groupWords = ['dark roast coffee beans', 'green tea leaves', 'chocolate snack bar', 'cotton t-shirt'];

describe('edgefuse recommend', () => {
  beforeAll(() => {
    const { columns } = tasteGroups({ users: 120 });
    const rows = columns.user.map((u, r) => `${u},${columns.item[r]},2024-01-${String(columns.time![r]).padStart(2, '0')}`);
    writeFileSync(join(scratch, 'purchases.csv'), ['customer,product,day', ...rows].join('\n') + '\n');
    const products = Array.from({ length: 48 }, (_, i) => ({ sku: `i${i}`, title: `${groupWords[Math.floor(i / 12)]} no. ${i}`, description: `A fine ${groupWords[Math.floor(i / 12)]}.` }));
    writeFileSync(join(scratch, 'products.json'), JSON.stringify(products));
    const ratings = plantedRatings({ users: 80, items: 30, perUser: 12 });
    const ratingRows = Array.from(ratings.user, (u, r) => `${ratings.userIds[u]},${ratings.itemIds[ratings.item[r]!]},${ratings.rating![r]!.toFixed(2)}`);
    writeFileSync(join(scratch, 'ratings.csv'), ['user,item,stars', ...ratingRows].join('\n') + '\n');
  });

  it('ranks under leave-last-out with text, runs the cold-start protocol, and writes recommendations with reasons', () => {
    const { status, json, stderr } = run(['recommend', '--data', 'purchases.csv', '--user', 'customer', '--item', 'product', '--time', 'day', '--items', 'products.json', '--item-key', 'sku', '--item-text', 'title,description', '--protocol', 'leave-last-out', '--models', 'item-knn,als,als-text,sasrec', '--sasrec-epochs', '2', '--no-tune', '--out', 'recs']);
    expect(status, stderr).toBe(0);
    const out = json!;
    expect(out).toMatchObject({ protocol: 'leave-last-out', k: 10, data: { users: 120, items: 48, itemsWithText: 48, timeSource: 'column' } });
    const models = out.models as Printed[];
    expect(models.map((m) => m.model)).toEqual(['popularity', 'item-knn', 'als', 'als-text', 'sasrec']);
    for (const m of models) {
      expect(m['hr@10']).toBeGreaterThanOrEqual(0);
      expect(m['ndcg@10']).toBeGreaterThanOrEqual(0);
      expect(m.coverage).toBeGreaterThan(0);
    }
    const pop = models.find((m) => m.model === 'popularity')!;
    expect(models.find((m) => m.model === 'item-knn')!['ndcg@10']!).toBeGreaterThan(pop['ndcg@10']!);
    const cold = out.coldStart as { protocol: string; models: Printed[] };
    expect(cold.protocol).toBe('cold-items');
    expect(cold.models.map((m) => m.model)).toEqual(['popularity', 'text-knn', 'als-text']);
    const recs = readFileSync(join(scratch, 'recs', 'recommendations.csv'), 'utf8').trim().split('\n');
    expect(recs[0]).toBe('user,rank,item,score,reasons');
    expect(recs).toHaveLength(1 + 120 * 10);
    expect(recs.filter((line) => line.includes('bought with')).length).toBeGreaterThan(100);
    expect(recs.filter((line) => line.includes('text like')).length).toBeGreaterThan(100);
    for (const file of ['report.json', 'also-bought.csv', 'similar-items.csv']) expect(existsSync(join(scratch, 'recs', file))).toBe(true);
  });

  it('predicts ratings under random-80-20 and refuses it without a rating column', () => {
    const { status, json, stderr } = run(['recommend', '--data', 'ratings.csv', '--user', 'user', '--item', 'item', '--rating', 'stars', '--protocol', 'random-80-20', '--models', 'biased-mf', '--no-tune', '--k', '5', '--out', 'rated']);
    expect(status, stderr).toBe(0);
    const models = json!.models as Printed[];
    expect(models.map((m) => m.model)).toEqual(['popularity', 'biases', 'item-knn', 'biased-mf']);
    for (const m of models) expect(m.rmse).toBeGreaterThan(0);
    expect(json!.recommendations).toMatchObject({ model: json!.best });
    const refused = run(['recommend', '--data', 'ratings.csv', '--user', 'user', '--item', 'item', '--protocol', 'random-80-20', '--out', 'x']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--rating/);
  });
});
