/**
 * What the engine needs from where it runs. A service worker and a page
 * provide these differently; the engine itself touches no worker-only global.
 */
import type { RepliesMessage } from '../src/protocol/messages';
import type { ExitFlush } from './exit-flush';
import { IndexedDbStorage } from './storage/indexeddb';
import type { Storage } from './storage/types';

export interface Host {
  readonly runtime: 'service-worker' | 'page';
  /** Opens durable storage (IndexedDB), rejecting where it cannot be used. */
  openStorage(): Promise<Storage>;
  fetch: typeof fetch;
  nowMs(): number;
  isOnline(): boolean;
  random(): number;
  randomUUID(): string;
  userAgent: string;
  /** How many pages of the site are visible, not counting `exceptPage`. */
  countVisiblePages(exceptPage?: string): Promise<number>;
  /** Whether any page of the site is open, visible or not. */
  hasOpenPages(): Promise<boolean>;
  /** Asks to be woken when connectivity returns (Background Sync), if possible. */
  requestSync(): Promise<void>;
  /** Sends a message to every page of the site. */
  announce(message: RepliesMessage): void;
  /**
   * Runs `task` holding a lock shared by every engine of the site (the worker
   * and pages that run their own), where the platform has one.
   */
  exclusive<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** Lets engines elsewhere (other tabs, the worker) know the state records changed. */
  peers?: Peers;
  /** In a page, which may go away at any moment: what to send as it goes. */
  exitFlush?: ExitFlush;
}

export interface Peers {
  notify(): void;
  /** `listener` runs when another engine changed the state records. */
  listen(listener: () => void): void;
}

/** Web Locks where they exist: in workers and pages of every current browser. */
export function webLocks(): Host['exclusive'] {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (!locks) return (_name, task) => task();
  return (name, task) => locks.request(name, task) as Promise<Awaited<ReturnType<typeof task>>>;
}

/** Peers over a BroadcastChannel, which both workers and pages have. */
export function broadcastPeers(channelName: string): Peers | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;

  const channel = new BroadcastChannel(channelName);
  return {
    notify: () => channel.postMessage('state-changed'),
    listen: (listener) => channel.addEventListener('message', listener),
  };
}

/** The channel on which the site's engines tell each other their state changed. */
export const PEERS_CHANNEL = 'exponea-sw';

type PlatformPart = Exclude<
  keyof Host,
  | 'runtime'
  | 'randomUUID'
  | 'countVisiblePages'
  | 'hasOpenPages'
  | 'requestSync'
  | 'announce'
  | 'exitFlush'
>;

/** What a worker and a page provide alike: storage, network, clock, locks, peers. */
export function platform(): Pick<Host, PlatformPart> {
  return {
    openStorage: async () => {
      const storage = new IndexedDbStorage();
      await storage.probe();
      return storage;
    },
    fetch: (input, init) => fetch(input, init),
    nowMs: () => Date.now(),
    isOnline: () => navigator.onLine,
    random: () => Math.random(),
    userAgent: navigator.userAgent,
    exclusive: webLocks(),
    peers: broadcastPeers(PEERS_CHANNEL),
  };
}
