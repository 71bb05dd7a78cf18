/**
 * The queue kept in memory, for when IndexedDB cannot be opened (some private
 * modes, a broken profile). Deliberately a last resort: it survives only as
 * long as the engine runs, and the engine says so through `debug` and status.
 */
import type { Change, ChangeResult, EngineState, QueueEntry, Storage } from './types';

export class MemoryStorage implements Storage {
  readonly kind = 'memory';
  #entries: QueueEntry[] = [];
  #state: Partial<EngineState> = {};
  #nextKey: number;

  /** @param firstKey where keys start, so that they never meet another store's */
  constructor(firstKey = 1) {
    this.#nextKey = firstKey;
  }

  async loadState(): Promise<Partial<EngineState>> {
    return structuredClone(this.#state);
  }

  async apply(change: Change): Promise<ChangeResult> {
    // Built aside and swapped in at the end, so that a change that fails leaves nothing.
    const removed = new Set(change.remove);
    const updated = new Map(change.update?.map((entry) => [entry.key, structuredClone(entry)]));
    const entries = this.#entries
      .filter((entry) => !removed.has(entry.key))
      .map((entry) => updated.get(entry.key) ?? entry);
    const stored = new Set(entries.map((entry) => entry.uid));
    let nextKey = this.#nextKey;

    const addedKeys = (change.add ?? []).map((entry) => {
      if (stored.has(entry.uid) && change.addOnce) return null;
      if (stored.has(entry.uid)) {
        // As the unique index on `uid` does in IndexedDB.
        throw new DOMException(`uid ${entry.uid} is stored already`, 'ConstraintError');
      }
      stored.add(entry.uid);
      const key = nextKey++;
      entries.push({ ...structuredClone(entry), key });
      return key;
    });
    const state = structuredClone(change.state ?? {});

    const trimmed = Math.max(0, entries.length - (change.maxEntries ?? Infinity));
    this.#entries = entries.slice(trimmed);
    this.#nextKey = nextKey;
    Object.assign(this.#state, state);
    return { trimmed, addedKeys };
  }

  async oldest(limit: number): Promise<QueueEntry[]> {
    return structuredClone(this.#entries.slice(0, limit));
  }

  async count(): Promise<number> {
    return this.#entries.length;
  }

  get size(): number {
    return this.#entries.length;
  }
}
