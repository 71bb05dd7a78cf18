// 3. Durable throughput: a one-task burst of 10,000 `trackEvent` calls,
// timed until every promise has resolved (the events are in IndexedDB),
// against one IndexedDB transaction per event. The Workbox figure comes
// from ./workbox.mjs, which stores its burst on the way to the drain.
import { openPage, withContext } from '../lib/browser.mjs';
import { BenchProject } from '../lib/api.mjs';
import { MANUAL } from './main-thread.mjs';

export const BURST_EVENTS = 10_000;

// Lets the worker start, open its database and compile before the timed burst.
const WARMUP_EVENTS = 200;

export async function measureThroughput(env) {
  const sdkMs = [];
  const perEventMs = [];

  for (let run = 0; run < env.runs; run++) {
    sdkMs.push(await sdkBurst(env));
    // The baseline takes ten times longer: fewer runs keep the whole bench short.
    if (run < env.baselineRuns) perEventMs.push(await perEventBurst(env));
    env.log(`throughput: run ${run + 1} of ${env.runs}`);
  }
  return { events: BURST_EVENTS, sdkMs, perEventMs };
}

function sdkBurst(env) {
  return withContext(env.browser, async (context) => {
    const project = new BenchProject(env.apiUrl, 'throughput');
    const page = await openPage(context, env.siteUrl);
    await page.evaluate((config) => bench.configure(config), project.config(MANUAL));
    await page.evaluate((count) => bench.burst(count), WARMUP_EVENTS);

    const elapsedMs = await page.evaluate((count) => bench.burst(count), BURST_EVENTS);
    await project.forget();
    return elapsedMs;
  });
}

function perEventBurst(env) {
  return withContext(env.browser, async (context) => {
    const page = await openPage(context, env.siteUrl, '/baselines/');
    return page.evaluate((count) => baseline.idbBurst(count), BURST_EVENTS);
  });
}

export const eventsPerSecond = (events, elapsedMs) => events / (elapsedMs / 1_000);
