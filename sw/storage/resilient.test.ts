import { describe, expect, it } from 'vitest';

import { newEntry } from '../test-support/entries';
import { MemoryStorage } from './memory';
import { MEMORY_KEY_BASE, ResilientStorage } from './resilient';
import type { Change, ChangeResult } from './types';

/** Durable storage that refuses the next `failures` changes, as a lost connection would. */
class Flaky extends MemoryStorage {
  failures = 0;
  reconnect?: () => void;

  constructor() {
    super();
    // It stands for IndexedDB in these tests.
    Object.defineProperty(this, 'kind', { value: 'indexeddb' });
  }

  override async apply(change: Change): Promise<ChangeResult> {
    if (this.failures > 0) {
      this.failures--;
      throw new DOMException('Connection to Indexed Database server lost.', 'InvalidStateError');
    }
    return super.apply(change);
  }
}

const uids = (entries: { uid: string }[]) => entries.map((entry) => entry.uid);

describe('ResilientStorage', () => {
  it('keeps what IndexedDB refuses in memory, and says so until it is gone', async () => {
    const primary = new Flaky();
    const storage = new ResilientStorage(primary);
    await storage.apply({ add: [newEntry('stored')] });

    primary.failures = 2;
    const { addedKeys } = await storage.apply({ add: [newEntry('kept')] });

    expect(addedKeys[0]).toBeGreaterThanOrEqual(MEMORY_KEY_BASE);
    expect(uids(await storage.oldest(10))).toEqual(['stored', 'kept']);
    expect(storage.kind).toBe('memory');

    await storage.apply({ remove: [addedKeys[0]!] });
    expect(storage.kind).toBe('indexeddb');
  });

  it('hides an entry whose removal failed, and removes it with the next change', async () => {
    const primary = new Flaky();
    const storage = new ResilientStorage(primary);
    const { addedKeys } = await storage.apply({ add: [newEntry('sent'), newEntry('next')] });

    primary.failures = 2;
    await storage.apply({ remove: [addedKeys[0]!] });

    expect(uids(await storage.oldest(10))).toEqual(['next']);
    expect(await storage.count()).toBe(1);

    await storage.apply({});
    expect(uids(await primary.oldest(10))).toEqual(['next']);
  });

  it('retries a failed change once on a fresh connection before giving up', async () => {
    const primary = new Flaky();
    let reconnects = 0;
    primary.reconnect = () => reconnects++;
    const storage = new ResilientStorage(primary);

    primary.failures = 1;
    await storage.apply({ add: [newEntry('a')] });

    expect(reconnects).toBe(1);
    expect(uids(await primary.oldest(10))).toEqual(['a']);
    expect(storage.kind).toBe('indexeddb');
  });
});
