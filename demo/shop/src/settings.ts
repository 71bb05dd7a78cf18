/**
 * What the demo learns at run time rather than at build time, so one build
 * serves every port and every test:
 * - the Tracking API's URL, from `/config.json`, which whoever serves the
 *   shop writes (`demo/start.mjs` answers it; the e2e spec serves a file);
 * - the project token, from `?project=…` (default `demo-shop`), so parallel
 *   tests each read back only their own events.
 */

export interface DemoSettings {
  apiUrl: string;
  projectToken: string;
}

export const DEFAULT_PROJECT_TOKEN = 'demo-shop';

/** Where the API runs when `/config.json` is missing: `npm run demo`'s default port. */
const FALLBACK_API_URL = 'http://127.0.0.1:3030';

export async function loadSettings(): Promise<DemoSettings> {
  const project = new URLSearchParams(location.search).get('project');
  return {
    apiUrl: await readApiUrl(),
    projectToken: project || DEFAULT_PROJECT_TOKEN,
  };
}

async function readApiUrl(): Promise<string> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) return FALLBACK_API_URL;

    const config = (await response.json()) as { apiUrl?: unknown };
    return typeof config.apiUrl === 'string' ? config.apiUrl : FALLBACK_API_URL;
  } catch {
    return FALLBACK_API_URL;
  }
}
