// `edgefuse rules` through the CLI's main(), in process (the command loads no tfjs, so a child
// process would only add start-up time), on small baskets written here in both layouts: the
// JSON summary, rules.csv, bought-together, and usage errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

const scratch = mkdtempSync(join(tmpdir(), 'edgefuse-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let [stdout, stderr] = ['', ''];
  const status = await main(['rules', ...args], { cwd: scratch, out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

// 40 orders: 12 hold the kettle and the filter papers together, the rest a rotating mix.
const orders = Array.from({ length: 40 }, (_, o) => (o < 12 ? ['kettle', 'filter papers, 100'] : [['mug', 'tea'], ['beans'], ['mug'], ['tea', 'beans']][o % 4]!));

beforeAll(() => {
  writeFileSync(join(scratch, 'lines.csv'), ['order,product', ...orders.flatMap((items, o) => items.map((i) => `O${o},"${i}"`))].join('\n') + '\n');
  const items = ['kettle', 'filter papers, 100', 'mug', 'tea', 'beans'];
  writeFileSync(join(scratch, 'wide.csv'), ['id,' + items.map((i) => `"${i}"`).join(','), ...orders.map((b, o) => [`R${o}`, ...items.map((i) => (b.includes(i) ? 1 : 0))].join(','))].join('\n') + '\n');
});

interface Rule { antecedent: string[]; consequent: string[]; lift: number; confidence: number; conviction: number | null }

describe('edgefuse rules', () => {
  it('mines order lines: counts, top rules by lift, rules.csv and bought-together', async () => {
    const result = await run(['--data', 'lines.csv', '--basket', 'order', '--item', 'product', '--min-support', '0.1', '--together', 'kettle', '--out', 'out']);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { baskets: number; items: number; rules: number; topRules: Rule[]; together: { suggestions: { item: string; confidence: number }[] } };
    expect(summary).toMatchObject({ baskets: 40, items: 5 });
    expect(summary.topRules[0]).toMatchObject({ confidence: 1, conviction: null });
    expect([...summary.topRules[0]!.antecedent, ...summary.topRules[0]!.consequent].sort()).toEqual(['filter papers, 100', 'kettle']);
    expect(summary.topRules[0]!.lift).toBeCloseTo(40 / 12, 3);
    expect(summary.together.suggestions[0]).toMatchObject({ item: 'filter papers, 100', confidence: 1 });
    const csv = readFileSync(join(scratch, 'out', 'rules.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('antecedent,consequent,antecedent_size,consequent_size,count,support,confidence,lift,leverage,conviction');
    expect(csv).toHaveLength(summary.rules + 1);
    expect(csv[1]).toMatch(/^("filter papers, 100",kettle|kettle,"filter papers, 100"),1,1,12,0\.3.*,inf$/);
  });

  it('reads the same baskets from a wide 0/1 table', async () => {
    const result = await run(['--data', 'wide.csv', '--wide', '--min-support', '0.1']);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { baskets: number; ignoredColumns: string[]; topRules: Rule[] };
    expect(summary).toMatchObject({ baskets: 40, ignoredColumns: ['id'] });
    expect(summary.topRules[0]!.lift).toBeCloseTo(40 / 12, 3);
  });

  it('refuses mixed or missing layouts and unknown columns with a usage error', async () => {
    expect((await run(['--data', 'lines.csv'])).status).toBe(2);
    expect((await run(['--data', 'lines.csv', '--wide', '--basket', 'order'])).status).toBe(2);
    const missing = await run(['--data', 'lines.csv', '--basket', 'order', '--item', 'sku']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no column 'sku'/);
    const badSupport = await run(['--data', 'lines.csv', '--basket', 'order', '--item', 'product', '--min-support', '2']);
    expect(badSupport.status).toBe(1);
    expect(badSupport.stderr).toMatch(/minimum support must be in/);
  });
});
