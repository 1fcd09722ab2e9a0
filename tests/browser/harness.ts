import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

// Real Debian Chromium with real WebGPU (SwiftShader on the CPU), launched with exactly the
// flags of shared/browser/README.md. Every request of every page, worker and service worker
// is recorded; any that leaves the app's origin is blocked and fails the test at `close()`.

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface Session {
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL requested by the pages, workers and service worker of this session. */
  requests: string[];
  /** Requests to any other origin (blocked). Must stay empty. */
  foreign: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** false launches without --enable-unsafe-webgpu: navigator.gpu offers no adapter. */
  webgpu?: boolean;
}

export async function launch({ webgpu = true }: LaunchOptions = {}): Promise<Session> {
  const baseUrl = inject('baseUrl');
  const userDataDir = mkdtempSync(join(tmpdir(), 'edgefuse-chromium-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    ignoreDefaultArgs: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(webgpu ? ['--enable-unsafe-webgpu'] : []),
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-pipe',
      'about:blank',
    ],
  });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const requests: string[] = [];
  const foreign: string[] = [];
  context.on('request', (request) => {
    requests.push(request.url());
    if (!isOwn(request.url(), baseUrl)) foreign.push(request.url());
  });
  await context.route(
    (url) => !isOwn(url.href, baseUrl),
    (route) => {
      foreign.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return {
    baseUrl,
    browser,
    context,
    page,
    requests,
    foreign,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
      expect(foreign, 'requests that left the app origin').toEqual([]);
      expect(requests.length).toBeGreaterThan(0);
    },
  };
}

function isOwn(url: string, baseUrl: string): boolean {
  return url.startsWith(`${baseUrl}/`) || url === baseUrl || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank';
}

/** Opens the app and waits for the compute backend to report. */
export async function openApp(session: Session, path = '/'): Promise<void> {
  await session.page.goto(`${session.baseUrl}${path}`);
  await expect.poll(() => session.page.getByTestId('status-backend').getAttribute('data-backend'), { timeout: 90_000 }).not.toBe('');
}

/**
 * Opens the app on WASM (persisted on the Models page: SwiftShader's WebGPU is far too slow for
 * real model work here; a real GPU is not) and loads the demo shop.
 */
export async function openDemoOnWasm(session: Session): Promise<void> {
  await openApp(session);
  const { page } = session;
  await page.getByTestId('nav-models').click();
  await page.getByTestId('backend-choice').selectOption('wasm');
  await page.getByTestId('try-demo').click();
  await expect.poll(() => page.locator('[data-testid="job"][data-kind="load-demo"]').getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
}

/**
 * Opens a Discover tab and waits until the panel has preselected its table from the roles
 * (`<tab>-table` shows `table`).
 */
export async function openDiscoverTab(session: Session, tab: string, table: string): Promise<void> {
  const { page } = session;
  await page.getByTestId('nav-discover').click();
  await page.locator(`[data-testid="discover-tab"][data-name="${tab}"]`).click();
  await expect.poll(async () => page.getByTestId(`${tab}-table`).locator('option:checked').textContent()).toBe(table);
}

/** Counts, with the raw IndexedDB API (no app code), the records of each store that mention `needle`. */
export function countRecordsMentioning(page: Page, needle: string): Promise<Record<string, number>> {
  return page.evaluate(async (needle) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('edgefuse');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const counts: Record<string, number> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      });
      counts[name] = all.filter((record) => JSON.stringify(record, (_, v: unknown) => (ArrayBuffer.isView(v) ? undefined : v)).includes(needle)).length;
    }
    db.close();
    return counts;
  }, needle);
}
