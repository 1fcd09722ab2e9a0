import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/lib/demo';
import { launch, openDemoOnWasm, openDiscoverTab, type Session } from './harness';

// The "Recommendations" tab on the demo shop, in the real browser on WASM: the job in the ML
// worker tunes each model on a validation split of the training data (the default) and
// evaluates it beside both baselines under leave-last-out with full ranking, then the customer
// picker and the item explorer browse the stored finding.

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Each customer's products in the demo's order files, by the customer's number (C-00012, c-00012 and 12 are one customer). */
function purchases(): Map<number, Set<string>> {
  const { files } = generateDemoShop({ seed: 42, scale: 1 });
  const rows = (name: string) => files.find((f) => f.name === name)!.text.split('\n').slice(1).filter((line) => line !== '').map((line) => line.split(','));
  const customerOf = new Map(rows('orders.csv').map(([order, customer]) => [order!, Number(customer!.replace(/\D/g, ''))]));
  const owned = new Map<number, Set<string>>();
  for (const [order, sku] of rows('order_lines.csv')) {
    const customer = customerOf.get(order!);
    if (customer === undefined || !sku) continue;
    if (!owned.has(customer)) owned.set(customer, new Set());
    owned.get(customer)!.add(sku);
  }
  return owned;
}

describe('discover: recommendations', () => {
  it('compares the models with both baselines under leave-last-out, recommends new items with reasons, and keeps the finding', async () => {
    session = await launch();
    await openDemoOnWasm(session);
    const { page } = session;
    // Preselected from the roles: the order lines, their customer and date through orders, text from products.
    await openDiscoverTab(session, 'recommend', 'order_lines.csv');
    expect(await page.getByTestId('recommend-lookup').textContent()).toContain('orders.csv');
    expect(await page.getByTestId('recommend-user').inputValue()).toBe('CustomerID');
    expect(await page.getByTestId('recommend-item').inputValue()).toBe('product_sku');
    expect(await page.getByTestId('recommend-time').inputValue()).toBe('order_date');
    expect(await page.getByTestId('recommend-tune').isChecked()).toBe(true);
    await page.getByTestId('recommend-run').click();
    await expect.poll(() => page.getByTestId('recommend-model-row').count(), { timeout: 420_000 }).toBeGreaterThan(0);

    // The protocol is named; every model stands beside both baselines.
    expect(await page.locator('[data-testid="recommend-protocol"][data-protocol="leave-last-out"]').count()).toBe(1);
    expect(await page.getByTestId('recommend-panel').textContent()).toContain('full ranking, no sampled negatives');
    const rows = await page.getByTestId('recommend-model-row').evaluateAll((trs) => trs.map((tr) => ({
      model: tr.getAttribute('data-model'), baseline: tr.getAttribute('data-baseline'),
      ndcg: Number(tr.querySelector('[data-metric="ndcg"]')?.getAttribute('data-value')), hr: Number(tr.querySelector('[data-metric="hr"]')?.getAttribute('data-value')),
    })));
    console.log(JSON.stringify(rows));
    expect(rows.filter((r) => r.baseline === 'true').map((r) => r.model)).toEqual(['popularity', 'item-knn']);
    expect(rows.filter((r) => r.baseline === 'false').map((r) => r.model)).toEqual(['als', 'als-text']);
    // Tuned (the default): ALS + text beats both baselines on NDCG@10 and HR@10 by more than one
    // standard error (paired by customer) and makes the lists; plain ALS beats them on HR@10 only
    // (on NDCG@10 it stays below item-kNN). The chosen settings are shown.
    const ndcg = Object.fromEntries(rows.map((r) => [r.model, r.ndcg]));
    const hr = Object.fromEntries(rows.map((r) => [r.model, r.hr]));
    expect(ndcg['item-knn']).toBeGreaterThan(ndcg['popularity']! + 0.04);
    expect(ndcg['als-text']).toBeGreaterThan(ndcg['item-knn']!);
    expect(ndcg['als']).toBeGreaterThan(ndcg['popularity']! + 0.04);
    for (const model of ['als', 'als-text']) expect(hr[model]).toBeGreaterThan(hr['item-knn']! + 0.025);
    const marks = await page.getByTestId('recommend-beats-baselines').evaluateAll((tds) => tds.map((td) => td.textContent?.trim()));
    expect(marks.filter((m) => m !== '')).toEqual(['HR@10', '✓ NDCG@10, HR@10']);
    expect(await page.locator('[data-testid="recommend-verdicts"] li[data-beats="true"]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-model')))).toEqual(['als-text']);
    expect(await page.locator('[data-testid="recommend-verdicts"] li').count()).toBe(2);
    const tuned = await page.getByTestId('recommend-tuned').first().textContent();
    expect(tuned).toMatch(/second-to-last item.*als λ=\d+, α=\d+, β=[\d.]+, (16|32) factors \(\d+ fits; validation NDCG@10 0\.\d{3}\).*als-text λ=\d+.*text weight μ=\d+/);
    expect(await page.getByTestId('recommend-model').textContent()).toBe('als-text');
    expect(await page.getByTestId('recommend-cold').count()).toBe(1);

    // A customer's list: ten items they have never bought, each with a reason.
    const owned = purchases();
    const checkCustomer = async () => {
      const customer = Number((await page.getByTestId('recommend-customer').inputValue()).replace(/\D/g, ''));
      const recommended = await page.getByTestId('recommendation').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item')));
      expect(recommended).toHaveLength(10);
      for (const sku of recommended) expect(owned.get(customer)!.has(sku!), `customer ${customer} already has ${sku}`).toBe(false);
      const reasons = await page.getByTestId('recommendation-reasons').allTextContents();
      for (const reason of reasons) expect(reason).toMatch(/because you liked .*\(P-\d{4}\)|text like .*\(P-\d{4}\)/);
      const history = await page.getByTestId('recommend-history').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item')));
      expect(history.length).toBeGreaterThan(0);
      for (const sku of history) expect(owned.get(customer)!.has(sku!)).toBe(true);
    };
    await checkCustomer();
    await page.getByTestId('recommend-customer-filter').fill('0042');
    const other = await page.getByTestId('recommend-customer').locator('option').first().getAttribute('value');
    await page.getByTestId('recommend-customer').selectOption(other!);
    await checkCustomer();

    // The item explorer: customers also bought, and similar items by text (names from products.json).
    expect(await page.getByTestId('recommend-also-bought').locator('li[data-item]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('recommend-similar-text').locator('li').first().textContent()).toMatch(/\w+ .*\(P-\d{4}\) \d\.\d\d/);

    // The finding survives a reload.
    await page.reload();
    await page.getByTestId('nav-discover').click();
    await page.locator('[data-testid="discover-tab"][data-name="recommend"]').click();
    await expect.poll(() => page.getByTestId('recommend-model-row').count(), { timeout: 30_000 }).toBe(rows.length);
    expect(await page.getByTestId('recommendation').count()).toBe(10);
  }, 600_000);
});
