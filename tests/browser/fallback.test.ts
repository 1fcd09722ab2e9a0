import { afterEach, describe, expect, it } from 'vitest';
import { launch, openApp, type Session } from './harness';

// Without WebGPU the app falls back to WASM, says why, and still works end to end; with WebGPU,
// a lost GPU device falls back the same way.

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('compute fallback', () => {
  it('uses WASM when the browser offers no WebGPU adapter, and still loads and computes', async () => {
    session = await launch({ webgpu: false });
    await openApp(session);
    const { page } = session;
    expect(await page.getByTestId('status-backend').getAttribute('data-backend')).toBe('wasm');
    expect(await page.getByTestId('status-backend-reason').textContent()).toMatch(/WASM fallback: .*(no WebGPU adapter|no WebGPU)/);
    // Cross-origin isolated, so the WASM backend may use threads.
    expect(await page.getByTestId('status-backend').textContent()).toMatch(/WASM · \d+ threads?/);

    await page.getByTestId('try-demo').click();
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 60_000 }).toBe(7);
    await page.getByTestId('nav-models').click();
    await page.getByTestId('benchmark-run').click();
    await expect.poll(() => page.getByTestId('benchmark-result').count(), { timeout: 120_000 }).toBe(1);
    const gflops = Number(await page.getByTestId('benchmark-result').locator('td.num').textContent());
    expect(gflops).toBeGreaterThan(0);
  });

  it('falls back to WASM when the GPU device is lost', async () => {
    session = await launch();
    await openApp(session);
    const { page } = session;
    expect(await page.getByTestId('status-backend').getAttribute('data-backend')).toBe('webgpu');
    await page.getByTestId('nav-models').click();
    await page.getByTestId('lose-gpu').click();
    await expect.poll(() => page.getByTestId('status-backend').getAttribute('data-backend'), { timeout: 60_000 }).toBe('wasm');
    expect(await page.getByTestId('status-backend-reason').textContent()).toMatch(/WASM fallback: .*(lost|destroyed)/i);
  });
});
