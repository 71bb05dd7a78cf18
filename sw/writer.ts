/**
 * Group commit: every change asked for while a transaction is running is
 * merged into the next one. A burst of 10,000 tracks becomes a handful of
 * transactions instead of 10,000, and each caller still learns when its own
 * change is durable.
 */
import type {
  Change,
  ChangeResult,
  EngineState,
  QueueEntry,
  StateKey,
  Storage,
} from './storage/types';

/** A change whose state records are named, and read when it is written. */
export interface Write extends Omit<Change, 'state'> {
  state?: StateKey[];
}

interface Waiting {
  write: Write;
  resolve(result: ChangeResult): void;
  reject(error: unknown): void;
}

export class Writer {
  #waiting: Waiting[] = [];
  #running: Promise<void> | null = null;

  constructor(
    private readonly storage: () => Storage,
    private readonly snapshot: () => EngineState,
  ) {}

  commit(write: Write): Promise<ChangeResult> {
    const done = new Promise<ChangeResult>((resolve, reject) => {
      this.#waiting.push({ write, resolve, reject });
    });
    this.#running ??= this.#run();
    return done;
  }

  /** Resolves once everything asked for so far is written (or has failed). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #run(): Promise<void> {
    // Let the calls of the current task join the first transaction.
    await Promise.resolve();

    while (this.#waiting.length > 0) {
      const batch = this.#waiting;
      this.#waiting = [];
      await this.#write(batch);
    }
    this.#running = null;
  }

  async #write(batch: Waiting[]): Promise<void> {
    try {
      const result = await this.storage().apply(this.#merge(batch.map((item) => item.write)));

      // Each caller learns the keys of its own entries; the trimmed count goes to the first.
      let offset = 0;
      batch.forEach((item, index) => {
        const count = item.write.add?.length ?? 0;
        const addedKeys = result.addedKeys.slice(offset, offset + count);
        offset += count;
        item.resolve({ trimmed: index === 0 ? result.trimmed : 0, addedKeys });
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  #merge(writes: Write[]): Change {
    const keys = new Set(writes.flatMap((write) => write.state ?? []));
    const current = this.snapshot();
    const remove = writes.flatMap((write) => write.remove ?? []);
    const removed = new Set(remove);

    // A removed entry is never written back: that would resend a delivered command.
    const updates = new Map<number, QueueEntry>();
    for (const entry of writes.flatMap((write) => write.update ?? [])) {
      if (!removed.has(entry.key)) updates.set(entry.key, entry);
    }
    const maxEntries = Math.min(...writes.map((write) => write.maxEntries ?? Infinity));

    return {
      add: writes.flatMap((write) => write.add ?? []),
      addOnce: writes.some((write) => write.addOnce),
      remove,
      update: [...updates.values()],
      state: Object.fromEntries([...keys].map((key) => [key, current[key]])),
      maxEntries: Number.isFinite(maxEntries) ? maxEntries : undefined,
    };
  }
}
