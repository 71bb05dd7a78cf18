// The SDK's benchmark page: the built client from dist/ and the helpers that
// bench/run.mjs calls through `page.evaluate`.
import { Exponea } from '/exponea.js';

import { benchEvent } from '/events.js';
import { sampleCallCosts, timerResolutionUs } from '/sampling.js';

// The engine refuses a message of more than 20,000 calls; fills stay well under.
const FILL_CHUNK_EVENTS = 5_000;

const exponea = new Exponea();
let nextSeq = 0;

const track = () => exponea.trackEvent(benchEvent(nextSeq++));

/** Tracks `count` events in one task; resolves once all are stored. */
function trackInOneTask(count) {
  const stored = [];
  for (let i = 0; i < count; i++) stored.push(track());
  return Promise.all(stored);
}

async function fillTo(depth) {
  let queued = (await exponea.getStatus()).queued;
  while (queued < depth) {
    const count = Math.min(FILL_CHUNK_EVENTS, depth - queued);
    await trackInOneTask(count);
    queued += count;
  }
  return (await exponea.getStatus()).queued;
}

async function sampleTrack(options) {
  const stored = [];
  const costs = await sampleCallCosts(() => stored.push(track()), options);
  await Promise.all(stored);
  return costs;
}

/** Milliseconds from the first call of a one-task burst until every event is stored. */
async function burst(count) {
  const startMs = performance.now();
  await trackInOneTask(count);
  return performance.now() - startMs;
}

/** Storage use as the browser reports it, in bytes. */
async function storageUsage() {
  const { usage, usageDetails } = await navigator.storage.estimate();
  return { totalBytes: usage, indexedDbBytes: usageDetails?.indexedDB ?? null };
}

/**
 * JSON sizes of what the worker queued, read straight from its database (the
 * name and store are the worker's own, see sw/storage/database.ts): the
 * command as a batch sends it, and the whole stored entry.
 */
async function queuedJsonBytes(limit) {
  const db = await new Promise((resolve, reject) => {
    const opening = indexedDB.open('exponea-sw');
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
  const entries = await new Promise((resolve, reject) => {
    const reading = db.transaction('queue').objectStore('queue').getAll(undefined, limit);
    reading.onsuccess = () => resolve(reading.result);
    reading.onerror = () => reject(reading.error);
  });
  db.close();

  const bytes = (value) => new TextEncoder().encode(JSON.stringify(value)).length;
  const events = entries.filter((entry) => entry.command.data.event_type === 'bench');
  const mean = (read) => events.reduce((sum, entry) => sum + read(entry), 0) / events.length;
  return {
    commandBytes: mean((entry) => bytes({ ...entry.command, command_id: entry.uid })),
    entryBytes: mean((entry) => bytes(entry)),
  };
}

window.bench = {
  configure: (config) => exponea.configure(config),
  status: () => exponea.getStatus(),
  flush: () => exponea.flushData(),
  isolated: () => crossOriginIsolated,
  timerResolutionUs,
  fillTo,
  sampleTrack,
  burst,
  storageUsage,
  queuedJsonBytes,
};
window.benchReady = true;
