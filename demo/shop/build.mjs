// Builds the demo shop into dist-demo/ through Vite's API, for `npm run demo`
// and the demo's e2e spec, and tells whether an existing build is out of date.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'vite';

const repoDir = fileURLToPath(new URL('../..', import.meta.url));

export const SHOP_OUT_DIR = join(repoDir, 'dist-demo');

/** What the build reads: a change to any of them makes dist-demo/ stale. */
const INPUTS = [join(repoDir, 'demo/shop'), join(repoDir, 'src'), join(repoDir, 'dist/sw.js')];

export async function buildShop() {
  await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) });
}

/** True when dist-demo/ is missing or older than something it is built from. */
export function shopBuildIsStale() {
  const builtPath = join(SHOP_OUT_DIR, 'index.html');
  if (!existsSync(builtPath)) return true;

  const builtAtMs = statSync(builtPath).mtimeMs;
  return INPUTS.some((input) => newestChangeMs(input) > builtAtMs);
}

function newestChangeMs(path) {
  if (!existsSync(path)) return 0;

  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;

  const files = readdirSync(path, { recursive: true, withFileTypes: true }).filter((entry) =>
    entry.isFile(),
  );
  return Math.max(0, ...files.map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));
}
