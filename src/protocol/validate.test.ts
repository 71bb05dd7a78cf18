import { describe, expect, it } from 'vitest';

import type { FieldError } from './invalid';
import { PROTOCOL, type Operation } from './messages';
import {
  MAX_CALLS_PER_MESSAGE,
  MAX_DEPTH,
  MAX_NAME_LENGTH,
  MAX_PROPERTIES_BYTES,
  MIN_FLUSH_PERIOD_MS,
  checkArgument,
  checkCallsMessage,
  isOperation,
} from './validate';

const CONFIG = { projectToken: 'project-1', authorization: 'Token public-key' };
const AT = new Date(1_700_000_000_000);

/** Runs `check` and returns the error it threw, failing the test if it threw none. */
function thrown(check: () => void): FieldError {
  try {
    check();
  } catch (error) {
    return error as FieldError;
  }
  throw new Error('expected the check to throw');
}

/** `{ a: { a: … {} } }` with `levels` objects below the outer one. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
}

function cyclic(): Record<string, unknown> {
  const properties: Record<string, unknown> = { a: {} };
  (properties['a'] as Record<string, unknown>)['back'] = properties;
  return properties;
}

/** Properties whose JSON is exactly `bytes` long, written with ASCII. */
function propertiesOfBytes(bytes: number): Record<string, string> {
  const overhead = JSON.stringify({ s: '' }).length;
  return { s: 'x'.repeat(bytes - overhead) };
}

const event = (change: Record<string, unknown>) => ({ name: 'purchase', timestamp: AT, ...change });
const customer = (change: Record<string, unknown>) => ({
  ids: { registered: 'jane@example.com' },
  timestamp: AT,
  ...change,
});

interface BadArgument {
  what: string;
  op: Operation;
  arg: unknown;
  field: string;
}

const bad = (op: Operation, what: string, arg: unknown, field: string): BadArgument => ({
  op,
  what,
  arg,
  field,
});

