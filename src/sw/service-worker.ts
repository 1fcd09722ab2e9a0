// The service worker: offline app shell, a separate cache for model files, and cross-origin
// isolation headers on every page it serves (so multi-threaded wasm works on static hosts that
// cannot send COOP/COEP themselves). It only ever touches this origin's requests.
// Self-contained on purpose (no imports): it is built as its own file, /sw.js.

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  location: Location;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}

const scope = self as unknown as ServiceWorkerScope;
const appCachePrefix = 'edgefuse-app-';
/** Model files are large and change rarely: cached apart from the app, kept across app updates. */
const modelCache = 'edgefuse-models';

interface PrecacheManifest {
  version: string;
  urls: string[];
}

async function manifest(): Promise<PrecacheManifest> {
  const response = await fetch('/precache-manifest.json', { cache: 'no-store' });
  return (await response.json()) as PrecacheManifest;
}

let appCacheName: Promise<string> | null = null;
function currentAppCache(): Promise<string> {
  appCacheName ??= caches.keys().then((keys) => keys.filter((k) => k.startsWith(appCachePrefix)).sort().at(-1) ?? `${appCachePrefix}none`);
  return appCacheName;
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const { version, urls } = await manifest();
      const cache = await caches.open(`${appCachePrefix}${version}`);
      await cache.addAll(urls);
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const { version } = await manifest().catch(() => ({ version: '' }));
      const keep = `${appCachePrefix}${version}`;
      for (const key of await caches.keys()) if (key.startsWith(appCachePrefix) && version && key !== keep) await caches.delete(key);
      appCacheName = Promise.resolve(keep);
      await scope.clients.claim();
    })(),
  );
});

function withIsolation(response: Response): Response {
  if (response.status === 0 || response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function fromModelCache(request: Request): Promise<Response> {
  const cache = await caches.open(modelCache);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function fromAppCache(request: Request): Promise<Response> {
  const cache = await caches.open(await currentAppCache());
  if (request.mode === 'navigate') {
    // Network first for the page, so a deploy shows at once; the cached shell when offline.
    const page = await fetch(request).catch(() => null);
    return withIsolation(page ?? (await cache.match('/', { ignoreVary: true })) ?? Response.error());
  }
  // ignoreVary: the server varies on Origin, and a module script's request carries one that
  // the precache request did not.
  const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
  return withIsolation(hit ?? (await fetch(request)));
}

scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== scope.location.origin) return;
  if (url.pathname === '/precache-manifest.json') return;
  event.respondWith(url.pathname.startsWith('/models/') ? fromModelCache(event.request) : fromAppCache(event.request));
});
