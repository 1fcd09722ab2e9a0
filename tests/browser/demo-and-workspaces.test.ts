import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/lib/demo';
import { countRecordsMentioning, launch, openApp, type Session } from './harness';

// The demo workspace end to end: generated and imported in a worker, stored as column chunks,
// still there after a reload, and gone, every byte, after a delete.

function expectedRows(): Map<string, number> {
  const rows = new Map<string, number>();
  for (const file of generateDemoShop({ seed: 42, scale: 1 }).files) {
    if (file.name.endsWith('.csv')) rows.set(file.name, Papa.parse(file.text, { header: true, skipEmptyLines: 'greedy' }).data.length);
    else if (file.name.endsWith('.ndjson')) rows.set(file.name, file.text.split('\n').filter((l) => l.trim()).length);
    else rows.set(file.name, (JSON.parse(file.text) as unknown[]).length);
  }
  return rows;
}

let session: Session;
beforeEach(async () => {
  session = await launch();
});
afterEach(async () => {
  await session.close();
});

async function sourceRows(session: Session): Promise<Map<string, number>> {
  const rows = new Map<string, number>();
  for (const row of await session.page.getByTestId('source-row').all()) {
    rows.set((await row.getAttribute('data-name'))!, Number((await row.getByTestId('source-rows').textContent())!.replace(/,/g, '')));
  }
  return rows;
}

describe('demo workspace', () => {
  it('loads the demo shop in a worker, survives a reload, and a delete leaves nothing behind', async () => {
    await openApp(session);
    const { page } = session;
    const expected = expectedRows();
    await page.getByTestId('try-demo').click();
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 60_000 }).toBe(expected.size);
    expect(await sourceRows(session)).toEqual(expected);
    // The import ran in the ingest worker, not on the page's thread.
    expect(page.workers().map((w) => w.url()).some((url) => url.includes('ingest.worker'))).toBe(true);
    const job = page.locator('[data-testid="job"][data-kind="load-demo"]');
    await expect.poll(() => job.getAttribute('data-status')).toBe('done');
    // The grid reads rows back from the column chunks.
    await page.getByTestId('tab-rows').click();
    await expect.poll(() => page.getByTestId('data-grid').locator('tbody tr:not([aria-hidden])').count()).toBeGreaterThan(0);

    await page.reload();
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 30_000 }).toBe(expected.size);
    expect(await sourceRows(session)).toEqual(expected);
    await page.getByTestId('nav-warehouse').click();
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(await page.getByTestId('stat-rows').textContent()).toBe(total.toLocaleString('en-US'));

    // Delete: every record that mentions the workspace id goes, in every store, and its caches.
    const workspaceId = await page.getByTestId('workspace-select').inputValue();
    await page.evaluate(async (id) => {
      const cache = await caches.open(`edgefuse-ws-${id}`);
      await cache.put('/models/probe.bin', new Response('weights'));
    }, workspaceId);
    const before = await countRecordsMentioning(page, workspaceId);
    expect(before['chunks']).toBeGreaterThan(expected.size);
    expect(before['workspaces']).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('workspace-delete').click();
    await expect.poll(() => countRecordsMentioning(page, workspaceId)).toEqual(Object.fromEntries(Object.keys(before).map((k) => [k, 0])));
    expect(await page.evaluate(() => caches.keys())).not.toContainEqual(expect.stringContaining(workspaceId));
    await page.getByTestId('nav-sources').click();
    await expect.poll(() => page.getByTestId('welcome').isVisible()).toBe(true);
  });
});

describe('workspaces', () => {
  it('creates, renames and deletes', async () => {
    await openApp(session);
    const { page } = session;
    const select = page.getByTestId('workspace-select');
    await page.getByTestId('workspace-new').click();
    await page.getByTestId('workspace-name').fill('Spring sale');
    await page.getByTestId('workspace-save').click();
    await expect.poll(() => select.locator('option:checked').textContent()).toBe('Spring sale');
    await page.getByTestId('workspace-rename').click();
    await page.getByTestId('workspace-name').fill('Autumn sale');
    await page.getByTestId('workspace-save').click();
    await expect.poll(() => select.locator('option:checked').textContent()).toBe('Autumn sale');
    await page.reload();
    await expect.poll(() => select.locator('option:checked').textContent()).toBe('Autumn sale');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('workspace-delete').click();
    await expect.poll(() => select.locator('option').allTextContents()).toEqual(['No workspace yet']);
  });
});
