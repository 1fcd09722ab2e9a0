import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateDemoShop } from '../../src/lib/demo';
import { launch, openDemoOnWasm, openDiscoverTab, type Session } from './harness';

// The label queue on the demo's reviews, in the real browser on WASM: with no label column the
// analysis starts zero-shot and offers the reviews it is least sure of; the "user" labels them
// from the demo's own star ratings (what a person reading them would say), the labels survive a
// reload, and "Train on my labels" fine-tunes on them (a few steps), evaluated on held-out labels
// beside the TF-IDF baseline.

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const classOfStars = (stars: number) => (stars <= 2 ? 'negative' : stars === 3 ? 'neutral' : 'positive');
const classes = ['negative', 'neutral', 'positive'];

async function labelCounts(page: Page): Promise<number[]> {
  return Promise.all(classes.map(async (name) => Number((await page.locator(`[data-testid="label-count"][data-class="${name}"]`).textContent())?.split(' ').at(-1))));
}

describe('discover: review labels', () => {
  it('queues uncertain reviews zero-shot, keeps the labels across a reload, and trains on them beside the baseline', { timeout: 900_000 }, async () => {
    const reviewsFile = generateDemoShop({ seed: 42, scale: 1 }).files.find((f) => f.name === 'reviews.ndjson')!;
    const demoReviews = reviewsFile.text!.trim().split('\n').map((line) => JSON.parse(line) as { stars: number; text: string });
    session = await launch();
    await openDemoOnWasm(session);
    const { page } = session;
    await openDiscoverTab(session, 'reviews', 'reviews.ndjson');
    await page.getByTestId('reviews-label').selectOption('');
    await page.getByTestId('reviews-steps').fill('8');
    await page.getByTestId('reviews-train-rows').fill('200');

    // Label whole queues with the stars until every class has enough (the first queue usually does).
    let counts = [0, 0, 0];
    for (let round = 0; round < 2 && (round === 0 || counts.some((n) => n < 4)); round++) {
      await page.getByTestId('reviews-run').click();
      await expect.poll(() => page.getByTestId('label-queue-item').count(), { timeout: 420_000, interval: 2000 }).toBeGreaterThan(0);
      expect(await page.getByTestId('reviews-model-row').count()).toBe(0); // zero-shot: nothing to evaluate yet
      for (let left = await page.getByTestId('label-queue-item').count(); left > 0; left--) {
        const item = page.getByTestId('label-queue-item').first();
        const row = Number(await item.getAttribute('data-row'));
        const review = demoReviews[row]!;
        expect(await item.locator('p').first().textContent()).toContain(review.text.slice(0, 40)); // the queue's row is the demo's row
        await item.locator(`[data-testid="label-button"][data-label="${classOfStars(review.stars)}"]`).click();
        await expect.poll(() => page.getByTestId('label-queue-item').count()).toBe(left - 1);
      }
      if (round === 0) {
        // A label can be taken back: undo returns the review to the queue and its count drops; then it is labelled again.
        const before = await labelCounts(page);
        await page.getByTestId('label-answered').locator('summary').click();
        const answered = page.getByTestId('label-answered-item').first();
        const row = Number(await answered.getAttribute('data-row'));
        await answered.getByTestId('label-undo').click();
        await expect.poll(() => page.getByTestId('label-queue-item').count()).toBe(1);
        const k = classes.indexOf(classOfStars(demoReviews[row]!.stars));
        await expect.poll(() => labelCounts(page)).toEqual(before.map((n, i) => (i === k ? n - 1 : n)));
        await page.locator(`[data-testid="label-queue-item"][data-row="${row}"] [data-testid="label-button"][data-label="${classOfStars(demoReviews[row]!.stars)}"]`).click();
        await expect.poll(() => labelCounts(page)).toEqual(before);
      }
      counts = await labelCounts(page);
    }
    expect(counts.every((n) => n >= 4), String(counts)).toBe(true);

    // Labels are stored at once: a reload finds them, and the labelled reviews stay out of the queue.
    await page.reload();
    await page.getByTestId('nav-discover').click();
    await page.locator('[data-testid="discover-tab"][data-name="reviews"]').click();
    await expect.poll(() => labelCounts(page), { timeout: 30_000 }).toEqual(counts);
    expect(await page.getByTestId('label-queue-item').count()).toBe(0);

    await page.getByTestId('reviews-steps').fill('8');
    await page.getByTestId('reviews-train-rows').fill('200');
    await page.getByTestId('pseudo-label').check();
    await page.getByTestId('train-my-labels').click();
    await expect.poll(() => page.getByTestId('reviews-model-row').count(), { timeout: 420_000, interval: 2000 }).toBeGreaterThanOrEqual(2);
    const accuracies: Record<string, number> = {};
    for (const name of ['Fine-tuned encoder', 'TF-IDF + logistic regression']) {
      accuracies[name] = Number(await page.locator(`[data-testid="reviews-model-row"][data-name="${name}"]`).getByTestId('reviews-accuracy').textContent());
    }
    console.log(`trained on ${counts.join('/')} user labels: ${JSON.stringify(accuracies)}`);
    // Held-out labels are the queue's picks, the reviews zero-shot found hardest, and only ~30% of
    // ~40 labels: 12 reviews, so one review moves accuracy by 0.08 (runs here gave the encoder 0.33
    // to 0.42, TF-IDF 0.50 after 8 steps). The browser asks that real figures are shown on the
    // right held-out rows; quality from user labels is asserted in tests/unit/reviews/user-labelling.test.ts.
    for (const accuracy of Object.values(accuracies)) {
      expect(accuracy).toBeGreaterThanOrEqual(0); // NaN (a '–') fails
      expect(accuracy).toBeLessThanOrEqual(1);
    }
    const heldOut = Math.round(counts[0]! * 0.3) + Math.round(counts[1]! * 0.3) + Math.round(counts[2]! * 0.3);
    expect(await page.getByText(`Sentiment on ${heldOut} held-out reviews`).count()).toBe(1);
    // The next queue comes from the trained model.
    expect(await page.getByTestId('label-queue').textContent()).toContain('trained on your labels');
    expect(await page.getByTestId('label-queue-item').count()).toBeGreaterThan(0);
  });
});
