import { defineConfig, mergeConfig } from 'vite';
import app from '../vite.config.ts';

// The encoder benchmark page, built like the app; public/ (with models/use-lite/ once
// scripts/copy-assets.js has run) is copied in, so the page fetches USE-lite from /models/use-lite/.
export default defineConfig((env) =>
  mergeConfig(typeof app === 'function' ? app(env) : app, {
    build: { outDir: '.bench-out/encoder-site', emptyOutDir: true, sourcemap: false, rolldownOptions: { input: { encoder: 'bench/encoder.html' } } },
  }),
);
