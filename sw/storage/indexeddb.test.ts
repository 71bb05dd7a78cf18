import 'fake-indexeddb/auto';

import { describe, expect, it } from 'vitest';

import { newEntry } from '../test-support/entries';
import { IndexedDbStorage } from './indexeddb';
import { describeStorage } from './storage-behaviour';

/** Each storage gets a database of its own, so no test sees another's data. */
const freshName = () => `exponea-test-${crypto.randomUUID()}`;

describeStorage('IndexedDbStorage', () => new IndexedDbStorage(freshName()));

describe('IndexedDbStorage: the database', () => {
  it('keeps the queue and state for the next worker that opens it', async () => {
    const name = freshName();
    await new IndexedDbStorage(name).apply({
      add: [newEntry('a')],
      state: { session: { startedAtMs: 1, hiddenAtMs: 2 } },
    });

    const restarted = new IndexedDbStorage(name);

    expect((await restarted.oldest(10)).map((entry) => entry.uid)).toEqual(['a']);
    expect(await restarted.loadState()).toEqual({ session: { startedAtMs: 1, hiddenAtMs: 2 } });
  });

  it('opens on probe', async () => {
    await expect(new IndexedDbStorage(freshName()).probe()).resolves.toBeUndefined();
  });

  it('reopens after another connection deleted the database', async () => {
    const name = freshName();
    const storage = new IndexedDbStorage(name);
    await storage.apply({ add: [newEntry('a')] });

    await deleteDatabase(name);
    await storage.apply({ add: [newEntry('b')] });

    expect((await storage.oldest(10)).map((entry) => entry.uid)).toEqual(['b']);
  });
});

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
