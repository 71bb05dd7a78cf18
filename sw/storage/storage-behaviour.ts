/**
 * The behaviour every `Storage` must have, as a suite that each
 * implementation's test file runs against its own storage.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { newEntry } from '../test-support/entries';
import type { EngineState, QueueEntry, Storage } from './types';

const uids = (entries: QueueEntry[]) => entries.map((entry) => entry.uid);

const STATE: EngineState = {
  settings: null,
  customer: { cookie: 'cookie-1', ids: { registered: 'jane@example.com' }, installed: true },
  flush: {
    mode: 'period',
    periodMs: 60_000,
    nextPeriodAtMs: 1_700_000_060_000,
    owed: true,
    failures: 2,
    retryAtMs: null,
    last: { delivered: 3, dropped: 0, remaining: 1, outcome: 'retrying', atMs: 1_700_000_000_000 },
  },
  session: { startedAtMs: 1_700_000_000_000, hiddenAtMs: null },
};

export function describeStorage(name: string, create: () => Storage): void {
  describe(`${name}: the queue`, () => {
    let storage: Storage;
    beforeEach(() => {
      storage = create();
    });

    it('starts empty', async () => {
      expect(await storage.count()).toBe(0);
      expect(await storage.oldest(10)).toEqual([]);
      expect(await storage.loadState()).toEqual({});
    });

    it('keeps entries in the order they were added, with rising keys', async () => {
      await storage.apply({ add: [newEntry('a'), newEntry('b')] });
      await storage.apply({ add: [newEntry('c')] });

      const stored = await storage.oldest(10);

      expect(uids(stored)).toEqual(['a', 'b', 'c']);
      expect(stored[0]!.key).toBeLessThan(stored[1]!.key);
      expect(stored[1]!.key).toBeLessThan(stored[2]!.key);
    });

    it('returns at most the asked number of the oldest entries', async () => {
      await storage.apply({ add: ['a', 'b', 'c', 'd'].map((uid) => newEntry(uid)) });

      expect(uids(await storage.oldest(2))).toEqual(['a', 'b']);
      expect(await storage.count()).toBe(4);
    });

    it('removes and updates entries in one change, keeping the order', async () => {
      await storage.apply({ add: ['a', 'b', 'c'].map((uid) => newEntry(uid)) });
      const [a, b, c] = await storage.oldest(3);

      await storage.apply({
        remove: [b!.key],
        update: [
          { ...c!, tries: 4 },
          { ...a!, tries: 1 },
        ],
      });

      const stored = await storage.oldest(10);
      expect(uids(stored)).toEqual(['a', 'c']);
      expect(stored.map((entry) => entry.tries)).toEqual([1, 4]);
    });

    it('keeps its own copy of what it stored', async () => {
      const entry = newEntry('a');
      await storage.apply({ add: [entry] });

      entry.tries = 99;
      (await storage.oldest(1))[0]!.tries = 42;

      expect((await storage.oldest(1))[0]!.tries).toBe(0);
    });

    it('does not bring back an updated entry that is no longer stored', async () => {
      await storage.apply({ add: [newEntry('a'), newEntry('b')] });
      const [a] = await storage.oldest(1);
      await storage.apply({ remove: [a!.key] });

      await storage.apply({ update: [{ ...a!, tries: 1 }] });

      expect(uids(await storage.oldest(10))).toEqual(['b']);
    });
  });

  describe(`${name}: a change is atomic`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = create();
      await storage.apply({ add: [newEntry('a')], state: { session: STATE.session } });
    });

    async function expectUnchanged() {
      const stored = await storage.oldest(10);
      expect(uids(stored)).toEqual(['a']);
      expect(stored[0]!.tries).toBe(0);
      expect(await storage.loadState()).toEqual({ session: STATE.session });
    }

    it('fails as a whole when one add repeats a uid in the same change', async () => {
      const [a] = await storage.oldest(1);
      const change = {
        add: [newEntry('b'), newEntry('c'), newEntry('b')],
        update: [{ ...a!, tries: 3 }],
        state: { customer: STATE.customer, session: NO_SESSION_STATE },
      };

      await expect(storage.apply(change)).rejects.toThrow();

      await expectUnchanged();
    });

    it('fails as a whole when one add repeats a stored uid, even while trimming', async () => {
      const change = { add: [newEntry('b'), newEntry('a')], state: { flush: STATE.flush } };

      await expect(storage.apply({ ...change, maxEntries: 1 })).rejects.toThrow();

      await expectUnchanged();
    });

    it('stays usable after a failed change', async () => {
      await storage.apply({ add: [newEntry('a')] }).catch(() => undefined);

      await storage.apply({ add: [newEntry('b')] });

      expect(uids(await storage.oldest(10))).toEqual(['a', 'b']);
    });
  });

  describe(`${name}: addOnce`, () => {
    let storage: Storage;
    beforeEach(() => {
      storage = create();
    });

    it('adds only the entries whose uid is not stored yet', async () => {
      await storage.apply({ add: [newEntry('a'), newEntry('b')] });

      await storage.apply({ add: [newEntry('b'), newEntry('c'), newEntry('a')], addOnce: true });

      expect(uids(await storage.oldest(10))).toEqual(['a', 'b', 'c']);
    });

    it('stores a uid once when one change carries it twice', async () => {
      const add = [newEntry('a'), newEntry('b'), newEntry('a')];

      await storage.apply({ add, addOnce: true });

      expect(uids(await storage.oldest(10))).toEqual(['a', 'b']);
    });
  });

  describe(`${name}: maxEntries`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = create();
      await storage.apply({ add: ['a', 'b', 'c'].map((uid) => newEntry(uid)) });
    });

    it('drops the oldest beyond the limit and reports how many', async () => {
      const result = await storage.apply({ add: [newEntry('d'), newEntry('e')], maxEntries: 3 });

      expect(result.trimmed).toBe(2);
      expect(uids(await storage.oldest(10))).toEqual(['c', 'd', 'e']);
    });

    it('drops nothing while under the limit', async () => {
      const result = await storage.apply({ add: [newEntry('d')], maxEntries: 10 });

      expect(result.trimmed).toBe(0);
      expect(await storage.count()).toBe(4);
    });

    it('counts what the change removed before trimming', async () => {
      const [a] = await storage.oldest(1);

      const result = await storage.apply({ remove: [a!.key], add: [newEntry('d')], maxEntries: 3 });

      expect(result.trimmed).toBe(0);
      expect(uids(await storage.oldest(10))).toEqual(['b', 'c', 'd']);
    });

    it('counts the entries that addOnce added', async () => {
      const add = [newEntry('c'), newEntry('d'), newEntry('e')];

      const result = await storage.apply({ add, addOnce: true, maxEntries: 3 });

      expect(result.trimmed).toBe(2);
      expect(uids(await storage.oldest(10))).toEqual(['c', 'd', 'e']);
    });
  });

  describe(`${name}: state records`, () => {
    let storage: Storage;
    beforeEach(() => {
      storage = create();
    });

    it('round-trips every state record', async () => {
      const settings = { ...SETTINGS_STATE };

      await storage.apply({ state: { ...STATE, settings } });

      expect(await storage.loadState()).toEqual({ ...STATE, settings });
    });

    it('writes only the records a change names, replacing them whole', async () => {
      await storage.apply({ state: { customer: STATE.customer, session: STATE.session } });

      await storage.apply({ state: { session: NO_SESSION_STATE } });

      expect(await storage.loadState()).toEqual({
        customer: STATE.customer,
        session: NO_SESSION_STATE,
      });
    });

    it('writes state and queue together', async () => {
      await storage.apply({ add: [newEntry('a')], state: { flush: STATE.flush } });

      expect(await storage.count()).toBe(1);
      expect(await storage.loadState()).toEqual({ flush: STATE.flush });
    });
  });
}

const NO_SESSION_STATE = { startedAtMs: null, hiddenAtMs: null };

const SETTINGS_STATE: NonNullable<EngineState['settings']> = {
  target: { baseUrl: 'https://api.test', projectToken: 'p', authorization: 'Token k' },
  defaultProperties: { channel: 'pwa', nested: { list: [1, null, 'x'] } },
  maxTries: 10,
  automaticSessionTracking: true,
  sessionTimeoutMs: 60_000,
  appVersion: null,
  requestTimeoutMs: 10_000,
  maxQueueSize: 10_000,
  maxRetentionMs: 2_592_000_000,
  debug: false,
};
