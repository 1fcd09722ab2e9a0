import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './src/lib/privacy/csp.ts';
import { offlineServiceWorker } from './scripts/vite-plugin-offline.ts';

// Cross-origin isolation (COOP + COEP) unlocks SharedArrayBuffer, so tfjs-wasm can use threads.
// The same headers are sent by the dev and preview servers; a static host that cannot send them
// gets them from the service worker (src/sw/service-worker.ts) after the first load.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig(({ command }) => ({
  plugins: [
    svelte(),
    offlineServiceWorker(),
    {
      name: 'edgefuse-csp',
      // The policy lives in one place (src/lib/privacy/csp.ts) and is injected as a meta tag, so
      // it holds on any static host. Dev needs the Vite client's websocket, on the same origin.
      // hub.html alone may connect to the Hugging Face Hub (src/ui/hub/).
      transformIndexHtml: (html, context) => html.replace('%EDGEFUSE_CSP%', contentSecurityPolicy({ dev: command === 'serve', hub: context.path.endsWith('/hub.html') })),
    },
  ],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: {
    format: 'es',
    // tfjs-wasm starts its threads from the source text of its Emscripten factory
    // (Function.toString); minifying renames what that text refers to and the threads die
    // with "e is not defined". Workers stay unminified; the page bundle is minified.
    rolldownOptions: { output: { minify: false } },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
    // Two pages: the app, and the Hub download page that the user opens on purpose.
    rolldownOptions: { input: { main: 'index.html', hub: 'hub.html' } },
  },
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
}));