const BAD_ARGUMENTS: BadArgument[] = [
  // trackEvent
  bad('trackEvent', 'a NaN property', event({ properties: { price: NaN } }), 'properties.price'),
  bad(
    'trackEvent',
    'an infinite property',
    event({ properties: { price: Infinity } }),
    'properties.price',
  ),
  bad(
    'trackEvent',
    'a function in an array',
    event({ properties: { items: [1, () => 2] } }),
    'properties.items[1]',
  ),
  bad('trackEvent', 'a BigInt property', event({ properties: { count: 10n } }), 'properties.count'),
  bad(
    'trackEvent',
    'a symbol property',
    event({ properties: { tag: Symbol('t') } }),
    'properties.tag',
  ),
  bad(
    'trackEvent',
    'properties that refer to themselves',
    event({ properties: cyclic() }),
    'properties.a.back',
  ),
  bad(
    'trackEvent',
    'a Date inside properties',
    event({ properties: { when: AT } }),
    'properties.when',
  ),
  bad(
    'trackEvent',
    'a Map inside properties',
    event({ properties: { tags: new Map() } }),
    'properties.tags',
  ),
  bad(
    'trackEvent',
    'a class instance inside properties',
    event({ properties: { at: new URL('https://a.test') } }),
    'properties.at',
  ),
  bad('trackEvent', 'properties that are an array', event({ properties: [1, 2] }), 'properties'),
  bad(
    'trackEvent',
    'properties nested too deep',
    event({ properties: nested(MAX_DEPTH) }),
    `properties${'.a'.repeat(MAX_DEPTH)}`,
  ),
  bad(
    'trackEvent',
    'a timestamp that is a string',
    event({ timestamp: '2024-01-01' }),
    'timestamp',
  ),
  bad(
    'trackEvent',
    'a timestamp in milliseconds',
    event({ timestamp: 1_700_000_000_000 }),
    'timestamp',
  ),
  bad('trackEvent', 'an invalid Date', event({ timestamp: new Date('not a date') }), 'timestamp'),
  bad('trackEvent', 'an empty event name', event({ name: '' }), 'name'),
  bad('trackEvent', 'a blank event name', event({ name: '   ' }), 'name'),
  bad('trackEvent', 'an event name that is not a string', event({ name: 42 }), 'name'),
  bad('trackEvent', 'an unknown event key', event({ nmae: 'typo' }), 'event.nmae'),
  bad('trackEvent', 'an event that is not an object', 'purchase', 'event'),
  bad('trackEvent', 'a missing event', null, 'event'),
  // identifyCustomer
  bad('identifyCustomer', 'ids that are not an object', customer({ ids: 'jane' }), 'ids'),
  bad('identifyCustomer', 'no ids at all', customer({ ids: {} }), 'ids'),
  bad(
    'identifyCustomer',
    'a cookie among the ids',
    customer({ ids: { cookie: 'c' } }),
    'ids.cookie',
  ),
  bad(
    'identifyCustomer',
    'an id that is a number',
    customer({ ids: { registered: 42 } }),
    'ids.registered',
  ),
  bad('identifyCustomer', 'an empty id', customer({ ids: { registered: '' } }), 'ids.registered'),
  bad(
    'identifyCustomer',
    'an unknown customer key',
    customer({ email: 'j@x.test' }),
    'customer.email',
  ),
  bad(
    'identifyCustomer',
    'a NaN customer property',
    customer({ properties: { age: NaN } }),
    'properties.age',
  ),
  bad(
    'identifyCustomer',
    'a customer without a timestamp',
    customer({ timestamp: undefined }),
    'timestamp',
  ),
  // configure
  bad('configure', 'a misspelt option', { ...CONFIG, projectTokn: 'p' }, 'config.projectTokn'),
  bad('configure', 'a missing project token', { authorization: 'Token k' }, 'config.projectToken'),
  bad(
    'configure',
    'an empty project token',
    { ...CONFIG, projectToken: '' },
    'config.projectToken',
  ),
  bad('configure', 'a missing authorization', { projectToken: 'p' }, 'config.authorization'),
  bad(
    'configure',
    'a bare key as authorization',
    { ...CONFIG, authorization: 'public-key' },
    'config.authorization',
  ),
  bad(
    'configure',
    'an authorization with no key',
    { ...CONFIG, authorization: 'Token ' },
    'config.authorization',
  ),
  bad('configure', 'a relative base URL', { ...CONFIG, baseUrl: '/api' }, 'config.baseUrl'),
  bad(
    'configure',
    'a base URL that is not http',
    { ...CONFIG, baseUrl: 'ftp://api.test' },
    'config.baseUrl',
  ),
  bad('configure', 'maxTries of 0', { ...CONFIG, maxTries: 0 }, 'config.maxTries'),
  bad('configure', 'maxTries of 1.5', { ...CONFIG, maxTries: 1.5 }, 'config.maxTries'),
  bad(
    'configure',
    'an unknown flush mode',
    { ...CONFIG, flushMode: 'sometimes' },
    'config.flushMode',
  ),
  bad(
    'configure',
    'a flush period below the minimum',
    { ...CONFIG, flushPeriodMs: MIN_FLUSH_PERIOD_MS - 1 },
    'config.flushPeriodMs',
  ),
  bad(
    'configure',
    'a NaN default property',
    { ...CONFIG, defaultProperties: { x: NaN } },
    'config.defaultProperties.x',
  ),
  bad(
    'configure',
    'a session switch that is not a boolean',
    { ...CONFIG, automaticSessionTracking: 'yes' },
    'config.automaticSessionTracking',
  ),
  bad(
    'configure',
    'a session timeout of 0',
    { ...CONFIG, sessionTimeoutMs: 0 },
    'config.sessionTimeoutMs',
  ),
  bad(
    'configure',
    'a request timeout that is a string',
    { ...CONFIG, requestTimeoutMs: '10s' },
    'config.requestTimeoutMs',
  ),
  bad('configure', 'a configuration that is not an object', 'project-1', 'config'),
  // the other operations
  bad('setFlushMode', 'an unknown flush mode', 'sometimes', 'mode'),
  bad('setFlushMode', 'no flush mode', undefined, 'mode'),
  bad('setFlushPeriod', 'a flush period below the minimum', MIN_FLUSH_PERIOD_MS - 1, 'periodMs'),
  bad('setFlushPeriod', 'a fractional flush period', MIN_FLUSH_PERIOD_MS + 0.5, 'periodMs'),
  bad('setFlushPeriod', 'no flush period', undefined, 'periodMs'),
  bad('trackSessionStart', 'a session start that is not a Date', 'now', 'timestamp'),
  bad('trackSessionEnd', 'a session end at an invalid Date', new Date(NaN), 'timestamp'),
  bad('anonymize', 'an empty project token', { projectToken: '' }, 'change.projectToken'),
  bad('anonymize', 'a bad authorization', { authorization: 'key' }, 'change.authorization'),
  bad('anonymize', 'a bad base URL', { baseUrl: 'api.test' }, 'change.baseUrl'),
  bad('anonymize', 'an unknown change key', { cookie: 'c' }, 'change.cookie'),
  bad('anonymize', 'a change that is not an object', 'p2', 'change'),
  bad('signal', 'an unknown page signal', 'asleep', 'signal'),
  bad('getCustomerCookie', 'an argument where none is taken', 1, 'argument'),
  bad('flushData', 'an argument where none is taken', {}, 'argument'),
  bad('getStatus', 'an argument where none is taken', null, 'argument'),
];

