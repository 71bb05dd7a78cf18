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
  #nextKey = 1;

  async loadState(): Promise<Partial<EngineState>> {
    return structuredClone(this.#state);
  }

  async apply(change: Change): Promise<ChangeResult> {
    const removed = new Set(change.remove);
    const updated = new Map(change.update?.map((entry) => [entry.key, structuredClone(entry)]));
    const stored = new Set(change.addOnce ? this.#entries.map((entry) => entry.uid) : []);

    if (removed.size > 0 || updated.size > 0) {
      this.#entries = this.#entries
        .filter((entry) => !removed.has(entry.key))
        .map((entry) => updated.get(entry.key) ?? entry);
    }

    for (const entry of change.add ?? []) {
      if (stored.has(entry.uid)) continue;
      this.#entries.push({ ...structuredClone(entry), key: this.#nextKey++ });
    }
    Object.assign(this.#state, structuredClone(change.state ?? {}));

    const excess = this.#entries.length - (change.maxEntries ?? Infinity);
    const trimmed = Math.max(0, excess);
    this.#entries.splice(0, trimmed);
    return { trimmed };
  }

  async oldest(limit: number): Promise<QueueEntry[]> {
    return structuredClone(this.#entries.slice(0, limit));
  }

  async count(): Promise<number> {
    return this.#entries.length;
  }

  async dropQueuedBefore(cutoffMs: number): Promise<number> {
    const before = this.#entries.length;
    this.#entries = this.#entries.filter((entry) => entry.queuedAtMs >= cutoffMs);
    return before - this.#entries.length;
  }
}
