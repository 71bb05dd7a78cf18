// The page side of the Workbox baseline: registers its worker and hands it
// requests to queue.

const SCRIPT_URL = '/baselines/workbox-sw.js';
const SCOPE = '/baselines/';

export async function connectWorkboxQueue() {
  const registration = await navigator.serviceWorker.register(SCRIPT_URL, { scope: SCOPE });
  const worker = registration.active ?? (await activated(registration));

  /** Resolves once the worker has stored one request per body. */
  return (message) =>
    new Promise((resolve, reject) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = ({ data }) =>
        data.error ? reject(new Error(data.error)) : resolve(data.pushed);
      worker.postMessage(message, [channel.port2]);
    });
}

function activated(registration) {
  const worker = registration.installing ?? registration.waiting;
  return new Promise((resolve) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve(worker);
    });
  });
}
