// 4. Drain after reconnect: 10,000 events tracked offline, then the network
// comes back with the page still open. The Workbox figure comes from
// ./workbox.mjs.
import { openPage, withContext } from '../lib/browser.mjs';
import { BenchProject } from '../lib/api.mjs';
import { EVENT_TYPE } from '../site/events.js';
import { deliveriesSince, onWireTotals } from './deliveries.mjs';

export const OFFLINE_EVENTS = 10_000;

const DRAIN_TIMEOUT_MS = 120_000;

export async function measureDrain(env) {
  const runs = [];
  for (let run = 0; run < env.runs; run++) {
    runs.push(await sdkDrain(env));
    env.log(`drain: run ${run + 1} of ${env.runs}`);
  }
  return { events: OFFLINE_EVENTS, runs };
}

function sdkDrain(env) {
  return withContext(env.browser, async (context) => {
    const project = new BenchProject(env.apiUrl, 'drain');
    const page = await openPage(context, env.siteUrl);
    // Room for the burst next to the automatic events, so nothing is trimmed.
    await page.evaluate((config) => bench.configure(config), project.config(ROOMY));
    await project.waitForEvents('installation', 1, { timeoutMs: 15_000 });

    await context.setOffline(true);
    const offlineBurstMs = await page.evaluate((count) => bench.burst(count), OFFLINE_EVENTS);
    const reconnectedAtMs = Date.now();
    await context.setOffline(false);

    const waiting = { timeoutMs: DRAIN_TIMEOUT_MS };
    const activity = await project.waitForEvents(EVENT_TYPE, OFFLINE_EVENTS, waiting);
    const onWire = env.wire.countSince(project.token, reconnectedAtMs);
    await project.forget();
    return {
      offlineBurstMs,
      ...onWireTotals(onWire),
      ...deliveriesSince(activity, EVENT_TYPE, reconnectedAtMs),
    };
  });
}

const ROOMY = { maxQueueSize: 20_000 };
