// The launcher every browser benchmark shares: builds its page like the app (a Vite config of
// its own), serves it with the same preview server as `npm start`, starts Chromium headless with
// a throwaway profile, hands the browser and the page's base URL to `run`, and cleans up whatever
// happens. Environment: CHROMIUM_PATH (default /usr/bin/chromium).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build, preview } from 'vite';

/** CHROMIUM_GPU_FLAGS, or plain WebGPU (SwiftShader here); on a real GPU over Vulkan e.g. '--enable-unsafe-webgpu --enable-features=Vulkan --use-angle=vulkan'. */
export const gpuFlags = (): string[] => (process.env['CHROMIUM_GPU_FLAGS'] ?? '--enable-unsafe-webgpu').split(' ').filter(Boolean);

/** `performance.measureUserAgentSpecificMemory()` without waiting for a GC: for peak-memory figures. */
export const eagerMemoryFlag = '--enable-blink-features=ForceEagerMeasureMemory';

export async function withBenchBrowser<T>(configFile: string, flags: readonly string[], run: (browser: Browser, base: string) => Promise<T>): Promise<T> {
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const userDataDir = mkdtempSync(join(tmpdir(), 'edgefuse-bench-'));
  try {
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      ignoreDefaultArgs: true,
      args: ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ...flags, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'],
    });
    try {
      return await run(browser, `http://127.0.0.1:${address.port}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
