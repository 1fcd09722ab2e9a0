import { chromium } from 'playwright-core';
const ctx = await chromium.launchPersistentContext(`/tmp/dbg-${Date.now()}`, { executablePath: '/usr/bin/chromium', ignoreDefaultArgs: true, args: ['--headless','--no-sandbox','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync','--remote-debugging-pipe','about:blank'] });
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:4173/?backend=wasm');
const cdp = await ctx.newCDPSession(page);
await cdp.send('Storage.overrideQuotaForOrigin', { origin: 'http://127.0.0.1:4173', quotaSize: 1000000 });
console.log(await page.evaluate(async () => JSON.stringify(await navigator.storage.estimate())));
await ctx.close();
