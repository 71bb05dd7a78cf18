/**
 * The demo shop's entry: read the run-time settings, configure the SDK from
 * the repository's own source, then put the shop and the inspector on the page.
 */
import { Exponea, type Configuration } from '../../../src/index';
import { mountInspector } from './inspector/inspector';
import { Journey } from './journey';
import { loadSettings, type DemoSettings } from './settings';
import { mountShop } from './shop';

/** Short, so the period mode visibly flushes while you watch; the SDK's default is an hour. */
const DEMO_FLUSH_PERIOD_MS = 10_000;

async function main(): Promise<void> {
  const settings = await loadSettings();
  const exponea = new Exponea();

  // Not awaited: calls made meanwhile are kept in order and sent once the worker is ready.
  exponea.configure(configuration(settings)).catch((error: Error & { code?: string }) => {
    console.error(`demo shop: the SDK could not start (${error.code ?? error.name})`);
  });

  mountShop(new Journey(exponea));
  mountInspector(exponea, settings);
}

function configuration({ apiUrl, projectToken }: DemoSettings): Configuration {
  return {
    projectToken,
    authorization: 'Token demo-public-key',
    baseUrl: apiUrl,
    flushPeriodMs: DEMO_FLUSH_PERIOD_MS,
    appVersion: '1.0.0',
    debug: true,
  };
}

void main();
