/**
 * What the engine keeps: an ordered queue of commands ready to send, and a
 * few state records. Two implementations: IndexedDB, and memory for when
 * IndexedDB cannot be used.
 */
import type { FlushMode, FlushResult, JsonValue } from '../../src/types';

/** Where a command goes; snapshotted at track time. */
export interface Target {
  baseUrl: string;
  projectToken: string;
  authorization: string;
}

export type CustomerIds = Record<string, string>;

/** A Tracking API command, exactly as it will be sent in a batch. */
export type Command =
  | {
      name: 'customers/events';
      data: {
        customer_ids: CustomerIds;
        event_type: string;
        /** Track time, float seconds since the epoch. */
        timestamp: number;
        properties: Record<string, JsonValue>;
      };
    }
  | {
      name: 'customers';
      data: {
        customer_ids: CustomerIds;
        properties: Record<string, JsonValue>;
        /** Track time, float seconds since the epoch. */
        update_timestamp: number;
      };
    };

export interface QueueEntry {
  /** Insertion order; assigned by the store. */
  key: number;
  /** Unique per call; sent as `command_id` and used to store a resent call once. */
  uid: string;
  target: Target;
  command: Command;
  /** How many times the API refused it. */
  tries: number;
  queuedAtMs: number;
}

export type NewEntry = Omit<QueueEntry, 'key'>;

/** The configuration as the engine keeps it, defaults applied. */
export interface Settings {
  target: Target;
  defaultProperties: Record<string, JsonValue>;
  maxTries: number;
  automaticSessionTracking: boolean;
  sessionTimeoutMs: number;
  appVersion: string | null;
  requestTimeoutMs: number;
  maxQueueSize: number;
  maxRetentionMs: number;
  debug: boolean;
}

export interface CustomerState {
  cookie: string;
  /** Hard ids from the last `identifyCustomer`. */
  ids: CustomerIds;
  /** Whether `installation` was tracked for this cookie. */
  installed: boolean;
}

export interface FlushState {
  mode: FlushMode;
  periodMs: number;
  /** When the period mode flushes next, epoch ms. */
  nextPeriodAtMs: number | null;
  /** A flush was due and has not completed yet; retries finish it. */
  owed: boolean;
  /** Consecutive retryable failures. */
  failures: number;
  /** No request before this, epoch ms (backoff or `Retry-After`). */
  retryAtMs: number | null;
  last: (FlushResult & { atMs: number }) | null;
}

export interface SessionState {
  /** When the open session started, epoch ms; null when none is open. */
  startedAtMs: number | null;
  /** When the last visible page went away, epoch ms; null while one is visible. */
  hiddenAtMs: number | null;
}

export interface EngineState {
  settings: Settings | null;
  customer: CustomerState | null;
  flush: FlushState;
  session: SessionState;
}

export type StateKey = keyof EngineState;

/** One atomic write: all of it lands, or none of it. */
export interface Change {
  add?: NewEntry[];
  /** Only add entries whose `uid` is not stored yet. */
  addOnce?: boolean;
  remove?: number[];
  update?: QueueEntry[];
  /** State records to write, with their values at the time of writing. */
  state?: Partial<EngineState>;
  /** Keep at most this many entries, dropping the oldest. */
  maxEntries?: number;
}

export interface ChangeResult {
  /** Entries dropped to respect `maxEntries`. */
  trimmed: number;
  /** The key given to each entry of `add`, in order; null where `addOnce` skipped it. */
  addedKeys: (number | null)[];
}

export interface Storage {
  readonly kind: 'indexeddb' | 'memory';
  loadState(): Promise<Partial<EngineState>>;
  apply(change: Change): Promise<ChangeResult>;
  /** The oldest entries, at most `limit` of them. */
  oldest(limit: number): Promise<QueueEntry[]>;
  count(): Promise<number>;
  /** Forgets a connection that failed, where there is one. */
  reconnect?(): void;
}
