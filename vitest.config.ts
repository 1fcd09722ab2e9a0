import { defineConfig } from 'vitest/config';

// Two projects, one runner: `unit` runs src/lib in Node (fake-indexeddb); `browser` drives the
// built app in real Chromium (tests/browser/harness.ts), one file at a time: the machine has
// two cores, and SwiftShader WebGPU is CPU-hungry.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
