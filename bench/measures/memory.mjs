// 5. The worker's JS heap while it drains a large queue: 10,000 versus
// 100,000 queued events. A drain that reads the queue in batches keeps the
// same heap whatever the queue's length.
import { openPage, withContext } from '../lib/browser.mjs';
import { BenchProject, eventsOf } from '../lib/api.mjs';
import { EVENT_TYPE } from '../site/events.js';
import { WorkerCdp } from '../lib/worker-cdp.mjs';
import { MANUAL } from './main-thread.mjs';

export const QUEUE_SIZES = [10_000, 100_000];

const HEAP_SAMPLE_INTERVAL_MS = 100;

export async function measureMemory(env) {
  const sizes = [];
  for (const queued of QUEUE_SIZES) {
    sizes.push({ queued, ...(await drainWatched(env, queued)) });
    env.log(`memory: drained ${queued}`);
  }
  return { sizes };
}

function drainWatched(env, queued) {
  return withContext(env.browser, async (context) => {
    const project = new BenchProject(env.apiUrl, 'memory');
    const page = await openPage(context, env.siteUrl);
    await page.evaluate((config) => bench.configure(config), project.config(MANUAL));
    const filled = await page.evaluate((depth) => bench.fillTo(depth), queued);

    const worker = await WorkerCdp.attach(env.browser, `${env.siteUrl}/sw.js`);
    // What the fill left behind is garbage; the drain starts from a collected heap.
    await worker.collectGarbage();
    const beforeDrainBytes = await worker.heapUsedBytes();

    const sampler = sampleHeap(worker);
    const startedAtMs = Date.now();
    const startMs = performance.now();
    await page.evaluate(() => bench.flush());
    const drainMs = performance.now() - startMs;
    const peakBytes = await sampler.stop();
    // Tells floating garbage from memory the drain kept.
    await worker.collectGarbage();
    const afterDrainBytes = await worker.heapUsedBytes();

    const activity = await project.activity();
    const delivered = eventsOf(activity, EVENT_TYPE).length;
    const onWire = env.wire.countSince(project.token, startedAtMs);
    await worker.detach();
    await project.forget();
    return {
      filled,
      delivered,
      requests: activity.requests.length,
      preflights: onWire.OPTIONS ?? 0,
      beforeDrainBytes,
      peakBytes,
      afterDrainBytes,
      drainMs,
    };
  });
}

/** Reads the heap every interval until stopped; resolves to the largest reading. */
function sampleHeap(worker) {
  let peakBytes = 0;
  let reading = Promise.resolve();
  const read = () => {
    reading = worker.heapUsedBytes().then((bytes) => {
      peakBytes = Math.max(peakBytes, bytes);
    });
  };

  read();
  const timer = setInterval(read, HEAP_SAMPLE_INTERVAL_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await reading;
      return peakBytes;
    },
  };
}
