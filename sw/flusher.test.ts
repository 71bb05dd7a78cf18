import 'fake-indexeddb/auto';

import { beforeEach, describe, expect, it } from 'vitest';

import type { FlushResult, Status } from '../src/types';
import { FIRST_RETRY_DELAY_MS } from './backoff';
import { Engine } from './engine';
import { IndexedDbStorage } from './storage/indexeddb';
import { MemoryStorage } from './storage/memory';
import type { Storage } from './storage/types';
import {
  CONFIG,
  FakeHost,
  T0_MS,
  call,
  json,
  perCommand,
  send,
  sendOk,
  track,
  type Answer,
  type SentBatch,
} from './test-support/fake-host';

const STORAGES: [string, () => Storage][] = [
  ['memory', () => new MemoryStorage()],
  ['IndexedDB', () => new IndexedDbStorage(`flusher-test-${crypto.randomUUID()}`)],
];

const flushData = () => call('flushData', undefined);

const isBad = (batch: SentBatch) => batch.commands.some((each) => each.data.event_type === 'bad');

/** Waits for the request's abort signal, as a server that never answers. */
const hang: Answer = (_, signal) =>
  new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

const RETRYABLE: [string, Answer][] = [
  ['HTTP 500', () => json(500, { success: false, errors: ['internal'] })],
  ['HTTP 503', () => json(503, null)],
  ['HTTP 429', () => json(429, { success: false, message: 'rate limited' })],
  ['a network error', () => Promise.reject(new TypeError('Failed to fetch'))],
  ['no answer before the timeout', hang],
];

