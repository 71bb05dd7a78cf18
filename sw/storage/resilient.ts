/**
 * IndexedDB first, memory when IndexedDB fails. A failed change is tried
 * once more on a fresh connection (Safari drops connections, a newer worker
 * may have closed this one); if it fails again (quota exceeded, a broken
 * profile) it is kept in memory instead, so tracking goes on, and what is
 * kept there is sent like the rest.
 */
import { MemoryStorage } from './memory';
import type { Change, ChangeResult, EngineState, QueueEntry, Storage } from './types';

/** Keys of entries kept in memory start here, far above what IndexedDB hands out. */
export const MEMORY_KEY_BASE = 2 ** 52;

export class ResilientStorage implements Storage {
  readonly #memory = new MemoryStorage(MEMORY_KEY_BASE);
  /** Stored entries whose removal could not reach IndexedDB: hidden, and removed later. */
  readonly #removing = new Set<number>();
  #primaryFailed: boolean;

  /** @param onFailure told each time a change had to go to memory */
  constructor(
    private readonly primary: Storage | null,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {
    this.#primaryFailed = primary === null;
  }

  /** `memory` while anything lives only in memory, or IndexedDB refuses writes. */
  get kind(): Storage['kind'] {
    const degraded = !this.primary || this.#primaryFailed || this.#memory.size > 0;
    return degraded ? 'memory' : this.primary!.kind;
  }

  async loadState(): Promise<Partial<EngineState>> {
    const stored = await this.#read(() => this.primary!.loadState(), {});
    return { ...stored, ...(await this.#memory.loadState()) };
  }

  async apply(change: Change): Promise<ChangeResult> {
    const inMemory = (key: number) => key >= MEMORY_KEY_BASE;
    const memoryPart: Change = {
      remove: change.remove?.filter(inMemory),
      update: change.update?.filter((entry) => inMemory(entry.key)),
    };
    const primaryPart: Change = {
      ...change,
      remove: [...(change.remove ?? []).filter((key) => !inMemory(key)), ...this.#removing],
      update: change.update?.filter((entry) => !inMemory(entry.key)),
    };

    await this.#memory.apply(memoryPart);
    return this.#applyToPrimary(primaryPart);
  }

  async oldest(limit: number): Promise<QueueEntry[]> {
    const read = await this.#read(() => this.primary!.oldest(limit + this.#removing.size), []);
    const stored = read.filter((entry) => !this.#removing.has(entry.key)).slice(0, limit);
    const kept = await this.#memory.oldest(limit - stored.length);
    return [...stored, ...kept];
  }

  async count(): Promise<number> {
    const stored = await this.#read(() => this.primary!.count(), 0);
    return Math.max(0, stored - this.#removing.size) + (await this.#memory.count());
  }

  async #applyToPrimary(change: Change): Promise<ChangeResult> {
    if (this.primary) {
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          const result = await this.primary.apply(change);
          this.#primaryFailed = false;
          this.#removing.clear();
          return result;
        } catch (error) {
          this.primary.reconnect?.();
          if (attempt === 2) this.onFailure(error);
        }
      }
    }

    // A removal that cannot reach IndexedDB is remembered and tried again with
    // the next change; until then the entry is hidden, so it is not sent twice.
    // (Should this worker stop first, the entry is sent again: a duplicate, never a loss.)
    this.#primaryFailed = true;
    for (const key of change.remove ?? []) this.#removing.add(key);
    return this.#memory.apply({ ...change, remove: [], update: [] });
  }

  async #read<T>(read: () => Promise<T>, fallback: T): Promise<T> {
    if (!this.primary) return fallback;
    try {
      return await read();
    } catch {
      this.primary.reconnect?.();
      try {
        return await read();
      } catch {
        return fallback;
      }
    }
  }
}
