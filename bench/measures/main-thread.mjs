// 2. Main-thread cost of one `trackEvent`, at several queue depths, against
// a page-side localStorage queue that rewrites itself on every event.
import { openPage, withContext } from '../lib/browser.mjs';
import { BenchProject } from '../lib/api.mjs';
import { median, percentile } from '../lib/stats.mjs';

export const DEPTHS = [0, 1_000, 10_000];

// The SDK call takes microseconds; the baseline takes up to tens of
// milliseconds at 10,000 queued, so it gets fewer samples to keep the run short.
const SDK_SAMPLING = { samples: 1_000, warmup: 200 };
const BASELINE_SAMPLING = { samples: 100, warmup: 10 };

export async function measureMainThread(env) {
  const sdkRuns = [];
  const baselineRuns = [];

  // Interleaved, so a change in the machine's load hits both alike. The
  // baseline's ratio is in the thousands: fewer runs of it change nothing.
  for (let run = 0; run < env.runs; run++) {
    sdkRuns.push(await sdkRun(env));
    if (run < env.baselineRuns) baselineRuns.push(await baselineRun(env));
    env.log(`main thread: run ${run + 1} of ${env.runs}`);
  }

  return {
    timerResolutionUs: median(sdkRuns.map((run) => run.timerResolutionUs)),
    isolated: sdkRuns.every((run) => run.isolated),
    depths: DEPTHS.map((depth, index) => ({
      depth,
      sdk: medianCosts(sdkRuns.map((run) => run.costs[index])),
      baseline: medianCosts(baselineRuns.map((run) => run.costs[index])),
    })),
  };
}

/** One fresh context: the SDK in manual mode, so the queue only grows. */
function sdkRun(env) {
  return withContext(env.browser, async (context) => {
    const project = new BenchProject(env.apiUrl, 'main-thread');
    const page = await openPage(context, env.siteUrl);
    await page.evaluate((config) => bench.configure(config), project.config(MANUAL));

    const costs = [];
    for (const depth of DEPTHS) {
      await page.evaluate((target) => bench.fillTo(target), depth);
      const samples = await page.evaluate((options) => bench.sampleTrack(options), SDK_SAMPLING);
      costs.push(summarise(samples));
    }

    const isolated = await page.evaluate(() => bench.isolated());
    const timerResolutionUs = await page.evaluate(() => bench.timerResolutionUs());
    await project.forget();
    return { costs, isolated, timerResolutionUs };
  });
}

function baselineRun(env) {
  return withContext(env.browser, async (context) => {
    const page = await openPage(context, env.siteUrl, '/baselines/');

    const costs = [];
    for (const depth of DEPTHS) {
      const options = { depth, ...BASELINE_SAMPLING };
      const samples = await page.evaluate((given) => baseline.sampleLocalStorage(given), options);
      costs.push(summarise(samples));
    }
    await page.evaluate(() => baseline.clearLocalStorage());
    return { costs };
  });
}

export const MANUAL = { flushMode: 'manual', maxQueueSize: 200_000 };

function summarise({ syncUs, withMicrotasksUs }) {
  return {
    p50Us: percentile(syncUs, 0.5),
    p95Us: percentile(syncUs, 0.95),
    withPostP50Us: percentile(withMicrotasksUs, 0.5),
    withPostP95Us: percentile(withMicrotasksUs, 0.95),
  };
}

/** Each percentile's median over the runs, and each run's p95 to show the spread. */
function medianCosts(runs) {
  const keys = Object.keys(runs[0]);
  const medians = Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))]));
  return { ...medians, p95UsRuns: runs.map((run) => run.p95Us) };
}
