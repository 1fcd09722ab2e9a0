import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFixtures, writeLargeCsv, writePackedFixtures, type Fixture } from './fixtures';
import { launch, openApp, type Session } from './harness';

// Importing the user's own files in real Chromium: by picking and by dropping, every format,
// encodings, rows kept aside, duplicates and cancel. (Running out of storage is tested in
// tests/unit/ingest/import-files.test.ts: Chromium's quota override does not reach IndexedDB.)

let fixtures: { dir: string; files: Fixture[] };
beforeAll(async () => {
  fixtures = await writeFixtures();
});

let session: Session;
beforeEach(async () => {
  session = await launch();
  await openApp(session, '/?backend=wasm');
});
afterEach(async () => {
  await session.close();
});

async function sourceRows(session: Session): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const row of await session.page.getByTestId('source-row').all()) {
    rows[(await row.getAttribute('data-name'))!] = Number((await row.getByTestId('source-rows').textContent())!.replace(/,/g, ''));
  }
  return rows;
}

const expectedTables = (files: Fixture[]) => Object.assign({}, ...files.map((f) => f.tables)) as Record<string, number>;
const lastImport = (session: Session) => session.page.locator('[data-testid="job"][data-kind="import-files"]').first();

async function dropFiles(session: Session, files: Fixture[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: readFileSync(f.path).toString('base64') }));
  const transfer = await session.page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) dt.items.add(new File([Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0))], item.name));
    return dt;
  }, payload);
  await session.page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

describe('import', () => {
  it('imports every format by file picking, with encodings detected and bad rows kept aside', async () => {
    const { page } = session;
    await page.getByTestId('file-input').setInputFiles(fixtures.files.map((f) => f.path));
    await expect.poll(() => lastImport(session).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await sourceRows(session)).toEqual(expectedTables(fixtures.files));
    const summary = page.getByTestId('import-summary');
    expect(await summary.textContent()).toContain('1 image(s)');
    expect(await summary.getByTestId('import-malformed').textContent()).toContain('reviews.ndjson: 1 row');
    expect(await summary.getByTestId('import-encoding').count()).toBe(0);

    // GBK is recognised and decoded: the Chinese header and values read back as written.
    await page.getByRole('button', { name: 'prices-gbk.csv' }).click();
    expect(await page.getByTestId('source-origin').textContent()).toContain('gb18030');
    expect(await page.getByTestId('column-profile').first().getAttribute('data-column')).toBe('商品');
    await page.getByTestId('tab-rows').click();
    await expect.poll(() => page.getByTestId('data-grid').locator('tbody').textContent()).toContain('中文商品');

    await page.getByRole('button', { name: 'legacy-1252.csv' }).click();
    expect(await page.getByTestId('source-origin').textContent()).toContain('windows-1252');
    await page.getByTestId('tab-rows').click();
    await expect.poll(() => page.getByTestId('data-grid').locator('tbody').textContent()).toContain('Café');

    // The European CSV: semicolons, decimal commas and currency read as money.
    await page.getByRole('button', { name: 'orders-eu.csv' }).click();
    await page.getByTestId('tab-columns').click();
    expect(await page.locator('[data-testid="column-profile"][data-column="total"]').getAttribute('data-type')).toBe('decimal');
    expect(await page.locator('[data-testid="column-profile"][data-column="total"]').textContent()).toContain('1,234.5');

    // The dropped image P-1.png is linked to the Parquet rows whose sku names it.
    await page.getByRole('button', { name: 'sales.parquet' }).click();
    await page.getByTestId('tab-rows').click();
    await expect.poll(() => page.getByTestId('thumbnail').count()).toBe(1);
    expect(await page.getByTestId('thumbnail').locator('xpath=..').textContent()).toContain('P-1');

    await page.getByRole('button', { name: 'reviews.ndjson' }).click();
    await page.getByTestId('tab-kept-aside').click();
    expect(await page.getByTestId('malformed-rows').locator('tbody tr').first().textContent()).toMatch(/^2/);
  });

  it('imports every format by drop, archives too, asks before importing a file again, and cancels cleanly', async () => {
    const { page } = session;
    const packed = writePackedFixtures(fixtures.dir);
    await dropFiles(session, [...fixtures.files, ...packed]);
    await expect.poll(() => lastImport(session).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    // The source list is its own live query: it may show the last table a moment after the job is done.
    await expect.poll(() => sourceRows(session)).toEqual(expectedTables([...fixtures.files, ...packed]));
    const tables = Object.keys(expectedTables([...fixtures.files, ...packed])).length;

    // The same file again: the user is asked; declining imports nothing.
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.message()))));
    await page.getByTestId('file-input').setInputFiles(packed[0]!.path);
    expect(await dialog).toContain('visits.csv.gz');
    await page.waitForTimeout(500);
    expect(Object.keys(await sourceRows(session))).toHaveLength(tables);

    // A large import, cancelled mid-way, leaves no half-written source.
    const large = writeLargeCsv(fixtures.dir, 400_000);
    await page.getByTestId('file-input').setInputFiles(large);
    const job = lastImport(session);
    await expect.poll(() => job.getByTestId('job-progress').textContent(), { timeout: 60_000 }).toMatch(/\d+%.*Importing large\.csv/s);
    await job.getByTestId('job-cancel').click();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 60_000 }).toBe('cancelled');
    expect(Object.keys(await sourceRows(session))).toHaveLength(tables);
    const leftovers = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('edgefuse');
        r.onsuccess = () => resolve(r.result);
      });
      const all = await new Promise<{ name: string }[]>((resolve) => {
        const r = db.transaction('sources').objectStore('sources').getAll();
        r.onsuccess = () => resolve(r.result as { name: string }[]);
      });
      return all.filter((s) => s.name === 'large.csv').length;
    });
    expect(leftovers).toBe(0);
  });
});
