// The baselines' benchmark page: what bench/run.mjs measures the SDK against,
// exposed to `page.evaluate`.
import { benchEvent } from '/events.js';
import { sampleCallCosts } from '/sampling.js';

import { toCommand } from './command.js';
import { openPerEventQueue, storeInOwnTransaction } from './idb-per-event.js';
import { LocalStorageQueue } from './local-storage-queue.js';
import { connectWorkboxQueue } from './workbox-client.js';

const localStorageQueue = new LocalStorageQueue('bench-baseline-queue');
let workboxPush = null;

function sampleLocalStorage({ depth, samples, warmup }) {
  localStorageQueue.fillTo(depth, benchEvent);
  return sampleCallCosts((seq) => localStorageQueue.track(benchEvent(seq)), { samples, warmup });
}

async function idbBurst(count) {
  const db = await openPerEventQueue(`bench-per-event-${crypto.randomUUID()}`);
  const startMs = performance.now();

  const stored = [];
  for (let seq = 0; seq < count; seq++) stored.push(storeInOwnTransaction(db, benchEvent(seq)));
  await Promise.all(stored);

  const elapsedMs = performance.now() - startMs;
  db.close();
  return elapsedMs;
}

/** Registers the Workbox worker: online, before a test takes the network away. */
async function connectWorkbox() {
  workboxPush ??= await connectWorkboxQueue();
}

/** Milliseconds from handing `count` events to the Workbox worker until all are stored. */
async function workboxBurst({ queue, url, authorization, count }) {
  await connectWorkbox();
  const startMs = performance.now();

  const bodies = [];
  for (let seq = 0; seq < count; seq++) bodies.push(singleEventBody(benchEvent(seq)));
  await workboxPush({ queue, url, authorization, bodies });
  return performance.now() - startMs;
}

/** The single `customers/events` call carries the command's data as its body. */
const singleEventBody = (event) => JSON.stringify(toCommand(event).data);

window.baseline = {
  sampleLocalStorage,
  clearLocalStorage: () => localStorageQueue.clear(),
  idbBurst,
  connectWorkbox,
  workboxBurst,
};
window.benchReady = true;
