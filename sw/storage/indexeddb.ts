/** The queue and state records in IndexedDB, each change one transaction. */
import { connect, type DatabaseConnection, type WritableQueue } from './database';
import type { Change, ChangeResult, EngineState, QueueEntry, StateKey, Storage } from './types';

export class IndexedDbStorage implements Storage {
  readonly kind = 'indexeddb';
  readonly #database: DatabaseConnection;

  constructor(databaseName?: string) {
    this.#database = connect(databaseName);
  }

  /** Opens the database once, so a broken IndexedDB is found early. */
  async probe(): Promise<void> {
    await this.#database();
  }

  /** Forgets the connection after a failure; the next call opens a new one. */
  reconnect(): void {
    this.#database.reset();
  }

  async loadState(): Promise<Partial<EngineState>> {
    const db = await this.#database();
    const tx = db.transaction('state');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);

    return Object.fromEntries(keys.map((key, index) => [key, values[index]]));
  }

  async apply(change: Change): Promise<ChangeResult> {
    const db = await this.#database();
    const tx = db.transaction(['queue', 'state'] as ('queue' | 'state')[], 'readwrite');
    const queue = tx.objectStore('queue');
    const writes: Promise<unknown>[] = [];

    for (const key of change.remove ?? []) writes.push(queue.delete(key));
    for (const entry of change.update ?? []) writes.push(updateStored(queue, entry));
    const uids = new Set<string>();
    const added = (change.add ?? []).map((entry) => {
      // With addOnce, a uid that one change carries twice is added once.
      if (change.addOnce && uids.has(entry.uid)) return Promise.resolve(null);
      uids.add(entry.uid);
      return change.addOnce ? addOnce(queue, entry) : queue.add(entry as QueueEntry);
    });
    for (const [key, value] of Object.entries(change.state ?? {})) {
      writes.push(tx.objectStore('state').put(value, key as StateKey));
    }

    // Trimmed once every write has landed, so that what addOnce added is counted.
    const { maxEntries } = change;
    const trimming =
      maxEntries === undefined
        ? 0
        : Promise.all([...added, ...writes]).then(() => trim(queue, maxEntries));
    const [trimmed, addedKeys] = await Promise.all([
      trimming,
      Promise.all(added),
      ...writes,
      tx.done,
    ]);
    return { trimmed, addedKeys };
  }

  async oldest(limit: number): Promise<QueueEntry[]> {
    const db = await this.#database();
    return db.getAll('queue', undefined, limit);
  }

  async count(): Promise<number> {
    const db = await this.#database();
    return db.count('queue');
  }
}

/** `put` would store again an entry removed meanwhile (delivered, trimmed, dropped). */
async function updateStored(queue: WritableQueue, entry: QueueEntry) {
  const stored = await queue.getKey(entry.key);
  if (stored !== undefined) await queue.put(entry);
}

async function addOnce(queue: WritableQueue, entry: Omit<QueueEntry, 'key'>) {
  const stored = await queue.index('uid').getKey(entry.uid);
  return stored === undefined ? queue.add(entry as QueueEntry) : null;
}

async function trim(queue: WritableQueue, maxEntries: number): Promise<number> {
  const excess = (await queue.count()) - maxEntries;
  let trimmed = 0;

  for (let cursor = await queue.openCursor(); cursor && trimmed < excess; trimmed++) {
    void cursor.delete();
    cursor = await cursor.continue();
  }
  return trimmed;
}
