/**
 * Binds the engine to a service worker: page messages, Background Sync and
 * start-up. Every piece of work runs inside `waitUntil`, so the browser
 * keeps the worker alive until it is done.
 */
import { Queue } from 'workbox-background-sync';

import { isProtocolMessage, type RepliesMessage } from '../src/protocol/messages';
import { Engine } from './engine';
import { platform, type Host } from './host';

declare const self: ServiceWorkerGlobalScope;

/** The Background Sync queue name; its tag is `workbox-background-sync:exponea`. */
export const SYNC_QUEUE_NAME = 'exponea';

export interface InstallOptions {
  /**
   * Activate a new version at once and control open pages, instead of waiting
   * for every tab to close. The prebuilt `sw.js` does; a site's own worker
   * decides for itself. @default false
   */
  takeControl?: boolean;
}

/**
 * Installs the tracker's handlers into this service worker. Call it once,
 * during the worker's first evaluation (top level), so that the `sync`
 * listener is in place before the browser dispatches anything.
 */
export function installExponea(options: InstallOptions = {}): void {
  // Workbox's queue gives the Background Sync registration and its event;
  // its own per-request replay is not used: the engine drains its own queue.
  let syncQueue: Queue | null = null;

  const engine = new Engine(serviceWorkerHost(() => syncQueue));
  syncQueue = createSyncQueue(engine);

  self.addEventListener('message', (event) => {
    if (!isProtocolMessage(event.data)) return;
    const source = event.source;
    if (!(source instanceof Client)) return;

    const { reply, settled } = engine.receive(event.data, { clientId: source.id });
    event.waitUntil(reply.then((message) => source.postMessage(message)).then(() => settled));
  });

  self.addEventListener('install', (event) => {
    if (options.takeControl) event.waitUntil(self.skipWaiting());
  });

  self.addEventListener('activate', (event) => {
    const claimed = options.takeControl ? self.clients.claim() : Promise.resolve();
    event.waitUntil(claimed.then(() => engine.wake('start')));
  });
}

function createSyncQueue(engine: Engine): Queue {
  // Where the browser has no Background Sync, Workbox calls `onSync` from this
  // constructor, outside any event. Start-up is handled by the worker's own
  // events instead, inside `waitUntil`, so that call is left alone.
  let constructing = true;
  const queue = new Queue(SYNC_QUEUE_NAME, {
    onSync: async () => {
      if (constructing) return;
      const result = await engine.wake('sync');

      // Failing the event makes the browser retry it later, with its own backoff.
      if (result && result.outcome !== 'drained' && result.remaining > 0) {
        throw new Error(`exponea: ${result.remaining} items not delivered yet (${result.outcome})`);
      }
    },
  });
  constructing = false;
  return queue;
}

function serviceWorkerHost(syncQueue: () => Queue | null): Host {
  const pages = () => self.clients.matchAll({ type: 'window', includeUncontrolled: true });

  return {
    ...platform(),
    runtime: 'service-worker',
    // A worker always runs in a secure context, where this exists.
    randomUUID: () => crypto.randomUUID(),
    countVisiblePages: async (exceptPage) => {
      const visible = (await pages()).filter((page) => page.visibilityState === 'visible');
      return visible.filter((page) => page.id !== exceptPage).length;
    },
    hasOpenPages: async () => (await pages()).length > 0,
    requestSync: async () => {
      await syncQueue()?.registerSync();
    },
    announce: (message: RepliesMessage) => {
      void pages().then((all) => all.forEach((page) => page.postMessage(message)));
    },
  };
}
