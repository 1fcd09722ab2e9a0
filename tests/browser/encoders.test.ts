import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launch, openApp, openDemoOnWasm, type Session } from './harness';

// Pretrained encoders besides USE-lite: a BERT-family folder picked on the Models page, and a
// Hub download made by the separate hub.html page only after the user's explicit yes (the Hub
// is played by a route that serves the repo's tiny BERT). Then training starts from the added
// encoder, and a training run survives a lost GPU device by resuming on WASM.

const tinyBertDir = resolve(import.meta.dirname, '../fixtures/tiny-bert');
const hubId = 'edgefuse-test/tiny-bert';

let session: Session | undefined;

async function selectReviews({ page }: Session): Promise<void> {
  const reviews = await page.getByTestId('train-source').locator('option', { hasText: 'reviews.ndjson' }).getAttribute('value');
  await page.getByTestId('train-source').selectOption(reviews!);
  await page.getByTestId('train-text').selectOption('text');
}
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('pretrained encoders', () => {
  it('adds a BERT-family model from a folder, and one downloaded by the Hub page after opt-in; fine-tunes from it', async () => {
    session = await launch();
    const { page, context } = session;
    // The Hub, offline: resolve URLs of the tiny model answer with its files (CORS as the Hub does).
    const hubRequests: string[] = [];
    await context.route('https://huggingface.co/**', async (route) => {
      const url = route.request().url();
      hubRequests.push(url);
      const file = url.split('/resolve/main/')[1] ?? '';
      if (!url.includes(`/${hubId}/resolve/main/`) || !['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'].includes(file)) return route.fulfill({ status: 404, headers: { 'access-control-allow-origin': '*' } });
      return route.fulfill({ status: 200, body: await readFile(join(tinyBertDir, file)), headers: { 'access-control-allow-origin': '*', 'content-type': 'application/octet-stream' } });
    });

    await openDemoOnWasm(session);
    await page.getByTestId('nav-models').click();
    await page.getByTestId('add-model-folder').setInputFiles(tinyBertDir);
    await expect.poll(() => page.getByTestId('add-model-done').textContent(), { timeout: 60_000 }).toMatch(/Added tiny-bert/);
    await expect.poll(() => page.locator('[data-testid="model-row"][data-task="embedding"]').count()).toBe(1);

    // Not downloaded yet: the app says so, and asks nothing of huggingface.co.
    await page.getByTestId('hub-model-id').fill(hubId);
    await page.getByTestId('hub-model-add').click();
    await expect.poll(() => page.getByTestId('add-model-error').textContent()).toMatch(/not downloaded in this browser yet/);
    expect(hubRequests).toEqual([]);

    // The download page: nothing is fetched until the box is ticked and Download pressed.
    const hub = await context.newPage();
    await hub.goto(`${session.baseUrl}/hub.html`);
    await expect.poll(() => hub.getByTestId('hub-notice').textContent()).toMatch(/connects to https:\/\/huggingface\.co/);
    await hub.getByTestId('hub-id').fill(hubId);
    expect(await hub.getByTestId('hub-download').isDisabled()).toBe(true);
    expect(hubRequests).toEqual([]);
    await hub.getByTestId('hub-consent').check();
    await hub.getByTestId('hub-download').click();
    await expect.poll(() => hub.getByTestId('hub-done').count(), { timeout: 60_000 }).toBe(1);
    expect(hubRequests.length).toBeGreaterThanOrEqual(3);
    await hub.close();

    // Back in the app: added from the browser's cache, with no request of the app's own.
    const before = hubRequests.length;
    await page.getByTestId('hub-model-add').click();
    await expect.poll(() => page.getByTestId('add-model-done').textContent(), { timeout: 60_000 }).toMatch(new RegExp(`Added ${hubId}`));
    expect(hubRequests.length).toBe(before);
    await expect.poll(() => page.locator('[data-testid="model-row"][data-task="embedding"]').count()).toBe(2);

    // Fine-tune the reviews' sentiment label from the added encoder.
    await selectReviews(session);
    await page.getByTestId('train-label').selectOption('stars');
    await page.getByTestId('train-base').selectOption({ label: hubId });
    await page.getByTestId('train-steps').fill('10');
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.locator('[data-testid="model-row"][data-task="classification"]').count(), { timeout: 120_000 }).toBe(1);

    // The only foreign requests were the Hub page's, all to huggingface.co.
    expect(session.foreign.every((url) => url.startsWith('https://huggingface.co/'))).toBe(true);
    session.foreign.length = 0;
  });

  it('a training run on WebGPU whose device is lost resumes on WASM from its checkpoint and finishes', { timeout: 600_000 }, async () => {
    session = await launch();
    const { page } = session;
    await openApp(session);
    expect(await page.getByTestId('status-backend').getAttribute('data-backend')).toBe('webgpu');
    await page.getByTestId('try-demo').click();
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 60_000 }).toBe(7);
    await page.getByTestId('nav-models').click();
    await selectReviews(session);
    await page.getByTestId('pretrain-tokenizer').selectOption('char');
    // SwiftShader's WebGPU takes tens of seconds a step here: a short run, a checkpoint each step.
    await page.getByTestId('train-steps').fill('6');
    await page.getByTestId('pretrain-start').click();
    // Past the first checkpoint, lose the device.
    const lastStep = () => page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open('edgefuse'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      const checkpoints = await new Promise<{ step: number }[]>((ok) => { const r = db.transaction('checkpoints').objectStore('checkpoints').getAll(); r.onsuccess = () => ok(r.result as { step: number }[]); });
      db.close();
      return Math.max(-1, ...checkpoints.map((c) => c.step));
    });
    await expect.poll(lastStep, { timeout: 400_000, interval: 1000 }).toBeGreaterThanOrEqual(1);
    await page.getByTestId('lose-gpu').click();
    await expect.poll(() => page.getByTestId('status-backend').getAttribute('data-backend'), { timeout: 60_000 }).toBe('wasm');
    await expect.poll(() => page.locator('[data-testid="model-row"][data-task="mlm"]').count(), { timeout: 120_000 }).toBe(1);
    expect(await page.getByTestId('train-summary').textContent()).toMatch(/backend wasm/);
    // One run, resumed: its curve has each step once.
    const steps = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open('edgefuse'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      const runs = await new Promise<{ kind: string; metrics: { step: number; values: Record<string, number> }[] }[]>((ok) => { const r = db.transaction('runs').objectStore('runs').getAll(); r.onsuccess = () => ok(r.result as never); });
      db.close();
      return runs.filter((r) => r.kind === 'pretrain').map((r) => r.metrics.filter((m) => m.values['loss'] !== undefined).map((m) => m.step));
    });
    expect(steps).toHaveLength(1);
    expect(new Set(steps[0]).size).toBe(steps[0]!.length);
    expect(Math.max(...steps[0]!)).toBeGreaterThanOrEqual(5);
  });
});
