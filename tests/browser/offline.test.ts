import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, openApp, type Session } from './harness';

// The production build keeps working with no network once loaded: the service worker serves the
// app shell, workers and wasm, and the data are in IndexedDB.

let session: Session;
beforeEach(async () => {
  session = await launch();
});
afterEach(async () => {
  await session.close();
});

describe('offline', () => {
  it('reloads and works with the network cut', async () => {
    await openApp(session, '/?backend=wasm');
    const { page, context } = session;
    await page.getByTestId('try-demo').click();
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 60_000 }).toBe(7);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // A controlled page: reload once so this page is served through the worker.
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const cacheNames = await page.evaluate(() => caches.keys());
    expect(cacheNames.some((name) => name.startsWith('edgefuse-app-'))).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 60_000 }).toBe(7);
    // Workers and the wasm binaries come from the cache too: compute starts, on WASM.
    await expect.poll(() => page.getByTestId('status-backend').getAttribute('data-backend'), { timeout: 60_000 }).toBe('wasm');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await context.setOffline(false);
  });
});
