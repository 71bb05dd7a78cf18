import { beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import { MemoryStorage } from './storage/memory';
import type { Change, EngineState } from './storage/types';
import { newEntry } from './test-support/entries';
import { Writer } from './writer';

function engineState(): EngineState {
  return {
    settings: null,
    customer: null,
    flush: {
      mode: 'immediate',
      periodMs: 60_000,
      nextPeriodAtMs: null,
      owed: false,
      failures: 0,
      retryAtMs: null,
      last: null,
    },
    session: { startedAtMs: null, hiddenAtMs: null },
  };
}

/** A promise and the function that resolves it, to hold a write open. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('Writer', () => {
  let storage: MemoryStorage;
  let state: EngineState;
  let writer: Writer;
  let apply: MockInstance<MemoryStorage['apply']>;

  beforeEach(() => {
    storage = new MemoryStorage();
    state = engineState();
    writer = new Writer(
      () => storage,
      () => state,
    );
    apply = vi.spyOn(storage, 'apply');
  });

  const changes = () => apply.mock.calls.map(([change]) => change);

  it('merges the commits made in one task into one write, in order', async () => {
    const commits = Array.from({ length: 200 }, (_, index) =>
      writer.commit({ add: [newEntry(`e${index}`)] }),
    );

    await Promise.all(commits);

    expect(apply).toHaveBeenCalledTimes(1);
    const stored = await storage.oldest(200);
    expect(stored.map((entry) => entry.uid)).toEqual(commits.map((_, index) => `e${index}`));
  });

  it('lets commits made during a write join the next one', async () => {
    const hold = gate();
    apply.mockImplementationOnce(async (change: Change) => {
      await hold.opened;
      return MemoryStorage.prototype.apply.call(storage, change);
    });
    const first = writer.commit({ add: [newEntry('a')] });
    await vi.waitFor(() => expect(apply).toHaveBeenCalledTimes(1));

    const later = ['b', 'c', 'd'].map((uid) => writer.commit({ add: [newEntry(uid)] }));
    hold.open();
    await Promise.all([first, ...later]);

    expect(apply).toHaveBeenCalledTimes(2);
    expect(changes()[1]!.add!.map((entry) => entry.uid)).toEqual(['b', 'c', 'd']);
  });

  it('resolves each caller once its own change is durable', async () => {
    const results = await Promise.all([
      writer.commit({ add: [newEntry('a')] }),
      writer.commit({ state: ['session'] }),
    ]);

    expect(results).toHaveLength(2);
    expect(await storage.count()).toBe(1);
    expect(await storage.loadState()).toEqual({ session: state.session });
  });

  it('rejects every caller of a failed write, and writes the next batch', async () => {
    const failure = new DOMException('disk full', 'QuotaExceededError');
    apply.mockRejectedValueOnce(failure);

    const failed = [
      writer.commit({ add: [newEntry('a')] }),
      writer.commit({ add: [newEntry('b')] }),
      writer.commit({ state: ['flush'] }),
    ];

    const outcomes = await Promise.allSettled(failed);
    await writer.commit({ add: [newEntry('c')] });

    expect(outcomes).toEqual(failed.map(() => ({ status: 'rejected', reason: failure })));
    expect((await storage.oldest(10)).map((entry) => entry.uid)).toEqual(['c']);
  });

  it('does not write back an update for a key removed in the same batch', async () => {
    await storage.apply({ add: [newEntry('a'), newEntry('b')] });
    const [a, b] = await storage.oldest(2);
    apply.mockClear();

    await Promise.all([
      writer.commit({ remove: [a!.key] }),
      writer.commit({
        update: [
          { ...a!, tries: 1 },
          { ...b!, tries: 1 },
        ],
      }),
    ]);

    expect(changes()[0]!.update!.map((entry) => entry.key)).toEqual([b!.key]);
    expect(await storage.oldest(10)).toEqual([{ ...b!, tries: 1 }]);
  });

  it('reads the named state records when it writes, not when asked', async () => {
    const commit = writer.commit({ state: ['session'] });
    state.session = { startedAtMs: 5, hiddenAtMs: null };

    await commit;

    expect(await storage.loadState()).toEqual({ session: { startedAtMs: 5, hiddenAtMs: null } });
  });

  it('keeps the smallest queue limit of the batch', async () => {
    await Promise.all([
      writer.commit({ add: [newEntry('a')], maxEntries: 10 }),
      writer.commit({ add: [newEntry('b')], maxEntries: 3 }),
      writer.commit({ add: [newEntry('c')] }),
    ]);

    expect(changes()[0]!.maxEntries).toBe(3);
  });

  it('reports the trimmed entries once, not once per caller', async () => {
    await storage.apply({ add: ['a', 'b', 'c'].map((uid) => newEntry(uid)) });

    const results = await Promise.all([
      writer.commit({ add: [newEntry('d')], maxEntries: 3 }),
      writer.commit({ add: [newEntry('e')], maxEntries: 3 }),
    ]);

    expect(results.reduce((sum, result) => sum + result.trimmed, 0)).toBe(2);
  });

  it('is idle only once everything asked for so far is written', async () => {
    void writer.commit({ add: [newEntry('a')] });
    void writer.commit({ add: [newEntry('b')] });

    await writer.idle();

    expect(await storage.count()).toBe(2);
  });
});
