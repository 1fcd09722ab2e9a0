import { defineConfig, mergeConfig } from 'vite';
import app from '../vite.config.ts';

// The linkage benchmark page, built like the app (see bench/vite.config.ts for the ingest one).
export default defineConfig((env) =>
  mergeConfig(typeof app === 'function' ? app(env) : app, {
    build: { outDir: '.bench-out/link-site', emptyOutDir: true, sourcemap: false, rolldownOptions: { input: { link: 'bench/link.html' } } },
  }),
);
