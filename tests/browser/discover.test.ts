import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/lib/demo';
import { launch, openDemoOnWasm, openDiscoverTab, type Session } from './harness';

// The Discover page on the demo shop, in the real browser: each analysis runs as a job in the ML
// worker and finds what the demo planted.

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('discover', () => {
  it('basket rules: the planted bundles come out as strong rules, and "bought together" names them', async () => {
    const truth = generateDemoShop({ seed: 42, scale: 1 }).truth;
    session = await launch();
    await openDemoOnWasm(session);
    const { page } = session;
    // The order lines and their columns are chosen from the columns' roles.
    await openDiscoverTab(session, 'rules', 'order_lines.csv');
    await page.getByTestId('rules-run').click();
    await expect.poll(() => page.getByTestId('rule-row').count(), { timeout: 120_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('rules-summary').textContent()).toMatch(/\d,\d{3} baskets/);

    // Each planted bundle's items appear together in a rule with lift above 5 (item names carry the sku).
    const rows = await page.getByTestId('rule-row').evaluateAll((trs) => trs.map((tr) => ({ text: tr.textContent ?? '', lift: Number(tr.querySelector('[data-testid="rule-lift"]')?.textContent) })));
    const strong = rows.filter((r) => r.lift > 5);
    for (const bundle of truth.bundles) {
      const [a, b] = bundle.skus;
      expect(strong.some((r) => r.text.includes(a!) && r.text.includes(b!)), `bundle ${bundle.skus.join('+')}`).toBe(true);
    }
    // Names come from the catalogue: "Title (P-0001)".
    expect(rows[0]!.text).toMatch(/\w+ .*\(P-\d{4}\)/);

    // Frequently bought together with the first item of a bundle lists the other.
    const [first, second] = truth.bundles[0]!.skus;
    const label = await page.getByTestId('together-item').locator('option', { hasText: `(${first})` }).first().textContent();
    await page.getByTestId('together-item').selectOption({ label: label! });
    expect(await page.getByTestId('together-list').textContent()).toContain(second);

    // The finding survives a reload.
    await page.reload();
    await page.getByTestId('nav-discover').click();
    await page.locator('[data-testid="discover-tab"][data-name="rules"]').click();
    await expect.poll(() => page.getByTestId('rule-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});
