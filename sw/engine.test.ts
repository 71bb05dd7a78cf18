import 'fake-indexeddb/auto';

import { beforeEach, describe, expect, it, vi } from 'vitest';

import { PROTOCOL } from '../src/protocol/messages';
import type { FlushResult, Status } from '../src/types';
import { Engine } from './engine';
import { IndexedDbStorage } from './storage/indexeddb';
import { MemoryStorage } from './storage/memory';
import type { Storage } from './storage/types';
import {
  CONFIG,
  FakeHost,
  T0_MS,
  call,
  message,
  send,
  sendOk,
  track,
} from './test-support/fake-host';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const STORAGES: [string, () => Storage][] = [
  ['memory', () => new MemoryStorage()],
  ['IndexedDB', () => new IndexedDbStorage(`engine-test-${crypto.randomUUID()}`)],
];

const identify = (ids: Record<string, string>, properties?: Record<string, string>) =>
  call('identifyCustomer', { ids, properties, timestamp: new Date(T0_MS) });
const flushData = () => call('flushData', undefined);
const getCookie = () => call('getCustomerCookie', undefined);
const getStatus = () => call('getStatus', undefined);

describe.each(STORAGES)('Engine over %s storage', (_, createStorage) => {
  let host: FakeHost;
  let engine: Engine;

  beforeEach(() => {
    host = new FakeHost(createStorage());
    engine = new Engine(host);
  });

  async function cookie(): Promise<string> {
    const [value] = await sendOk(engine, getCookie());
    return value as string;
  }

  async function status(): Promise<Status> {
    const [value] = await sendOk(engine, getStatus());
    return value as Status;
  }

  describe('the queue', () => {
    it('sends commands in the order they were tracked', async () => {
      await sendOk(engine, call('configure', CONFIG));
      await sendOk(engine, track('first'), identify({ registered: 'jane@example.com' }));
      await sendOk(engine, track('second'), track('third'));

      await sendOk(engine, flushData());

      expect(host.eventTypes()).toEqual(['installation', 'first', undefined, 'second', 'third']);
      expect(host.commands()[2]!.name).toBe('customers');
    });

    it('keeps the ids an event had when tracked, before identifyCustomer', async () => {
      await sendOk(engine, call('configure', CONFIG));
      const anonymous = { cookie: await cookie() };
      const jane = { ...anonymous, registered: 'jane@example.com' };

      await sendOk(engine, track('browse'), identify({ registered: jane.registered }));
      await sendOk(engine, track('purchase'));
      await sendOk(engine, flushData());

      const [, browse, update, purchase] = host.commands();
      expect(browse!.data.customer_ids).toEqual(anonymous);
      expect(update!.data.customer_ids).toEqual(jane);
      expect(purchase!.data.customer_ids).toEqual(jane);
    });

    it('replaces the hard ids on a second identifyCustomer', async () => {
      await sendOk(engine, call('configure', CONFIG));
      await sendOk(engine, identify({ registered: 'jane@example.com' }));

      await sendOk(engine, identify({ email_id: 'j@example.com' }), track('later'));
      await sendOk(engine, flushData());

      const later = host.commands().at(-1)!;
      const ids = { cookie: await cookie(), email_id: 'j@example.com' };
      expect(later.data.customer_ids).toEqual(ids);
    });

    it('stamps an event in seconds at the time it was tracked, not sent', async () => {
      await sendOk(engine, call('configure', CONFIG), track('tapped', {}, T0_MS + 1_250));
      host.advance(3_600_000);

      await sendOk(engine, flushData());

      expect(host.commands().at(-1)!.data.timestamp).toBe((T0_MS + 1_250) / 1_000);
    });

    it('sends default properties with every event, its own properties winning', async () => {
      const defaultProperties = { channel: 'pwa', currency: 'EUR' };
      await sendOk(engine, call('configure', { ...CONFIG, defaultProperties }));

      await sendOk(engine, track('purchase', { currency: 'CZK' }), flushData());

      const purchase = host.commands().at(-1)!;
      expect(purchase.data.properties).toEqual({ channel: 'pwa', currency: 'CZK' });
    });

    it('stores a call that a page posted twice once', async () => {
      const purchase = track('purchase');
      await sendOk(engine, call('configure', CONFIG));

      const first = engine.receive(message([purchase]));
      const again = engine.receive(message([purchase], { resent: true }));
      await Promise.all([first.settled, again.settled]);
      await engine.receive(message([purchase], { resent: true })).settled;

      expect((await status()).queued).toBe(2);
    });

    it('stores a call posted twice while the engine starts once, and the rest', async () => {
      const purchase = track('purchase');

      const first = engine.receive(message([call('configure', CONFIG), purchase]));
      const again = engine.receive(message([purchase], { resent: true }));
      const replies = await Promise.all([first.reply, again.reply]);

      expect(replies.flatMap((reply) => reply.replies.map((each) => each.ok))).toEqual([
        true,
        true,
        true,
      ]);
      expect((await status()).queued).toBe(2);
    });
  });

  describe('bad messages', () => {
    const unknownOp = { id: 1, op: 'dropAll' as 'getStatus', arg: undefined };

    it.each([
      ['not an object', 'hello', 'message'],
      ['of another protocol', { ...message([]), protocol: 'exponea-sw/0' }, 'message.protocol'],
      ['without a page', { protocol: PROTOCOL, calls: [] }, 'message.page'],
      ['with calls not in an array', { ...message([]), calls: {} }, 'message.calls'],
      ['with an unknown op', message([unknownOp]), 'message.calls[0].op'],
    ])('refuses a message %s as a whole and writes nothing', async (_, data, field) => {
      const apply = vi.spyOn(host.storage, 'apply');

      const { reply, settled } = engine.receive(data);
      const answer = await reply;
      await settled;

      expect(answer.error).toMatchObject({ code: 'invalid-argument', field });
      expect(answer.replies).toEqual([]);
      expect(apply).not.toHaveBeenCalled();
      expect(host.storageOpens).toBe(0);
    });

    it('refuses a bad call with its field, and stores its neighbours', async () => {
      await sendOk(engine, call('configure', CONFIG));
      const queuedBefore = (await status()).queued;

      const { replies } = await send(
        engine,
        track('good'),
        track('bad', { price: NaN }),
        track('also good'),
      );

      expect(replies.map((reply) => reply.ok)).toEqual([true, false, true]);
      expect(replies[1]).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument', field: 'properties.price' },
      });
      expect((await status()).queued).toBe(queuedBefore + 2);
    });

    it('refuses tracking before configure, storing nothing', async () => {
      const { replies } = await send(engine, track('early'));

      expect(replies[0]).toMatchObject({ ok: false, error: { code: 'not-configured' } });
      expect((await status()).queued).toBe(0);
    });

    it('answers every call of a message, each by its id', async () => {
      const calls = [call('configure', CONFIG), getCookie(), getStatus()];

      const { replies } = await send(engine, ...calls);

      expect(replies.map((reply) => reply.id)).toEqual(calls.map((each) => each.id));
    });
  });

  describe('the customer', () => {
    it('creates one lowercase UUID v4 cookie and keeps it', async () => {
      const first = await cookie();
      await sendOk(engine, call('configure', CONFIG));

      expect(first).toMatch(UUID_V4);
      expect(await cookie()).toBe(first);
    });

    it('tracks installation once per customer, across configures and restarts', async () => {
      await sendOk(engine, call('configure', CONFIG));
      await sendOk(engine, call('configure', { ...CONFIG, appVersion: '2.0.0' }));
      const restarted = new Engine(host);
      await sendOk(restarted, call('configure', CONFIG));

      await sendOk(restarted, flushData());

      expect(host.eventTypes()).toEqual(['installation']);
    });

    it('describes the client in installation', async () => {
      await sendOk(engine, call('configure', { ...CONFIG, appVersion: '1.4.0' }), flushData());

      const [installation] = host.commands();
      expect(installation!.data.properties).toMatchObject({
        os_name: 'Android',
        browser: 'Chrome',
        device_type: 'mobile',
        sdk: 'exponea-sw',
        app_version: '1.4.0',
      });
    });

    it('tracks installation again for the customer that anonymize starts', async () => {
      await sendOk(engine, call('configure', CONFIG));
      const before = await cookie();

      await sendOk(engine, call('anonymize', undefined));
      const after = await cookie();
      await sendOk(engine, flushData());

      const installs = host.commands().filter((each) => each.data.event_type === 'installation');
      expect(installs.map((each) => each.data.customer_ids.cookie)).toEqual([before, after]);
      expect(after).not.toBe(before);
    });
  });

  describe('anonymize', () => {
    it('keeps what was queued under the old cookie and project', async () => {
      await sendOk(engine, call('configure', CONFIG), identify({ registered: 'jane@example.com' }));
      await sendOk(engine, track('before'));
      const oldCookie = await cookie();

      await sendOk(engine, call('anonymize', { projectToken: 'project-2' }), track('after'));
      const newCookie = await cookie();
      await sendOk(engine, flushData());

      expect(host.sent.map((batch) => batch.url)).toEqual([
        'https://api.test/track/v2/projects/project-1/batch',
        'https://api.test/track/v2/projects/project-2/batch',
      ]);
      const [old, fresh] = host.sent.map((batch) => batch.commands.at(-1)!.data.customer_ids);
      expect(old).toEqual({ cookie: oldCookie, registered: 'jane@example.com' });
      expect(fresh).toEqual({ cookie: newCookie });
    });

    it('switches authorization and base URL only for what comes after', async () => {
      await sendOk(engine, call('configure', CONFIG), track('before'));
      const change = { authorization: 'Token key-2', baseUrl: 'https://eu.api.test' };

      await sendOk(engine, call('anonymize', change), track('after'), flushData());

      expect(host.sent.map((batch) => [batch.url, batch.authorization])).toEqual([
        ['https://api.test/track/v2/projects/project-1/batch', 'Token key-1'],
        ['https://eu.api.test/track/v2/projects/project-1/batch', 'Token key-2'],
      ]);
    });

    it('keeps the current project for an option left undefined', async () => {
      await sendOk(engine, call('configure', CONFIG));
      const change = { projectToken: undefined, baseUrl: undefined };

      const replies = await sendOk(engine, call('anonymize', change), track('after'), flushData());

      expect(replies[2]).toMatchObject({ delivered: 3, remaining: 0 });
      expect(host.sent.map((batch) => batch.url)).toEqual([
        'https://api.test/track/v2/projects/project-1/batch',
      ]);
    });

    it('ends the session of the old customer and starts one for the new', async () => {
      const config = { ...CONFIG, automaticSessionTracking: true };
      await sendOk(engine, call('configure', config), call('signal', 'visible'));
      const oldCookie = await cookie();
      host.advance(30_000);

      await sendOk(engine, call('anonymize', undefined));
      const newCookie = await cookie();
      await sendOk(engine, flushData());

      const sent = host.commands().map(({ data }) => [data.event_type, data.customer_ids.cookie]);
      expect(sent).toEqual([
        ['installation', oldCookie],
        ['session_start', oldCookie],
        ['session_end', oldCookie],
        ['installation', newCookie],
        ['session_start', newCookie],
      ]);
      expect(host.commands()[2]!.data.properties['duration']).toBe(30);
    });

    it('sends nothing by itself', async () => {
      await sendOk(engine, call('configure', CONFIG), track('before'));

      await sendOk(engine, call('anonymize', undefined));

      expect(host.sent).toEqual([]);
    });
  });

  describe('sessions', () => {
    const config = { ...CONFIG, automaticSessionTracking: true, sessionTimeoutMs: 60_000 };

    it('starts a session when a page is visible and resumes it within the timeout', async () => {
      await sendOk(engine, call('configure', config), call('signal', 'visible'));
      await sendOk(engine, call('signal', 'hidden'));
      host.advance(59_000);

      await sendOk(engine, call('signal', 'visible'), flushData());

      expect(host.eventTypes()).toEqual(['installation', 'session_start']);
    });

    it('keeps the session while another page is still visible', async () => {
      await sendOk(engine, call('configure', config), call('signal', 'visible'));
      host.visiblePages = 1;
      await sendOk(engine, call('signal', 'hidden'));
      host.advance(10 * 60_000);

      await sendOk(engine, call('signal', 'visible'), flushData());

      expect(host.eventTypes()).toEqual(['installation', 'session_start']);
    });

    it('ends a session that timed out while the worker slept, stamped when hidden', async () => {
      await sendOk(engine, call('configure', config), call('signal', 'visible'));
      host.advance(45_000);
      await sendOk(engine, call('signal', 'hidden'));
      host.advance(5 * 60_000);

      const restarted = new Engine(host);
      await restarted.wake('start');
      await sendOk(restarted, flushData());

      const end = host.commands().at(-1)!;
      expect(end.data.event_type).toBe('session_end');
      expect(end.data.timestamp).toBe((T0_MS + 45_000) / 1_000);
      expect(end.data.properties['duration']).toBe(45);
    });

    it('ignores manual sessions while automatic tracking is on', async () => {
      await sendOk(engine, call('configure', config));

      await sendOk(engine, call('trackSessionStart', new Date(T0_MS)), flushData());

      expect(host.eventTypes()).toEqual(['installation']);
    });

    it('tracks manual sessions when automatic tracking is off', async () => {
      await sendOk(engine, call('configure', CONFIG));

      await sendOk(
        engine,
        call('trackSessionStart', new Date(T0_MS)),
        call('trackSessionEnd', new Date(T0_MS + 12_000)),
        flushData(),
      );

      expect(host.eventTypes()).toEqual(['installation', 'session_start', 'session_end']);
      expect(host.commands()[2]!.data.properties['duration']).toBe(12);
    });

    it('sends manual session events at once in immediate mode', async () => {
      await sendOk(engine, call('configure', { ...CONFIG, flushMode: 'immediate' }));

      await sendOk(engine, call('trackSessionStart', new Date(T0_MS)));

      expect(host.eventTypes()).toEqual(['installation', 'session_start']);
    });
  });

  describe('flush modes', () => {
    it('sends at once in immediate mode', async () => {
      await sendOk(engine, call('configure', { ...CONFIG, flushMode: 'immediate' }));

      await sendOk(engine, track('tapped'));

      expect(host.eventTypes()).toEqual(['installation', 'tapped']);
      expect((await status()).queued).toBe(0);
    });

    it('sends only on flushData in manual mode', async () => {
      await sendOk(engine, call('configure', CONFIG), track('tapped'));
      await sendOk(engine, call('signal', 'online'), call('signal', 'wake'));
      expect(host.sent).toEqual([]);

      const [result] = await sendOk(engine, flushData());

      expect(result).toMatchObject({ delivered: 2, remaining: 0, outcome: 'drained' });
    });

    it('sends when the last visible page is hidden in appClose mode', async () => {
      await sendOk(engine, call('configure', { ...CONFIG, flushMode: 'appClose' }), track('a'));
      expect(host.sent).toEqual([]);

      await sendOk(engine, call('signal', 'hidden'));

      expect(host.eventTypes()).toEqual(['installation', 'a']);
    });

    it('sends once per period over the clock, however many wakes come', async () => {
      const config = { ...CONFIG, flushMode: 'period', flushPeriodMs: 4_000 } as const;
      const { wakeAtMs } = await send(engine, call('configure', config), track('a'));

      host.advance(1_500);
      await sendOk(engine, call('signal', 'wake'));
      const earlyRequests = host.sent.length;
      host.advance(2_500);
      await sendOk(engine, call('signal', 'wake'));
      await sendOk(engine, call('signal', 'wake'), call('signal', 'wake'));

      expect(wakeAtMs).toBe(T0_MS + 4_000);
      expect(earlyRequests).toBe(0);
      expect(host.sent).toHaveLength(1);
      expect(host.eventTypes()).toEqual(['installation', 'a']);
    });

    it('changes the mode for the whole site with setFlushMode', async () => {
      await sendOk(engine, call('configure', CONFIG), track('a'));

      await sendOk(engine, call('setFlushMode', 'immediate'));

      expect((await status()).flushMode).toBe('immediate');
      expect(host.eventTypes()).toEqual(['installation', 'a']);
    });
  });

  describe('status', () => {
    it('reports the queue, the storage, the runtime and the last flush', async () => {
      await sendOk(engine, call('configure', CONFIG), track('a'), track('b'));
      const [flushed] = (await sendOk(engine, flushData())) as [FlushResult];

      const current = await status();

      expect(current).toMatchObject({
        cookie: await cookie(),
        flushMode: 'manual',
        queued: 0,
        online: true,
        runtime: 'service-worker',
        retryAtMs: null,
      });
      expect(current.lastFlush).toEqual({ ...flushed, atMs: T0_MS });
    });

    it('keeps tracking in memory, and says so, when storage cannot be opened', async () => {
      host.storageFails = true;

      await sendOk(engine, call('configure', CONFIG), track('a'));
      const current = await status();
      await sendOk(engine, flushData());

      expect(current).toMatchObject({ storage: 'memory', queued: 2 });
      expect(host.eventTypes()).toEqual(['installation', 'a']);
    });
  });
});
