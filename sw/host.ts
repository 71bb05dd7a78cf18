/**
 * What the engine needs from where it runs. A service worker and a page
 * provide these differently; the engine itself touches no worker-only global.
 */
import type { RepliesMessage } from '../src/protocol/messages';
import type { Storage } from './storage/types';

export interface Host {
  readonly runtime: 'service-worker' | 'page';
  /** Opens storage; called again after storage fails, to reopen it. */
  openStorage(): Promise<Storage>;
  fetch: typeof fetch;
  nowMs(): number;
  isOnline(): boolean;
  random(): number;
  randomUUID(): string;
  userAgent: string;
  /** How many pages of the site are visible, not counting `exceptPage`. */
  countVisiblePages(exceptPage?: string): Promise<number>;
  /** Asks to be woken when connectivity returns (Background Sync), if possible. */
  requestSync(): Promise<void>;
  /** Sends a message to every page of the site. */
  announce(message: RepliesMessage): void;
}
