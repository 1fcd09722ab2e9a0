import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import type { Plugin } from 'vite';

// Builds the service worker (src/sw/service-worker.ts -> /sw.js, no hash: its URL must be
// stable) and a precache manifest listing every file of the build, so the app shell, the
// workers and the wasm binaries keep working offline after the first load.

const serviceWorkerEntry = 'src/sw/service-worker.ts';

/** Files of public/ (copied as they are, so not in the bundle), minus the separately cached models. */
function publicFiles(publicDir: string): string[] {
  if (!publicDir) return [];
  return readdirSync(publicDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(publicDir, `${entry.parentPath}/${entry.name}`).split('\\').join('/'))
    .filter((name) => !name.startsWith('models/'));
}

export function offlineServiceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'edgefuse-offline',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: serviceWorkerEntry, fileName: 'sw.js' });
    },
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((name) => name !== 'sw.js' && !name.endsWith('.map'));
      const files = [...built, ...publicFiles(publicDir)];
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
