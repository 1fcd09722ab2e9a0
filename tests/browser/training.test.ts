import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, openDemoOnWasm, type Session } from './harness';

// Training in the real browser: the demo's review texts predict their stars (USE-lite with LoRA
// adapters, in the ML worker on WASM: SwiftShader's WebGPU is too slow here), curves drawn while
// the job runs, the model in the registry with its card, exported to a file and imported back.

let session: Session;
let scratch: string;
beforeEach(async () => {
  session = await launch();
  scratch = mkdtempSync(join(tmpdir(), 'edgefuse-train-'));
});
afterEach(async () => {
  await session.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('training', () => {
  it('fine-tunes the encoder on a source, charts the run, registers, exports and imports the model', { timeout: 420_000 }, async () => {
    await openDemoOnWasm(session);
    const { page } = session;
    await page.getByTestId('nav-models').click();

    const reviews = await page.getByTestId('train-source').locator('option', { hasText: 'reviews.ndjson' }).getAttribute('value');
    await page.getByTestId('train-source').selectOption(reviews!);
    await page.getByTestId('train-text').selectOption('text');
    await page.getByTestId('train-label').selectOption('stars');
    await page.getByTestId('train-steps').fill('10');
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('train-curves').locator('svg').count(), { timeout: 120_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="job"][data-kind="fine-tune"]').getAttribute('data-status'), { timeout: 240_000 }).toBe('done');

    const row = page.getByTestId('model-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getAttribute('data-task')).toBe('classification');
    expect(await row.textContent()).toMatch(/reviews\.ndjson · text → stars/);
    expect(await row.textContent()).toMatch(/validationAccuracy \d\.\d{3}/);
    expect(await page.getByTestId('train-summary').textContent()).toMatch(/backend wasm/);

    // Export: a download made in the page (nothing is uploaded); import: the same file back.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('model-export').click()]);
    const file = join(scratch, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.edgefuse-model$/);
    await page.getByTestId('model-import').setInputFiles(file);
    await expect.poll(() => row.count()).toBe(2);
  });
});
