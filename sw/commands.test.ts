import { describe, expect, it } from 'vitest';

import { customerEntry, eventEntry } from './commands';
import { toSettings } from './settings';
import type { CustomerState } from './storage/types';

const SETTINGS = toSettings({
  projectToken: 'project-1',
  authorization: 'Token key-1',
  baseUrl: 'https://api.test',
  defaultProperties: { channel: 'pwa', currency: 'EUR' },
});
const CUSTOMER: CustomerState = {
  cookie: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
  ids: { registered: 'jane@example.com' },
  installed: true,
};
const STAMP = { uid: 'page-1.7', nowMs: 1_700_000_500_000 };
const TRACKED_AT_MS = 1_700_000_000_123;

const purchase = (properties?: Record<string, string>) => ({
  name: 'purchase',
  properties,
  timestampMs: TRACKED_AT_MS,
});

describe('eventEntry', () => {
  it('puts the default properties first; the event properties win on a clash', () => {
    const entry = eventEntry(SETTINGS, CUSTOMER, purchase({ currency: 'CZK', sku: 'a-1' }), STAMP);

    expect(entry.command.data.properties).toEqual({ channel: 'pwa', currency: 'CZK', sku: 'a-1' });
  });

  it('sends the default properties alone when the event has none', () => {
    const entry = eventEntry(SETTINGS, CUSTOMER, purchase(), STAMP);

    expect(entry.command.data.properties).toEqual(SETTINGS.defaultProperties);
  });

  it('leaves the default properties as they were', () => {
    eventEntry(SETTINGS, CUSTOMER, purchase({ channel: 'web' }), STAMP);

    expect(SETTINGS.defaultProperties).toEqual({ channel: 'pwa', currency: 'EUR' });
  });

  it('is an event of the tracked name, stamped in float seconds at track time', () => {
    const entry = eventEntry(SETTINGS, CUSTOMER, purchase(), STAMP);

    expect(entry.command.name).toBe('customers/events');
    expect(entry.command.data).toMatchObject({ event_type: 'purchase' });
    expect(entry.command.data).toHaveProperty('timestamp', 1_700_000_000.123);
  });

  it('snapshots the cookie and the hard ids', () => {
    const customer = { ...CUSTOMER, ids: { ...CUSTOMER.ids } };

    const entry = eventEntry(SETTINGS, customer, purchase(), STAMP);
    customer.ids.registered = 'someone-else@example.com';

    expect(entry.command.data.customer_ids).toEqual({
      registered: 'jane@example.com',
      cookie: CUSTOMER.cookie,
    });
  });

  it('binds the entry to the configured target, untried, queued now', () => {
    const entry = eventEntry(SETTINGS, CUSTOMER, purchase(), STAMP);

    expect(entry).toMatchObject({
      uid: 'page-1.7',
      target: SETTINGS.target,
      tries: 0,
      queuedAtMs: STAMP.nowMs,
    });
  });
});

describe('customerEntry', () => {
  const update = { properties: { first_name: 'Jane' }, timestampMs: TRACKED_AT_MS };

  it('is a customer update with the ids, its own properties and a float-seconds time', () => {
    const entry = customerEntry(SETTINGS, CUSTOMER, update, STAMP);

    expect(entry.command).toEqual({
      name: 'customers',
      data: {
        customer_ids: { registered: 'jane@example.com', cookie: CUSTOMER.cookie },
        properties: { first_name: 'Jane' },
        update_timestamp: 1_700_000_000.123,
      },
    });
  });

  it('sends empty properties when the update has none', () => {
    const entry = customerEntry(SETTINGS, CUSTOMER, { timestampMs: TRACKED_AT_MS }, STAMP);

    expect(entry.command.data.properties).toEqual({});
  });

  it('carries the cookie even before any hard id is known', () => {
    const anonymous = { ...CUSTOMER, ids: {} };

    const entry = customerEntry(SETTINGS, anonymous, update, STAMP);

    expect(entry.command.data.customer_ids).toEqual({ cookie: CUSTOMER.cookie });
  });
});
