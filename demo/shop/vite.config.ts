/**
 * Builds the demo shop into `dist-demo/`: the page, with the SDK's page
 * client bundled from `src/`, plus the prebuilt worker `dist/sw.js` served
 * at `/sw.js`, exactly as a site using the package would serve it.
 *
 *   npx vite build --config demo/shop/vite.config.ts
 *
 * Needs `npm run build` first, for `dist/sw.js`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { defineConfig, type Plugin } from 'vite';

const shopDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const packageJson = readFileSync(`${repoDir}package.json`, 'utf8');
const { version } = JSON.parse(packageJson) as { version: string };

/** Copies the built worker and its source map into the shop's output. */
function prebuiltWorker(): Plugin {
  const workerPath = `${repoDir}dist/sw.js`;
  return {
    name: 'demo-shop:prebuilt-worker',
    apply: 'build',
    generateBundle() {
      if (!existsSync(workerPath)) {
        this.error(`${workerPath} is missing: run \`npm run build\` before building the demo`);
      }
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: readFileSync(workerPath) });

      const mapPath = `${workerPath}.map`;
      if (existsSync(mapPath)) {
        this.emitFile({ type: 'asset', fileName: 'sw.js.map', source: readFileSync(mapPath) });
      }
    },
  };
}

export default defineConfig({
  root: shopDir,
  publicDir: 'public',
  logLevel: 'warn',
  // Where no worker can run, the engine runs in the page and reports this version.
  define: { __SDK_VERSION__: JSON.stringify(version) },
  plugins: [prebuiltWorker()],
  build: {
    outDir: `${repoDir}dist-demo`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
