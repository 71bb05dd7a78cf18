/**
 * Starts the one Tracking API and the one test site that every e2e file
 * shares, and builds dist/ first if it is missing (`npm test` builds it).
 * The site serves dist/ at its root, so the worker is /sw.js with scope /.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { startTrackingApi } from '../../demo/api/server.mjs';
import { startSiteServer } from './site-server.mjs';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('dist/sw.js') || !existsSync('dist/exponea.js')) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
  // The worker's next release, for the update test: built from the same sources.
  execFileSync('npx', ['vite', 'build', '--mode', 'e2e-next', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });

  const api = await startTrackingApi();
  const site = await startSiteServer({ roots: ['dist', 'dist-e2e', 'e2e/site'] });
  process.env.E2E_API_URL = api.url;
  process.env.E2E_SITE_URL = site.url;

  return async () => {
    await Promise.all([api.close(), site.close()]);
  };
}
