import 'fake-indexeddb/auto';

import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';

import { newEntry } from '../test-support/entries';
import { DATABASE_VERSION, connect, type Database } from './database';
import type { QueueEntry } from './types';

const freshName = () => `exponea-test-${crypto.randomUUID()}`;

/** Closes a connection as the browser does (Safari, DevTools), firing `close`. */
function forceClose(db: Database): void {
  // fake-indexeddb types the parameter as the class rather than an instance.
  const raw = unwrap(db as unknown as IDBPDatabase) as unknown;
  forceCloseDatabase(raw as Parameters<typeof forceCloseDatabase>[0]);
}

describe('connect', () => {
  it('creates the queue and state stores at the current version', async () => {
    const db = await connect(freshName())();

    expect(db.version).toBe(DATABASE_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['queue', 'state']);
    expect([...db.transaction('queue').store.indexNames]).toEqual(['uid']);
  });

  it('opens once and hands every caller the same connection', async () => {
    const database = connect(freshName());

    const [first, second] = await Promise.all([database(), database()]);

    expect(second).toBe(first);
  });

  it('reopens after the browser closed the connection', async () => {
    const database = connect(freshName());
    const closed = await database();
    await closed.put('state', { startedAtMs: 1, hiddenAtMs: null }, 'session');

    forceClose(closed);
    const reopened = await database();

    expect(reopened).not.toBe(closed);
    expect(await reopened.get('state', 'session')).toEqual({ startedAtMs: 1, hiddenAtMs: null });
  });

  it('opens the same data in a second connect after the first was closed', async () => {
    const name = freshName();
    const first = await connect(name)();
    await first.add('queue', newEntry('a') as QueueEntry);
    first.close();

    const second = await connect(name)();

    expect((await second.getAll('queue')).map((entry) => entry.uid)).toEqual(['a']);
  });

  it('lets a newer version upgrade, closing its own connection', async () => {
    const name = freshName();
    const old = await connect(name)();

    const newer = await openVersion(name, DATABASE_VERSION + 1);

    expect(newer.version).toBe(DATABASE_VERSION + 1);
    expect(() => old.transaction('queue')).toThrow();
    newer.close();
  });
});

function openVersion(name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
