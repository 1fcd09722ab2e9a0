import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, openApp, type Session } from './harness';

// The app shell on real Chromium with WebGPU: sections, the truthful status bar, isolation
// headers and the security policy.

let session: Session;
beforeEach(async () => {
  session = await launch();
});
afterEach(async () => {
  await session.close();
});

describe('app shell', () => {
  it('loads with all sections and a status bar naming the WebGPU adapter', async () => {
    await openApp(session);
    const { page } = session;
    for (const section of ['sources', 'warehouse', 'discover', 'models', 'privacy']) {
      await page.getByTestId(`nav-${section}`).click();
      await expect.poll(() => page.locator('h1').textContent()).toMatch(new RegExp(section, 'i'));
    }
    const backend = page.getByTestId('status-backend');
    expect(await backend.getAttribute('data-backend')).toBe('webgpu');
    // SwiftShader here; a real GPU elsewhere. Either way the adapter's own words are shown.
    const adapter = await page.evaluate(async () => {
      const { vendor, architecture } = (await navigator.gpu.requestAdapter())!.info;
      return { vendor, architecture };
    });
    expect(adapter.vendor).not.toBe('');
    expect(await backend.textContent()).toContain(adapter.vendor);
    expect(await backend.textContent()).toContain(adapter.architecture);
    await expect.poll(() => page.getByTestId('status-storage').textContent()).toMatch(/Storage .+ of .+B/);
    expect(await page.getByTestId('status-persisted').textContent()).toMatch(/ersisted/);
    expect(await page.getByTestId('status-jobs').textContent()).toMatch(/^\d+ jobs? running$/);
  });

  it('is cross-origin isolated and forbids connections to other origins', async () => {
    await openApp(session);
    const { page } = session;
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toContain("connect-src 'self'");
    // The browser itself refuses: the request never reaches the network (nor the router).
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const result = await fetch('https://example.com/collect', { method: 'POST', body: 'x' }).then(
        () => 'sent',
        () => 'refused',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { result, violations };
    });
    expect(outcome.result).toBe('refused');
    expect(outcome.violations).toContain('connect-src');
    await page.getByTestId('nav-privacy').click();
    expect(await page.getByTestId('egress-foreign').textContent()).toMatch(/^0 request/);
  });
});
