import { defineConfig, mergeConfig } from 'vite';
import app from '../vite.config.ts';

// The classification benchmark page, built like the app; public/ (with models/use-lite/ once
// scripts/copy-assets.js has run) is copied in, so the worker fetches USE-lite from /models/use-lite/.
export default defineConfig((env) =>
  mergeConfig(typeof app === 'function' ? app(env) : app, {
    build: { outDir: '.bench-out/classify-site', emptyOutDir: true, sourcemap: false, rolldownOptions: { input: { classify: 'bench/classify.html' } } },
  }),
);
