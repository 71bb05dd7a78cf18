/**
 * The one module that opens the tracker's IndexedDB database and owns its
 * schema and upgrades. Upgrades move data forward; they never clear a store,
 * so a worker update keeps everything still queued.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';

import type { EngineState, QueueEntry, StateKey } from './types';

export const DATABASE_NAME = 'exponea-sw';

export interface Schema extends DBSchema {
  queue: {
    key: number;
    value: QueueEntry;
    indexes: { uid: string };
  };
  state: {
    key: StateKey;
    value: EngineState[StateKey];
  };
}

export type Database = IDBPDatabase<Schema>;

/** The queue inside a read-write transaction over both stores. */
export type WritableQueue = IDBPObjectStore<Schema, ('queue' | 'state')[], 'queue', 'readwrite'>;

export type Upgrade = (db: Database) => void;

export interface DatabaseConnection {
  (): Promise<Database>;
  reset(): void;
}

/**
 * Index `i` upgrades a database at version `i` to version `i + 1`; the
 * database's version is the number of upgrades. A release that changes the
 * schema appends one, and every earlier release's data moves forward.
 * 1: the queue (ordered by an auto-incremented key, with a unique index on
 *    `uid`) and a key-value store of state records.
 */
export const UPGRADES: Upgrade[] = [
  (db) => {
    const queue = db.createObjectStore('queue', { keyPath: 'key', autoIncrement: true });
    queue.createIndex('uid', 'uid', { unique: true });
    db.createObjectStore('state');
  },
];

/** The schema version as this release ships it. */
export const DATABASE_VERSION = UPGRADES.length;

/**
 * Opens the database, and forgets the connection when the browser closes it
 * (Safari drops connections; a newer worker may need to upgrade), so the
 * next use opens a fresh one.
 */
export function connect(name = DATABASE_NAME): DatabaseConnection {
  let opening: Promise<Database> | null = null;

  const open = () =>
    openDB<Schema>(name, UPGRADES.length, {
      upgrade(db, oldVersion) {
        for (let version = oldVersion; version < UPGRADES.length; version++) {
          UPGRADES[version]!(db);
        }
      },
      blocking() {
        // A newer version of the worker is waiting to upgrade: let it.
        void opening?.then((db) => db.close());
        opening = null;
      },
      terminated() {
        opening = null;
      },
    });

  const database = () => {
    opening ??= open().catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };
  return Object.assign(database, {
    /** Drops the connection after a failure, so the next use opens a new one. */
    reset: () => {
      void opening?.then((db) => db.close()).catch(() => undefined);
      opening = null;
    },
  });
}
