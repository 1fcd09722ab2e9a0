import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/lib/demo';
import { launch, openDemoOnWasm, openDiscoverTab, type Session } from './harness';

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
    await openDiscoverTab(session, 'reviews', 'reviews.ndjson');
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
    expect(await page.getByTestId('reviews-figures-title').textContent()).toMatch(/^Sentiment on \d/); // star classes: sentiment
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

  it('keeps the label column out of the text, fits the map to it, and a map that fits nothing fails with no Resume', { timeout: 300_000 }, async () => {
    session = await launch();
    await openDemoOnWasm(session);
    const { page } = session;
    await openDiscoverTab(session, 'reviews', 'reviews.ndjson');
    const textBox = (name: string) => page.locator(`[data-testid="reviews-text"][data-name="${name}"] input`);
    const map = page.getByTestId('reviews-label-map');
    expect(await map.inputValue()).toBe('1-2:negative,3:neutral,4-5:positive'); // stars: the star map
    expect(await textBox('title').isChecked()).toBe(true);

    // The title as the label: no longer offered as text, and its values are classes as they are.
    await page.getByTestId('reviews-label').selectOption('title');
    await expect.poll(() => textBox('title').count()).toBe(0);
    expect(await map.inputValue()).toBe('');

    // The star map forced onto text labels fails at once, saying why; resuming could only fail again.
    await map.fill('1-2:negative,3:neutral,4-5:positive');
    await page.getByTestId('reviews-run').click();
    const job = page.locator('[data-testid="job"][data-kind="review-analysis"]').first();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 120_000 }).toBe('failed');
    expect(await job.textContent()).toContain('No value of "title" matches the label map 1-2:negative,3:neutral,4-5:positive');
    expect(await job.getByTestId('job-resume').count()).toBe(0);
    expect(await job.getByTestId('job-fix-inputs').count()).toBe(1);

    // Back to the stars: the map follows, and the title is offered as text again (unticked).
    await page.getByTestId('reviews-label').selectOption('stars');
    expect(await map.inputValue()).toBe('1-2:negative,3:neutral,4-5:positive');
    expect(await textBox('title').isChecked()).toBe(false);
  });
});
