import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, openApp, type Session } from './harness';

// Profiles, overrides and cleaning on the demo shop, in real Chromium: a one-click fix, undo and
// redo, and a type override that re-types the column and survives a reload.

let session: Session;
beforeEach(async () => {
  session = await launch();
  await openApp(session, '/?backend=wasm');
  await session.page.getByTestId('try-demo').click();
  await expect.poll(() => session.page.getByTestId('source-row').count(), { timeout: 60_000 }).toBe(7);
});
afterEach(async () => {
  await session.close();
});

const issue = (session: Session, kind: string, column: string) => session.page.locator(`[data-testid="issue"][data-kind="${kind}"][data-column="${column}"]`);
const lastJobDone = (session: Session) => expect.poll(() => session.page.locator('[data-testid="job"]').first().getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

describe('profiles and cleaning', () => {
  it('infers types and roles, fixes an issue in one click, and undoes and redoes it', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'orders.csv' }).click();
    const column = (name: string) => page.locator(`[data-testid="column-profile"][data-column="${name}"]`);
    expect(await column('CustomerID').getAttribute('data-role')).toBe('customer-id');
    expect(await column('order_date').getAttribute('data-type')).toBe('date');
    expect(await column('total').getAttribute('data-type')).toBe('decimal');
    expect(await column('total').getAttribute('data-role')).toBe('price');

    await page.getByTestId('tab-quality').click();
    const spelling = issue(session, 'inconsistent-categories', 'status');
    expect(await spelling.textContent()).toMatch(/"delivered" \/ "Delivered"/);
    // The affected rows, read back from storage on request.
    await spelling.getByTestId('issue-show-rows').click();
    // The rows are read from storage after the click: wait until they are on screen.
    await spelling.getByTestId('issue-rows').locator('tbody tr').first().waitFor();
    const affected = await spelling.getByTestId('issue-rows').locator('tbody td:nth-child(2)').allTextContents();
    expect(affected.length).toBeGreaterThan(0);
    // Each shown value is one of the spellings the issue names.
    const message = (await spelling.textContent())!;
    for (const value of affected) expect(message).toContain(JSON.stringify(value));
    // All the affected rows, on the grid: as many as the issue counts, each a spelling it names.
    const showAll = spelling.getByTestId('issue-show-all');
    const count = (await showAll.textContent())!.replace(/\D/g, '');
    await showAll.click();
    await expect.poll(() => page.getByTestId('grid-count').textContent()).toBe(`${Number(count).toLocaleString('en-US')} of 5,021 rows`);
    expect(await page.getByTestId('grid-issue').textContent()).toContain('spells the same value');
    const shown = await page.getByTestId('data-grid').locator('tbody tr:not([aria-hidden]) td:nth-child(6)').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    for (const value of shown) expect(message).toContain(JSON.stringify(value));
    await page.getByTestId('grid-issue').getByRole('button', { name: 'Show all rows' }).click();
    await expect.poll(() => page.getByTestId('grid-count').textContent()).toBe('5,021 of 5,021 rows');
    await page.getByTestId('tab-quality').click();
    await spelling.getByTestId('issue-fix').click();
    await lastJobDone(session);
    await expect.poll(() => spelling.count()).toBe(0);
    expect(await page.getByTestId('history-step').count()).toBe(1);

    // The grid shows and filters cleaned values: one spelling of "delivered" is left, and a
    // filter for the spelling the fix replaced finds nothing.
    await page.getByTestId('tab-rows').click();
    const statuses = () => page.getByTestId('data-grid').locator('tbody tr:not([aria-hidden]) td:nth-child(6)').allTextContents();
    await page.getByTestId('filter-column').selectOption('status');
    await page.getByTestId('filter-op').selectOption('equals');
    await page.getByTestId('filter-value').fill('delivered');
    await page.getByTestId('filter-add').click();
    await expect.poll(() => page.getByTestId('grid-count').textContent()).toMatch(/^[1-9][\d,]* of 5,021 rows/);
    // Pages load after the row ids arrive: wait until the filtered rows are the ones on screen.
    await expect.poll(async () => [...new Set((await statuses()).map((t) => t.trim()))]).toEqual(['delivered']);
    await page.getByTestId('filter-chip').getByRole('button', { name: 'Remove filter' }).click();
    await expect.poll(() => page.getByTestId('grid-count').textContent()).toMatch(/^5,021 of 5,021 rows/);
    await page.getByTestId('filter-value').fill('DELIVERED');
    await page.getByTestId('filter-add').click();
    await expect.poll(() => page.getByTestId('grid-count').textContent()).toMatch(/^0 of 5,021 rows/);

    await page.getByTestId('tab-quality').click();
    await page.getByTestId('undo').click();
    await lastJobDone(session);
    await expect.poll(() => spelling.count()).toBe(1);
    await page.getByTestId('redo').click();
    await lastJobDone(session);
    await expect.poll(() => spelling.count()).toBe(0);
  });

  it('re-types a column on override, and keeps the override after a reload', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'orders.csv' }).click();
    const status = page.locator('[data-testid="column-profile"][data-column="status"]');
    expect(await status.getAttribute('data-type')).toBe('categorical');
    await status.getByTestId('type-select').selectOption('text');
    await lastJobDone(session);
    await expect.poll(() => status.getAttribute('data-type')).toBe('text');
    await status.getByTestId('role-select').selectOption('category');
    await page.reload();
    await page.getByRole('button', { name: 'orders.csv' }).click();
    await expect.poll(() => status.getAttribute('data-type')).toBe('text');
    expect(await status.getAttribute('data-role')).toBe('category');
  });
});