describe.each(STORAGES)('Flusher over %s storage', (_, createStorage) => {
  let host: FakeHost;
  let engine: Engine;

  beforeEach(async () => {
    host = new FakeHost(createStorage());
    engine = new Engine(host);
    await sendOk(engine, call('configure', { ...CONFIG, requestTimeoutMs: 20, maxTries: 3 }));
    await flush();
    host.sent.length = 0;
  });

  async function flush(): Promise<FlushResult> {
    const [result] = await sendOk(engine, flushData());
    return result as FlushResult;
  }

  async function status(): Promise<Status> {
    const [value] = await sendOk(engine, call('getStatus', undefined));
    return value as Status;
  }

  async function queued(): Promise<{ name: string | undefined; tries: number }[]> {
    const entries = await host.storage.oldest(1_000);
    return entries.map((entry) => ({
      name: entry.command.name === 'customers/events' ? entry.command.data.event_type : undefined,
      tries: entry.tries,
    }));
  }

  const trackMany = (count: number) =>
    sendOk(engine, ...Array.from({ length: count }, (_, index) => track(`e${index}`)));

  it('splits 120 events into requests of 50, 50 and 20, in queue order', async () => {
    await trackMany(120);

    const result = await flush();

    expect(host.sent.map((batch) => batch.commands.length)).toEqual([50, 50, 20]);
    expect(host.eventTypes()).toEqual(Array.from({ length: 120 }, (_, index) => `e${index}`));
    expect(result).toEqual({ delivered: 120, dropped: 0, remaining: 0, outcome: 'drained' });
  });

  it('sends each command with its own command_id, once', async () => {
    await trackMany(60);

    await flush();

    const ids = host.commands().map((each) => each.command_id);
    expect(new Set(ids).size).toBe(60);
  });

  it('deletes exactly what the API accepted', async () => {
    host.answer = perCommand((command) => command.data.event_type === 'bad');
    await sendOk(engine, track('good'), track('bad'), track('also good'));

    const result = await flush();

    expect(result).toMatchObject({ delivered: 2, dropped: 0, remaining: 1 });
    expect(await queued()).toEqual([{ name: 'bad', tries: 1 }]);
  });

  it('drops a refused command at maxTries while the others are delivered', async () => {
    host.answer = perCommand((command) => command.data.event_type === 'bad');
    await sendOk(engine, track('bad'), track('good'));

    const results = [await flush(), await flush(), await flush()];

    expect(results.map((result) => result.delivered)).toEqual([1, 0, 0]);
    expect(results.map((result) => result.dropped)).toEqual([0, 0, 1]);
    expect(host.eventTypes()).toEqual(['bad', 'good', 'bad', 'bad']);
    expect(await queued()).toEqual([]);
  });

  it('does not resend a refused command within the same flush', async () => {
    host.answer = perCommand((command) => command.data.event_type === 'bad');
    await sendOk(engine, track('bad'));
    await trackMany(60);

    await flush();

    expect(host.eventTypes().filter((name) => name === 'bad')).toHaveLength(1);
    expect(host.commands()).toHaveLength(61);
  });

  it('counts a try for every command of a request refused as a whole', async () => {
    host.answer = () => json(403, { success: false, errors: ['forbidden'] });
    await sendOk(engine, track('a'), track('b'));

    const result = await flush();

    expect(host.sent).toHaveLength(1);
    expect(result).toMatchObject({ delivered: 0, remaining: 2 });
    expect(await queued()).toEqual([
      { name: 'a', tries: 1 },
      { name: 'b', tries: 1 },
    ]);
  });

  it.each(RETRYABLE)('keeps everything and counts no try on %s', async (_, answer) => {
    host.answer = answer;
    await sendOk(engine, track('a'), track('b'));

    const result = await flush();
    const { retryAtMs } = await status();

    expect(result).toMatchObject({ delivered: 0, dropped: 0, remaining: 2, outcome: 'retrying' });
    expect(await queued()).toEqual([
      { name: 'a', tries: 0 },
      { name: 'b', tries: 0 },
    ]);
    expect(retryAtMs).toBeGreaterThanOrEqual(T0_MS + FIRST_RETRY_DELAY_MS / 2);
    expect(retryAtMs).toBeLessThanOrEqual(T0_MS + FIRST_RETRY_DELAY_MS);
    expect(host.syncRequests).toBeGreaterThan(0);
  });

  it('sends nothing before the retry time, and everything after it', async () => {
    host.answer = () => json(503, null);
    await sendOk(engine, track('a'));
    await flush();
    host.answer = perCommand();

    const early = await flush();
    const requestsBefore = host.sent.length;
    host.advance(FIRST_RETRY_DELAY_MS);
    const later = await flush();

    expect(early.outcome).toBe('retrying');
    expect(requestsBefore).toBe(1);
    expect(later).toMatchObject({ delivered: 1, remaining: 0, outcome: 'drained' });
    expect((await status()).retryAtMs).toBeNull();
  });

  it('retries within a sync event after a short failure, since no page may be left', async () => {
    let answers = 0;
    host.answer = (batch, signal) =>
      answers++ === 0 ? json(503, null) : perCommand()(batch, signal);
    await sendOk(engine, call('setFlushMode', 'manual'), track('a'));
    await sendOk(engine, flushData());
    answers = 0;
    host.sent.length = 0;
    host.advance(FIRST_RETRY_DELAY_MS);

    const result = await engine.wake('sync');

    expect(host.sent).toHaveLength(2);
    expect(result).toMatchObject({ delivered: 1, remaining: 0, outcome: 'drained' });
  });

  it('gives an online signal that arrives during an offline drain a pass of its own', async () => {
    await sendOk(engine, call('setFlushMode', 'immediate'));
    host.online = false;
    let release: (() => void) | null = null;
    host.requestSync = () => new Promise<void>((resolve) => (release = resolve));

    // The offline drain is held at its end, asking for a sync, when the page says online.
    const tracked = send(engine, track('a'));
    while (!release) await new Promise((resolve) => setTimeout(resolve, 1));
    const online = send(engine, call('signal', 'online'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    (release as () => void)();
    await Promise.all([tracked, online]);

    // The device still reads offline, as a worker's navigator.onLine lags.
    expect(host.eventTypes()).toEqual(['a']);
  });

  it('honours Retry-After on a 429', async () => {
    host.answer = () => json(429, null, { 'Retry-After': '120' });
    await sendOk(engine, track('a'));

    await flush();

    expect((await status()).retryAtMs).toBe(T0_MS + 120_000);
  });

  it('backs off longer after each consecutive failure', async () => {
    host.answer = () => json(500, null);
    await sendOk(engine, track('a'));
    const delays: number[] = [];

    for (let failure = 0; failure < 3; failure++) {
      await flush();
      const { retryAtMs } = await status();
      delays.push(retryAtMs! - host.clockMs);
      host.clockMs = retryAtMs!;
    }

    expect(delays[1]).toBe(delays[0]! * 2);
    expect(delays[2]).toBe(delays[1]! * 2);
  });

  it('bisects a request refused as a whole, so one bad command spares the rest', async () => {
    host.answer = (batch) =>
      isBad(batch) ? json(400, { success: false, errors: ['bad'] }) : perCommand()(batch, null!);
    await sendOk(engine, track('a'), track('b'), track('bad'), track('c'), track('d'));

    const result = await flush();

    expect(result).toMatchObject({ delivered: 4, remaining: 1 });
    expect(await queued()).toEqual([{ name: 'bad', tries: 1 }]);
    const lastTry = host.sent.filter(isBad).at(-1)!;
    expect(lastTry.commands).toHaveLength(1);
  });

  it('sends nothing while offline, and asks to be woken when back', async () => {
    host.online = false;
    await sendOk(engine, track('a'));

    const result = await flush();

    expect(host.sent).toEqual([]);
    expect(result).toMatchObject({ remaining: 1, outcome: 'offline' });
    expect(host.syncRequests).toBeGreaterThan(0);
  });

  it('finishes a flush that failed offline once a page is online, in manual mode', async () => {
    host.online = false;
    await sendOk(engine, track('a'));
    await flush();
    host.online = true;

    await sendOk(engine, call('signal', 'online'));

    expect(host.eventTypes()).toEqual(['a']);
    expect((await status()).queued).toBe(0);
  });

  it('runs one flush at a time when a sync and flushData race', async () => {
    host.answer = async (batch) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return perCommand()(batch, null!);
    };
    host.online = false;
    await trackMany(120);
    await flush();
    host.online = true;

    const [fromSync, fromPage] = await Promise.all([engine.wake('sync'), flush()]);

    const ids = host.commands().map((each) => each.command_id);
    expect(host.sent).toHaveLength(3);
    expect(new Set(ids).size).toBe(120);
    expect(fromSync).toMatchObject({ remaining: 0 });
    expect(fromPage).toMatchObject({ remaining: 0 });
  });

  it('drops what has waited longer than maxRetentionMs, unsent', async () => {
    await sendOk(engine, call('configure', { ...CONFIG, maxRetentionMs: 60_000 }), track('old'));
    host.advance(60_001);
    await sendOk(engine, track('new', {}, host.clockMs));

    const result = await flush();

    expect(host.eventTypes()).toEqual(['new']);
    expect(result).toMatchObject({ delivered: 1, dropped: 1, remaining: 0 });
  });

  it('keeps at most maxQueueSize items, dropping the oldest', async () => {
    await sendOk(engine, call('configure', { ...CONFIG, maxQueueSize: 3 }));

    await trackMany(5);
    await flush();

    expect(host.eventTypes()).toEqual(['e2', 'e3', 'e4']);
  });
});
