// Puts together what the benchmark serves: a snapshot of dist/ (so a rebuild
// by someone else mid-run cannot swap files under a measurement) and the
// Workbox baseline worker, bundled from node_modules like any site would.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { build } from 'vite';

export const WORK_DIR = '.tmp/bench';

export async function prepareSite() {
  rmSync(WORK_DIR, { recursive: true, force: true });
  const distDir = join(WORK_DIR, 'dist');
  const builtDir = join(WORK_DIR, 'built');
  mkdirSync(builtDir, { recursive: true });

  cpSync('dist', distDir, { recursive: true });
  await bundleWorkboxWorker(join(builtDir, 'baselines'));

  // Searched in order: the SDK at the root, then the bench pages and baselines.
  return { distDir, roots: [distDir, 'bench/site', 'bench', builtDir] };
}

async function bundleWorkboxWorker(outDir) {
  await build({
    configFile: false,
    logLevel: 'warn',
    // Workbox strips its development logging when this is 'production'.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      lib: {
        entry: 'bench/baselines/workbox-queue-sw.js',
        formats: ['iife'],
        name: 'workboxBaseline',
        fileName: () => 'workbox-sw.js',
      },
    },
  });
}