describe('checkArgument', () => {
  it.each(BAD_ARGUMENTS)('$op refuses $what, naming $field', ({ op, arg, field }) => {
    const error = thrown(() => checkArgument(op, arg));

    expect(error).toBeInstanceOf(TypeError);
    expect(error.field).toBe(field);
  });

  it('refuses properties over the byte limit and names the limit', () => {
    const properties = propertiesOfBytes(MAX_PROPERTIES_BYTES + 1);

    const error = thrown(() => checkArgument('trackEvent', event({ properties })));

    expect(error).toBeInstanceOf(TypeError);
    expect(error.field).toBe('properties');
    expect(error.message).toContain(String(MAX_PROPERTIES_BYTES));
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const properties = { s: 'é'.repeat(MAX_PROPERTIES_BYTES / 2) };

    const error = thrown(() => checkArgument('trackEvent', event({ properties })));

    expect(error.field).toBe('properties');
  });

  it('refuses default properties over the byte limit', () => {
    const defaultProperties = propertiesOfBytes(MAX_PROPERTIES_BYTES + 1);

    const error = thrown(() => checkArgument('configure', { ...CONFIG, defaultProperties }));

    expect(error.field).toBe('config.defaultProperties');
    expect(error.message).toContain(String(MAX_PROPERTIES_BYTES));
  });

  it('refuses a name one character over the limit and names the limit', () => {
    const name = 'n'.repeat(MAX_NAME_LENGTH + 1);

    const error = thrown(() => checkArgument('trackEvent', event({ name })));

    expect(error.field).toBe('name');
    expect(error.message).toContain(String(MAX_NAME_LENGTH));
  });

  it('accepts properties exactly at the limits', () => {
    const atLimits = [
      event({ properties: propertiesOfBytes(MAX_PROPERTIES_BYTES) }),
      event({ properties: nested(MAX_DEPTH - 1) }),
      event({ name: 'n'.repeat(MAX_NAME_LENGTH) }),
    ];

    for (const arg of atLimits) expect(() => checkArgument('trackEvent', arg)).not.toThrow();
  });

  it('accepts the same object twice when it is shared, not cyclic', () => {
    const shared = { sku: 'a-1' };
    const properties = { first: shared, second: [shared, shared] };

    expect(() => checkArgument('trackEvent', event({ properties }))).not.toThrow();
  });

  it('accepts a valid argument for every operation', () => {
    const valid: [Operation, unknown][] = [
      ['configure', CONFIG],
      [
        'configure',
        {
          ...CONFIG,
          baseUrl: 'http://127.0.0.1:8080',
          defaultProperties: { channel: 'pwa', nested: { list: [1, 'two', null, true] } },
          maxTries: 1,
          flushMode: 'period',
          flushPeriodMs: MIN_FLUSH_PERIOD_MS,
          automaticSessionTracking: false,
          sessionTimeoutMs: 30_000,
          appVersion: '1.2.3',
          requestTimeoutMs: 5_000,
          maxQueueSize: 100,
          maxRetentionMs: 86_400_000,
          debug: true,
        },
      ],
      ['configure', { ...CONFIG, authorization: 'Basic dXNlcjpwYXNz' }],
      ['trackEvent', event({ properties: { price: 9.99, tags: ['a'], extra: null } })],
      ['trackEvent', event({ properties: Object.assign(Object.create(null), { a: 1 }) })],
      ['identifyCustomer', customer({ properties: { first_name: 'Jane' } })],
      ['getCustomerCookie', undefined],
      ['flushData', undefined],
      ['setFlushMode', 'manual'],
      ['setFlushPeriod', 60_000],
      ['trackSessionStart', AT],
      ['trackSessionEnd', AT],
      ['anonymize', undefined],
      ['anonymize', { projectToken: 'p2', authorization: 'Token k2', baseUrl: 'https://b.test' }],
      ['getStatus', undefined],
      ['signal', 'hidden'],
    ];

    for (const [op, arg] of valid) expect(() => checkArgument(op, arg), op).not.toThrow();
  });
});

