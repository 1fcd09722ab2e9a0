import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/lib/demo';
import { launch, openDemoOnWasm, type Session } from './harness';

// The Search tab on the demo shop, in the real browser (WASM): live search over products.json
// finds a product from a misspelt word of its title, and the evaluation on search_log.csv shows
// BM25, dense and hybrid side by side, the hybrid no worse than the weaker of the two; the
// finding survives a reload.

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

interface DemoProduct {
  sku: string;
  title: string;
  description: string;
  category: { main: string; sub: string };
}

/** The first product whose title has a word (7+ letters) found in no other product's text; that word with its 4th letter dropped. */
function misspeltProduct(): { product: DemoProduct; query: string } {
  const products = JSON.parse(generateDemoShop({ seed: 42, scale: 1 }).files.find((f) => f.name === 'products.json')!.text) as DemoProduct[];
  const words = (p: DemoProduct) => new Set(`${p.title} ${p.category.main} ${p.category.sub} ${p.description}`.toLowerCase().match(/[a-z]+/g));
  const count = new Map<string, number>();
  for (const p of products) for (const w of words(p)) count.set(w, (count.get(w) ?? 0) + 1);
  for (const product of products) {
    const word = product.title.toLowerCase().split(/\s+/).find((w) => /^[a-z]{7,}$/.test(w) && count.get(w) === 1);
    if (word) return { product, query: word.slice(0, 3) + word.slice(4) };
  }
  throw new Error('The demo has no product word to misspell.');
}

describe('discover: product search', () => {
  it('finds a product from a misspelt word, evaluates BM25, dense and hybrid on the search log, and keeps the finding', async () => {
    const { product, query } = misspeltProduct();
    session = await launch();
    await openDemoOnWasm(session);
    const { page } = session;
    await page.getByTestId('nav-discover').click();
    await page.locator('[data-testid="discover-tab"][data-name="search"]').click();
    // The catalogue and the log are chosen from the columns' roles.
    await expect.poll(() => page.getByTestId('search-table').locator('option:checked').textContent()).toBe('products.json');
    await expect.poll(() => page.getByTestId('search-log').locator('option:checked').textContent()).toBe('search_log.csv');

    // Live search: the first query builds the index (embeds the catalogue), then answers.
    await page.getByTestId('search-box').fill(query);
    const hybrid = page.locator('[data-testid="search-hits"][data-retriever="hybrid"] [data-testid="search-hit"]');
    await expect.poll(() => hybrid.count(), { timeout: 90_000 }).toBeGreaterThan(0);
    const keys = (retriever: string) => page.locator(`[data-testid="search-hits"][data-retriever="${retriever}"] [data-testid="search-hit"]`).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-key')));
    expect((await keys('bm25'))[0], `BM25 for "${query}"`).toBe(product.sku);
    expect((await keys('hybrid')).slice(0, 3), `hybrid for "${query}"`).toContain(product.sku);
    const hit = page.locator(`[data-testid="search-hits"][data-retriever="hybrid"] [data-testid="search-hit"][data-key="${product.sku}"]`);
    expect(await hit.textContent()).toContain(product.title);
    expect(await hit.getByTestId('search-found-by').textContent()).toMatch(/BM25 #1/);
    expect(await page.getByTestId('search-status').textContent()).toMatch(/400 products · encoder USE-lite/);

    // Evaluation on held-out queries (a sample, said on screen).
    await page.getByTestId('search-evaluate').click();
    const rows = page.getByTestId('search-score-row');
    await expect.poll(() => rows.count(), { timeout: 150_000 }).toBe(3);
    expect(await page.getByTestId('search-eval-summary').textContent()).toMatch(/Scored on 150 of \d+ held-out queries \(a seeded sample\)/);
    const scores = await rows.evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-retriever'),
      Object.fromEntries(Array.from(tr.querySelectorAll('[data-metric]'), (td) => [td.getAttribute('data-metric'), Number(td.textContent)]))])));
    for (const r of ['bm25', 'dense', 'hybrid']) {
      for (const m of ['mrr', 'ndcg@10', 'recall@10']) {
        const x = scores[r]![m]!;
        expect(x >= 0 && x <= 1, `${r} ${m} = ${x}`).toBe(true);
      }
    }
    console.log(`search on the demo (WASM): ${JSON.stringify(scores)}`);
    for (const m of ['mrr', 'ndcg@10', 'recall@10']) expect(scores['hybrid']![m]).toBeGreaterThanOrEqual(Math.min(scores['bm25']![m]!, scores['dense']![m]!));
    expect(scores['bm25']!['mrr']).toBeGreaterThan(0.3);
    await expect.poll(() => page.getByTestId('search-examples').locator('tbody tr').count()).toBe(5);

    // The finding survives a reload.
    await page.reload();
    await page.getByTestId('nav-discover').click();
    await page.locator('[data-testid="discover-tab"][data-name="search"]').click();
    await expect.poll(() => page.getByTestId('search-score-row').count(), { timeout: 30_000 }).toBe(3);
    expect(await page.locator('[data-testid="search-score-row"][data-retriever="hybrid"] [data-metric="mrr"]').textContent()).toBe(scores['hybrid']!['mrr']!.toFixed(3));
  }, 300_000);
});
