/**
 * Registers the tracking worker and connects the page to it. Calls go to the
 * registration's active worker, whether or not it controls this page yet (a
 * first visit, a hard reload), so nothing waits on `clients.claim()`.
 */
import { Workbox } from 'workbox-window';

import type { Connection, Endpoint } from './connection';
import { ExponeaError } from './errors';

/**
 * Resolves once calls flow to the worker. Rejects when it cannot be registered,
 * or is not active within `timeoutMs`; from then on it never takes the calls.
 */
export interface WorkerOptions {
  url: string;
  scope: string;
  /** How long registration and activation may take before the page gives up. */
  timeoutMs: number;
}

export async function connectServiceWorker(
  connection: Connection,
  worker: WorkerOptions,
): Promise<void> {
  const { timeoutMs } = worker;
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new ExponeaError('unavailable', `exponea: no active worker within ${timeoutMs} ms`));
    }, timeoutMs);
  });

  try {
    await Promise.race([connect(connection, worker, () => timedOut), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function connect(
  connection: Connection,
  { url, scope }: WorkerOptions,
  abandoned: () => boolean,
): Promise<void> {
  if (!('serviceWorker' in navigator)) {
    throw new ExponeaError('unavailable', 'exponea: this browser has no service workers');
  }

  const container = navigator.serviceWorker;
  container.addEventListener('message', (event) => connection.receive(event.data));
  container.startMessages();

  const workbox = new Workbox(url, { scope });
  const registration = await workbox.register({ immediate: true });
  if (!registration) throw new ExponeaError('unavailable', `exponea: ${url} was not registered`);

  let worker = registration.active ?? (await workbox.active);
  if (abandoned()) return;
  const endpoint: Endpoint = { post: (message) => worker.postMessage(message) };
  connection.attach(endpoint);

  // A new version took over: what the old one never answered goes to the new one.
  container.addEventListener('controllerchange', () => {
    const active = registration.active;
    if (!active || active === worker) return;
    worker = active;
    connection.attach(endpoint);
  });
}