const call = (change: Record<string, unknown> = {}) => ({ id: 1, op: 'getStatus', ...change });
const message = (change: Record<string, unknown> = {}) => ({
  protocol: PROTOCOL,
  page: 'page-1',
  calls: [call()],
  ...change,
});

const badMessage = (what: string, data: unknown, field: string) => ({ what, data, field });

const BAD_MESSAGES = [
  badMessage('null', null, 'message'),
  badMessage('a string', 'hello', 'message'),
  badMessage('an array', [message()], 'message'),
  badMessage('another protocol', message({ protocol: 'exponea-sw/0' }), 'message.protocol'),
  badMessage('no protocol', message({ protocol: undefined }), 'message.protocol'),
  badMessage('no page', message({ page: undefined }), 'message.page'),
  badMessage('an empty page', message({ page: '' }), 'message.page'),
  badMessage('a resent flag that is not a boolean', message({ resent: 'yes' }), 'message.resent'),
  badMessage('calls that are not an array', message({ calls: { 0: call() } }), 'message.calls'),
  badMessage('no calls', message({ calls: undefined }), 'message.calls'),
  badMessage('a call that is not an object', message({ calls: [call(), 7] }), 'message.calls[1]'),
  badMessage(
    'a fractional call id',
    message({ calls: [call({ id: 1.5 })] }),
    'message.calls[0].id',
  ),
  badMessage('a negative call id', message({ calls: [call({ id: -1 })] }), 'message.calls[0].id'),
  badMessage(
    'a call id that is a string',
    message({ calls: [call({ id: '1' })] }),
    'message.calls[0].id',
  ),
  badMessage(
    'a call with no id',
    message({ calls: [call({ id: undefined })] }),
    'message.calls[0].id',
  ),
  badMessage(
    'an unknown op',
    message({ calls: [call(), call({ op: 'dropQueue' })] }),
    'message.calls[1].op',
  ),
  badMessage(
    'an op inherited from Object',
    message({ calls: [call({ op: 'toString' })] }),
    'message.calls[0].op',
  ),
];

describe('checkCallsMessage', () => {
  it.each(BAD_MESSAGES)('refuses $what, naming $field', ({ data, field }) => {
    const error = thrown(() => checkCallsMessage(data));

    expect(error).toBeInstanceOf(TypeError);
    expect(error.field).toBe(field);
  });

  it('refuses more calls than the limit and names the limit', () => {
    const calls = Array.from({ length: MAX_CALLS_PER_MESSAGE + 1 }, (_, id) => call({ id }));

    const error = thrown(() => checkCallsMessage(message({ calls })));

    expect(error.field).toBe('message.calls');
    expect(error.message).toContain(String(MAX_CALLS_PER_MESSAGE));
  });

  it('accepts a well-formed message, including an empty and a resent one', () => {
    const valid = [message(), message({ calls: [] }), message({ resent: true })];

    for (const data of valid) expect(() => checkCallsMessage(data)).not.toThrow();
  });

  it('leaves each call argument to checkArgument, so one bad call spares its neighbours', () => {
    const calls = [call({ id: 1, op: 'trackEvent', arg: { name: '' } }), call({ id: 2 })];

    expect(() => checkCallsMessage(message({ calls }))).not.toThrow();
  });
});

describe('isOperation', () => {
  it('knows the operations and nothing inherited', () => {
    expect(isOperation('trackEvent')).toBe(true);
    expect(isOperation('constructor')).toBe(false);
    expect(isOperation(undefined)).toBe(false);
  });
});

describe('the page-only options', () => {
  it('are unknown to the engine, which never receives them', () => {
    const config = { ...CONFIG, serviceWorkerUrl: '/sw.js' };

    expect(() => checkArgument('configure', config)).toThrow(
      expect.objectContaining({ field: 'config.serviceWorkerUrl' }),
    );
  });
});
