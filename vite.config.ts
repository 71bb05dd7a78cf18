/**
 * Three builds, chosen by `--mode` (see scripts/build.mjs):
 * - `client`: the page client, `dist/exponea.js` (ESM);
 * - `worker`: the worker entry for sites with their own worker, `dist/worker.js` (ESM);
 * - `sw`: the prebuilt, self-contained classic worker script, `dist/sw.js`.
 * Vitest reads the `test` section.
 */
import { readFileSync } from 'node:fs';

import { defineConfig, type UserConfig } from 'vite';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const shared: UserConfig = {
  define: {
    __SDK_VERSION__: JSON.stringify(version),
    // Workbox strips its development logging when this is 'production'.
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
};

const builds: Record<string, UserConfig['build']> = {
  client: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'exponea.js' },
    // Vite keeps an ES library readable; this one ships to every page, so it is minified whole.
    rolldownOptions: { output: { minify: true, comments: { annotation: false } } },
  },
  worker: {
    lib: { entry: 'sw/index.ts', formats: ['es'], fileName: () => 'worker.js' },
    rollupOptions: { external: [/^idb/, /^workbox-/] },
  },
  sw: {
    lib: { entry: 'sw/sw.ts', formats: ['iife'], name: 'exponeaSw', fileName: () => 'sw.js' },
  },
  // For the end-to-end tests only: the worker as its next release would ship.
  'e2e-next': {
    lib: {
      entry: 'e2e/workers/sw-next.ts',
      formats: ['iife'],
      name: 'exponeaSw',
      fileName: () => 'sw-next.js',
    },
    outDir: 'dist-e2e',
  },
};

export default defineConfig(({ mode }) => ({
  ...shared,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    target: 'es2022',
    sourcemap: true,
    ...builds[mode],
  },
  test: {
    include: ['src/**/*.test.ts', 'sw/**/*.test.ts', 'demo/**/*.test.ts'],
    environment: 'node',
  },
}));
