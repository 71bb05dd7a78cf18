// The Workbox baseline, end to end: 10,000 events pushed offline through
// `Queue.pushRequest` (its durable throughput), then the network comes back
// and Workbox replays one request per event (its drain). Both at once, since
// each push phase alone takes tens of seconds.
import { openPage, withContext } from '../lib/browser.mjs';
import { AUTHORIZATION, BenchProject } from '../lib/api.mjs';
import { EVENT_TYPE } from '../site/events.js';
import { deliveriesSince, onWireTotals } from './deliveries.mjs';
import { OFFLINE_EVENTS } from './drain.mjs';

const REPLAY_TIMEOUT_MS = 240_000;

export async function measureWorkbox(env) {
  const runs = [];
  for (let run = 0; run < env.workboxRuns; run++) {
    runs.push(await workboxRun(env));
    env.log(`workbox: run ${run + 1} of ${env.workboxRuns}`);
  }
  return { events: OFFLINE_EVENTS, runs };
}

function workboxRun(env) {
  return withContext(env.browser, async (context) => {
    const project = new BenchProject(env.apiUrl, 'workbox');
    const page = await openPage(context, env.siteUrl, '/baselines/');
    await page.evaluate(() => baseline.connectWorkbox());

    await context.setOffline(true);
    const push = { queue: 'replay', url: project.singleEventUrl, authorization: AUTHORIZATION };
    const pushMs = await page.evaluate(
      (options) => baseline.workboxBurst(options),
      { ...push, count: OFFLINE_EVENTS },
    );
    const reconnectedAtMs = Date.now();
    await context.setOffline(false);

    // Polled slowly: each read serialises every command received so far.
    const waiting = { timeoutMs: REPLAY_TIMEOUT_MS, pollMs: 2_000 };
    const activity = await project.waitForEvents(EVENT_TYPE, OFFLINE_EVENTS, waiting);
    const onWire = env.wire.countSince(project.token, reconnectedAtMs);
    await project.forget();
    return {
      pushMs,
      ...onWireTotals(onWire),
      ...deliveriesSince(activity, EVENT_TYPE, reconnectedAtMs),
    };
  });
}
