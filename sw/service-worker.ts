/**
 * Binds the engine to a service worker: page messages, Background Sync and
 * start-up. Every piece of work runs inside `waitUntil`, so the browser
 * keeps the worker alive until it is done.
 */
import { Queue } from 'workbox-background-sync';

import { isProtocolMessage, type RepliesMessage } from '../src/protocol/messages';
import { Engine } from './engine';
import { broadcastPeers, webLocks, type Host } from './host';
import { IndexedDbStorage } from './storage/indexeddb';
import { PEERS_CHANNEL } from './engine';

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

function createSyncQueue(engine: Engine): Queue | null {
  if (!self.registration) return null;

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
  return {
    runtime: 'service-worker',
    openStorage: async () => {
      const storage = new IndexedDbStorage();
      await storage.probe();
      return storage;
    },
    fetch: (input, init) => fetch(input, init),
    nowMs: () => Date.now(),
    isOnline: () => navigator.onLine,
    random: () => Math.random(),
    randomUUID: () => crypto.randomUUID(),
    userAgent: navigator.userAgent,
    countVisiblePages: async (exceptPage) => {
      const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      return pages.filter((page) => page.id !== exceptPage && page.visibilityState === 'visible')
        .length;
    },
    requestSync: async () => {
      await syncQueue()?.registerSync();
    },
    announce: (message: RepliesMessage) => {
      void self.clients
        .matchAll({ type: 'window', includeUncontrolled: true })
        .then((pages) => pages.forEach((page) => page.postMessage(message)));
    },
    exclusive: webLocks(),
    peers: broadcastPeers(PEERS_CHANNEL),
  };
}
