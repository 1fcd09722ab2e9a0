import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/lib/demo';
import { launch, openApp, openDemoOnWasm, type Session } from './harness';

// Fusion end to end on the demo shop, in the real browser: relationships discovered in the
// fusion worker and confirmed by the user, duplicate customers matched (with a label given and
// a golden record shown), the warehouse built from both, and lineage back to the source rows.

let session: Session;
beforeEach(async () => {
  session = await launch();
});
afterEach(async () => {
  await session.close();
});

describe('fusion', () => {
  it('discovers relationships, links duplicate customers and builds the warehouse with lineage', async () => {
    await openApp(session);
    const { page } = session;
    const truth = generateDemoShop({ seed: 42, scale: 1 }).truth;
    await page.getByTestId('try-demo').click();
    await expect.poll(() => page.locator('[data-testid="job"][data-kind="load-demo"]').getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
    await page.getByTestId('nav-warehouse').click();

    // Relationships: every planted one is suggested, shown on the graph, and confirmed by the user.
    await page.getByTestId('discover-relationships').click();
    await expect.poll(() => page.getByTestId('relationship').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(truth.relationships.length);
    const ids = await page.getByTestId('relationship').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    for (const r of truth.relationships) expect(ids).toContain(`${r.fromFile}/${r.fromColumn} -> ${r.toFile}/${r.toColumn}`);
    expect(await page.getByTestId('graph-node').count()).toBe(7);
    for (const id of ids) {
      await page.locator(`[data-testid="relationship"][data-id="${id}"]`).getByTestId('confirm-relationship').click();
      await expect.poll(() => page.locator(`[data-testid="relationship"][data-id="${id}"]`).getAttribute('data-status')).toBe('confirmed');
    }
    await expect.poll(() => page.locator('[data-testid="graph-edge"][data-status="confirmed"]').count()).toBe(ids.length);
    await page.getByTestId('relationship').first().getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('relationship-evidence').textContent()).toMatch(/appear/);

    // Editing one: the form is filled from it; the edited relationship replaces it (with its own evidence).
    const clicks = 'search_log.csv/clicked_product -> products.json/sku';
    await page.locator(`[data-testid="relationship"][data-id="${clicks}"]`).getByRole('button', { name: 'undo' }).click();
    await page.locator(`[data-testid="relationship"][data-id="${clicks}"]`).getByTestId('edit-relationship').click();
    await page.getByLabel('To column').selectOption('title');
    await page.getByTestId('add-relationship-submit').click();
    const edited = page.locator('[data-testid="relationship"][data-id="search_log.csv/clicked_product -> products.json/title"]');
    await expect.poll(() => edited.getAttribute('data-status')).toBe('confirmed');
    await expect.poll(() => page.locator(`[data-testid="relationship"][data-id="${clicks}"]`).getAttribute('data-status')).toBe('rejected');
    // Put it back as it was: the wrong one rejected, the right one confirmed.
    await edited.getByRole('button', { name: 'undo' }).click();
    await edited.getByTestId('reject-relationship').click();
    await page.locator(`[data-testid="relationship"][data-id="${clicks}"]`).getByRole('button', { name: 'undo' }).click();
    await page.locator(`[data-testid="relationship"][data-id="${clicks}"]`).getByTestId('confirm-relationship').click();

    // Duplicate customers: find matches, answer one question, accept the result.
    const customers = await page.getByTestId('link-left').locator('option', { hasText: 'customers.csv' }).getAttribute('value');
    await page.getByTestId('link-left').selectOption(customers!);
    await page.getByTestId('link-run').click();
    await expect.poll(() => page.getByTestId('link-estimates').textContent(), { timeout: 90_000 }).toMatch(/entities · estimated precision \d+%/);
    expect(await page.getByTestId('golden-record').count()).toBeGreaterThan(0);
    await page.getByTestId('pair-to-label').first().getByTestId('label-different').click();
    // The answer refits the model in the fusion worker: seconds under a full test run's load.
    await expect.poll(() => page.getByTestId('link-run-row').first().locator('td').nth(2).textContent(), { timeout: 30_000 }).toBe('1');
    await page.getByTestId('link-accept').click();
    await expect.poll(() => page.getByTestId('link-run-row').first().locator('td').nth(3).textContent()).toMatch(/^yes/);

    // The warehouse: five views; duplicates merged; lineage of an order-line event names its rows.
    await page.getByTestId('build-warehouse').click();
    await expect.poll(() => page.getByTestId('view-tab').count(), { timeout: 90_000 }).toBe(5);
    const tabText = async (name: string) => (await page.locator(`[data-testid="view-tab"][data-name="${name}"]`).textContent()) ?? '';
    const rowsOf = async (name: string) => Number((await tabText(name)).replace(/.*\(([\d,]+)\).*/, '$1').replace(/,/g, ''));
    expect(await rowsOf('products')).toBe(400);
    const merged = await rowsOf('customers');
    expect(merged).toBeLessThan(2000);
    expect(merged).toBeGreaterThan(2000 - truth.duplicateCustomers.reduce((n, g) => n + g.length - 1, 0) - 10);
    await page.locator('[data-testid="view-tab"][data-name="events"]').click();
    await page.getByTestId('grid-row').first().click();
    await expect.poll(() => page.getByTestId('lineage-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('lineage').textContent()).toMatch(/orders\.csv|order_lines\.csv/);

    // Everything is stored: after a reload the views and decisions are still there.
    await page.reload();
    await page.getByTestId('nav-warehouse').click();
    await expect.poll(() => page.getByTestId('view-tab').count(), { timeout: 30_000 }).toBe(5);
    expect(await page.locator('[data-testid="relationship"][data-status="confirmed"]').count()).toBe(ids.length);
    expect(await page.locator('[data-testid="relationship"][data-status="rejected"]').count()).toBe(1);
  });

  it('matches the supplier catalogue by meaning with the sentence encoder, in the fusion worker', async () => {
    await openDemoOnWasm(session);
    const { page } = session;
    await page.getByTestId('nav-warehouse').click();
    const option = (select: string, name: string) => page.getByTestId(select).locator('option', { hasText: name }).getAttribute('value');
    await page.getByTestId('link-left').selectOption((await option('link-left', 'supplier_catalogue.csv'))!);
    await page.getByTestId('link-right').selectOption((await option('link-right', 'products.json'))!);
    await page.getByTestId('link-meaning').check();
    await page.getByTestId('link-run').click();
    await expect.poll(() => page.getByTestId('link-estimates').textContent(), { timeout: 120_000 }).toMatch(/links · \d+ entities/);
    const links = Number((await page.getByTestId('link-estimates').textContent())!.replace(/,/g, '').match(/^(\d+) links/)![1]);
    expect(links).toBeGreaterThan(200);
    expect(await page.getByTestId('pair-near').first().textContent()).toContain('meaning');
    // The model files came from this origin (the harness fails the test on any other request).
    expect(await page.evaluate(() => performance.getEntriesByType('resource').length)).toBeGreaterThan(0);
  });
});
