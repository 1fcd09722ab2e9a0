import type { Plugin } from 'vite';

// Builds the service worker (src/sw/service-worker.ts -> /sw.js, no hash: its URL must be
// stable) and a precache manifest listing every file of the build, so the app shell, the
// workers and the wasm binaries keep working offline after the first load.

const serviceWorkerEntry = 'src/sw/service-worker.ts';

export function offlineServiceWorker(): Plugin {
  return {
    name: 'edgefuse-offline',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: serviceWorkerEntry, fileName: 'sw.js' });
    },
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name !== 'sw.js' && !name.endsWith('.map') && !name.startsWith('models/'));
      const urls = ['/', ...files.map((name) => `/${name}`)];
      // The version changes whenever any file name (they carry content hashes) changes.
      const version = simpleHash(urls.sort().join('\n'));
      this.emitFile({ type: 'asset', fileName: 'precache-manifest.json', source: JSON.stringify({ version, urls }, null, 1) });
    },
  };
}

function simpleHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
