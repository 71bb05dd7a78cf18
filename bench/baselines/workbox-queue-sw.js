// Baseline worker: `workbox-background-sync`'s Queue, one stored request per
// event. Bundled by bench/run.mjs into the bench site as
// /baselines/workbox-sw.js. Two queues: `store` never replays, so measuring
// how fast requests are stored is not disturbed by sending; `replay` uses
// Workbox's own replay, one request per event, when Background Sync fires.
import { Queue } from 'workbox-background-sync';

const queues = {
  store: new Queue('bench-store', { onSync: async () => undefined }),
  replay: new Queue('bench-replay'),
};

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// `{queue, url, authorization, bodies}`: pushes one request per body, all at
// once as a burst would, and answers on the transferred port when all are stored.
self.addEventListener('message', (event) => {
  const { queue, url, authorization, bodies } = event.data;
  const [port] = event.ports;
  const headers = { Authorization: authorization, 'Content-Type': 'application/json' };

  const pushed = bodies.map((body) =>
    queues[queue].pushRequest({ request: new Request(url, { method: 'POST', headers, body }) }),
  );
  event.waitUntil(
    Promise.all(pushed).then(
      () => port.postMessage({ pushed: bodies.length }),
      (error) => port.postMessage({ error: String(error) }),
    ),
  );
});
