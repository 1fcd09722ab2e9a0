import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/lib/demo';
import { launch, openDemoOnWasm, type Session } from './harness';

// Review intelligence on the demo's reviews, in the real browser on WASM: a fine-tuned sentiment
// model beside the TF-IDF baseline on the same held-out reviews, explanations, topics, aspects,
// and the planted delivery-complaint spike found by the monitor. A small training budget keeps it
// to minutes here; the quality figures come from the CLI (README).

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('discover: reviews', () => {
  it('fine-tunes sentiment beside the baseline, explains, finds topics, aspects and the planted spike', { timeout: 600_000 }, async () => {
    const truth = generateDemoShop({ seed: 42, scale: 1 }).truth;
    session = await launch();
    await openDemoOnWasm(session);
    const { page } = session;
    await page.getByTestId('nav-discover').click();
    await page.locator('[data-testid="discover-tab"][data-name="reviews"]').click();
    await expect.poll(async () => page.getByTestId('reviews-table').locator('option:checked').textContent()).toBe('reviews.ndjson');
    expect(await page.getByTestId('reviews-label').inputValue()).toBe('stars');
    await page.getByTestId('reviews-steps').fill('20');
    await page.getByTestId('reviews-train-rows').fill('300');
    await page.getByTestId('reviews-run').click();
    await expect.poll(() => page.getByTestId('reviews-model-row').count(), { timeout: 540_000, interval: 2000 }).toBeGreaterThanOrEqual(2);

    // Both models on the same held-out reviews, well above chance (three classes).
    for (const name of ['Fine-tuned encoder', 'TF-IDF + logistic regression']) {
      const row = page.locator(`[data-testid="reviews-model-row"][data-name="${name}"]`);
      const accuracy = Number(await row.getByTestId('reviews-accuracy').textContent());
      expect(accuracy, name).toBeGreaterThan(0.45);
      expect(accuracy, name).toBeLessThanOrEqual(1);
    }
    expect(await page.getByTestId('reviews-confusion').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('reviews-explained').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('reviews-topic').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('reviews-aspects').locator('tbody tr').count()).toBeGreaterThan(3);

    // The demo plants a burst of delivery complaints about one product in one month.
    const spike = truth.deliverySpike;
    const alerts = await page.getByTestId('reviews-alert').allTextContents();
    expect(alerts.some((a) => a.includes(spike.sku) && a.includes(spike.month)), alerts.join('\n')).toBe(true);
    const drivers = await page.getByTestId('reviews-driver').allTextContents();
    expect(drivers.some((d) => d.includes(spike.sku) && d.includes('delivery')), drivers.join('\n')).toBe(true);

    await page.reload();
    await page.getByTestId('nav-discover').click();
    await expect.poll(() => page.getByTestId('reviews-model-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  });
});
