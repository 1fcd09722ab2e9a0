import { afterEach, describe, expect, it } from 'vitest';
import { launch, openDemoOnWasm, openDiscoverTab, type Session } from './harness';

// Reviews scored as they are imported, in the real browser on WASM: the Reviews analysis (a tiny
// training budget) keeps its sentiment model in the registry; a file of new reviews with the
// same title and text fields, picked afterwards, is scored by that model with no further click,
// and the clearly negative reviews are the ones called negative.

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Rows 0-5 clearly negative, rows 6-11 clearly positive. */
const newReviews = [
  ['Awful', 'Broke after two days. Complete waste of money, one star is generous.'],
  ['Very disappointed', 'Really disappointed, it arrived damaged and the quality is terrible.'],
  ['Do not buy', 'What a letdown. Cheap, flimsy and it stopped working. Returning it.'],
  ['Terrible', 'Terrible product, the worst purchase I have made. Avoid.'],
  ['Rubbish', 'Poor quality, it fell apart at once and the delivery was late too.'],
  ['Waste of money', 'Useless. It does not work at all and support never replied.'],
  ['Love it', 'Excellent quality, works perfectly. Highly recommend!'],
  ['Superb', 'Great value for money and it looks lovely. Very happy with it.'],
  ['Top notch', 'Fantastic, exactly as described and it gets compliments every time.'],
  ['Very happy', 'Perfect gift, my partner loves it. Would buy again.'],
  ['Brilliant', 'Best purchase this year, sturdy and beautifully made.'],
  ['Five stars', 'Wonderful product, fast delivery, I am delighted.'],
];
const ndjson = newReviews.map(([title, text], i) => JSON.stringify({ review_id: `N-${i + 1}`, title, text })).join('\n');

describe('discover: review scores', () => {
  it('keeps the sentiment model and scores newly imported reviews without a click', { timeout: 600_000 }, async () => {
    session = await launch();
    await openDemoOnWasm(session);
    const { page } = session;
    await openDiscoverTab(session, 'reviews', 'reviews.ndjson');
    expect(await page.getByTestId('review-scores-auto').isChecked()).toBe(true);
    await page.getByTestId('reviews-steps').fill('5');
    await page.getByTestId('reviews-train-rows').fill('120');
    await page.getByTestId('reviews-run').click();
    await expect.poll(() => page.getByTestId('reviews-model-row').count(), { timeout: 540_000, interval: 2000 }).toBeGreaterThanOrEqual(2);

    // The analysis kept its classifier: a sentiment model in the registry.
    await page.getByTestId('nav-models').click();
    await expect.poll(() => page.locator('[data-testid="model-row"][data-task="sentiment"]').count(), { timeout: 10_000 }).toBe(1);

    // New reviews arrive by file picking; nothing else is clicked.
    await page.getByTestId('nav-sources').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'new-reviews.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) });
    await page.getByTestId('nav-discover').click();
    const scored = page.locator('[data-testid="review-scores-source"][data-source="new-reviews.ndjson"]');
    await expect.poll(() => scored.count(), { timeout: 180_000, interval: 1000 }).toBe(1);
    expect(await page.locator('[data-testid="job"][data-kind="score-reviews"]').first().getAttribute('data-status')).toBe('done');

    const flagged = await scored.getByTestId('review-scores-negative').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-row'))));
    const negatives = flagged.filter((row) => row < 6).length;
    const positives = flagged.filter((row) => row >= 6).length;
    expect(negatives, `rows called negative: ${flagged.join(', ')}`).toBeGreaterThan(positives);
    expect(await scored.textContent()).toContain('12 reviews scored');
  });
});
