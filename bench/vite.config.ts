import { defineConfig, mergeConfig } from 'vite';
import app from '../vite.config.ts';

// The benchmark page, built like the app (bundled, minified page, same worker settings), so the
// figures are what a user of the production build gets, not the dev server's module loading.
export default defineConfig((env) =>
  mergeConfig(typeof app === 'function' ? app(env) : app, {
    build: {
      outDir: '.bench-out/site',
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: { input: { bench: 'bench/ingest.html' } },
    },
  }),
);
