/**
 * Starts the one Tracking API and the one test site that every e2e file
 * shares, and builds dist/ first if it is missing (`npm test` builds it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { startTrackingApi } from '../../demo/api/server.mjs';
import { startSiteServer } from './site-server.mjs';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('dist/sw.js') || !existsSync('dist/exponea.js')) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }

  const api = await startTrackingApi();
  const site = await startSiteServer({ roots: ['dist', 'e2e/site'] });
  process.env.E2E_API_URL = api.url;
  process.env.E2E_SITE_URL = site.url;

  return async () => {
    await Promise.all([api.close(), site.close()]);
  };
}
