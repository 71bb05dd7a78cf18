import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  startTrackingApi,
  type FaultRule,
  type ProjectActivity,
  type TrackingApi,
} from './server.mjs';

// Answers are read loosely on purpose: the tests assert their shape.
type Json = Record<string, any>;

const AUTHORIZED = {
  authorization: 'Token test-public-key',
  'content-type': 'application/json',
};
const JSON_ONLY = { 'content-type': 'application/json' };

let api: TrackingApi;

beforeAll(async () => {
  api = await startTrackingApi();
});

afterAll(async () => {
  await api.close();
});

/** Every test gets its own project, so they never see each other's data. */
function newToken() {
  return `test-${randomUUID()}`;
}

function nowSeconds() {
  return Date.now() / 1000;
}

function eventData(overrides: Json = {}) {
  return {
    customer_ids: { cookie: 'cookie-1' },
    event_type: 'page_visit',
    timestamp: nowSeconds(),
    properties: { path: '/' },
    ...overrides,
  };
}

function customerData(overrides: Json = {}) {
  return {
    customer_ids: { cookie: 'cookie-1', registered: 'ada@example.com' },
    properties: { first_name: 'Ada' },
    ...overrides,
  };
}

function eventCommand(overrides: Json = {}, extra: Json = {}) {
  return { name: 'customers/events', data: eventData(overrides), ...extra };
}

function trackPath(token: string, endpoint = 'batch') {
  return `/track/v2/projects/${token}/${endpoint}`;
}

interface PostOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function post(path: string, body: unknown, options: PostOptions = {}) {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: options.headers ?? AUTHORIZED,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: options.signal,
  });
}

function sendBatch(token: string, commands: unknown[], options?: PostOptions) {
  return post(trackPath(token), { commands }, options);
}

async function readJson(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

async function activityOf(token: string): Promise<ProjectActivity> {
  const response = await fetch(`${api.url}/__control/projects/${token}`);
  return (await response.json()) as ProjectActivity;
}

async function queueFaults(token: string, faults: FaultRule[]) {
  const path = `/__control/projects/${token}/faults`;
  const response = await post(path, { faults }, { headers: JSON_ONLY });
  expect(response.status).toBe(200);
}

async function refuseEventTypes(token: string, eventTypes: string[]) {
  const path = `/__control/projects/${token}/refuse`;
  const response = await post(path, { eventTypes }, { headers: JSON_ONLY });
  expect(response.status).toBe(200);
  return readJson(response);
}

/** Polls the project until `check` passes, then returns what it saw. */
function waitForActivity(token: string, check: (activity: ProjectActivity) => void) {
  return vi.waitFor(
    async () => {
      const activity = await activityOf(token);
      check(activity);
      return activity;
    },
    { timeout: 3000, interval: 20 },
  );
}

function sleep(durationMs: number) {
  return new Promise((resolve) => setTimeout(resolve, durationMs));
}

describe('startTrackingApi', () => {
  it('resolves to a URL without a trailing slash and the bound port', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.port).toBeGreaterThan(0);
    expect(api.url).toBe(`http://127.0.0.1:${api.port}`);
  });

  it('closes promptly while a hung and a delayed request are open', async () => {
    const other = await startTrackingApi();
    const token = newToken();
    const url = `${other.url}${trackPath(token)}`;
    const send = () =>
      fetch(url, {
        method: 'POST',
        headers: AUTHORIZED,
        body: JSON.stringify({ commands: [eventCommand()] }),
      });
    await fetch(`${other.url}/__control/projects/${token}/faults`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ hang: true }, { delayMs: 60_000 }] }),
    });

    // Settle-watching from the start: both reject during close(), and an
    // unobserved rejection would fail the run.
    const outcomes = Promise.allSettled([send(), send()]);
    await vi.waitFor(async () => {
      const response = await fetch(`${other.url}/__control/projects/${token}`);
      const activity = (await response.json()) as ProjectActivity;
      expect(activity.requests).toHaveLength(2);
    });

    const closeStartedAtMs = Date.now();
    await other.close();

    expect(Date.now() - closeStartedAtMs).toBeLessThan(1000);
    expect(await outcomes).toEqual([
      { status: 'rejected', reason: expect.any(TypeError) },
      { status: 'rejected', reason: expect.any(TypeError) },
    ]);
    await expect(fetch(`${other.url}/__control/health`)).rejects.toThrow();
  });

  it('returns the same promise when closed twice', async () => {
    const other = await startTrackingApi();

    const first = other.close();

    expect(other.close()).toBe(first);
    await first;
  });

  it('rejects when the port is already taken', async () => {
    await expect(startTrackingApi({ port: api.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});

describe('CORS', () => {
  it('echoes the Origin and names the allowed headers and methods', async () => {
    const response = await post(
      trackPath(newToken()),
      { commands: [eventCommand()] },
      { headers: { ...AUTHORIZED, origin: 'http://pwa.test:5173' } },
    );

    expect(response.status).toBe(200);
    const headers = response.headers;
    expect(headers.get('access-control-allow-origin')).toBe('http://pwa.test:5173');
    expect(headers.get('vary')).toBe('Origin');
    expect(headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS');
    expect(headers.get('access-control-max-age')).toBe('600');
    expect(headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('allows any origin when the request names none', async () => {
    const response = await fetch(`${api.url}/__control/health`);

    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it.each([
    ['a tracking route', `/track/v2/projects/${newToken()}/batch`],
    ['a control route', `/__control/projects/${newToken()}/faults`],
    ['an unknown route', '/nowhere'],
  ])('answers a preflight on %s with 204', async (_, path) => {
    const response = await fetch(`${api.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://pwa.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://pwa.test');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS');
  });

  it('sends CORS headers on a 404', async () => {
    const response = await fetch(`${api.url}/nowhere`, {
      headers: { origin: 'http://pwa.test' },
    });

    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://pwa.test');
  });

  it('does not count a preflight as a tracking request', async () => {
    const token = newToken();
    await queueFaults(token, [{ status: 503 }]);

    await fetch(`${api.url}${trackPath(token)}`, { method: 'OPTIONS' });
    const response = await sendBatch(token, [eventCommand()]);

    expect(response.status).toBe(503);
    expect((await activityOf(token)).requests).toHaveLength(1);
  });
});

describe('authorization', () => {
  it.each([
    ['is missing', JSON_ONLY],
    ['has no key', { ...JSON_ONLY, authorization: 'Token ' }],
    ['uses another scheme', { ...JSON_ONLY, authorization: 'Bearer key' }],
  ])('answers 401 when the header %s', async (_, headers) => {
    const token = newToken();

    const response = await sendBatch(token, [eventCommand()], { headers });

    expect(response.status).toBe(401);
    const body = await readJson(response);
    expect(body.success).toBe(false);
    expect(body.errors).toEqual([expect.any(String)]);
    const activity = await activityOf(token);
    expect(activity.commands).toEqual([]);
    expect(activity.requests[0]).toMatchObject({ status: 401, fault: null });
  });

  it.each(['customers/events', 'customers'])('guards the single call %s too', async (endpoint) => {
    const path = trackPath(newToken(), endpoint);

    const response = await post(path, eventData(), { headers: JSON_ONLY });

    expect(response.status).toBe(401);
  });
});

describe('batch envelope', () => {
  it('answers 400 "Invalid JSON" to a body that is not JSON', async () => {
    const token = newToken();

    const response = await post(trackPath(token), '{"commands": [');

    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      success: false,
      message: 'Invalid JSON',
    });
    expect((await activityOf(token)).requests[0]).toMatchObject({
      status: 400,
      commandCount: 0,
    });
  });

  const tooMany = Array.from({ length: 51 }, () => eventCommand());
  it.each([
    ['has no commands', {}],
    ['has commands that are not an array', { commands: { a: 1 } }],
    ['has no command in the list', { commands: [] }],
    ['has more than 50 commands', { commands: tooMany }],
    ['is an array', [eventCommand()]],
    ['is null', null],
  ])('answers 400 with a message when the body %s', async (_, body) => {
    const token = newToken();

    const response = await post(trackPath(token), body);

    expect(response.status).toBe(400);
    const answer = await readJson(response);
    expect(answer.success).toBe(false);
    expect(answer.message).toEqual(expect.any(String));
    expect((await activityOf(token)).commands).toEqual([]);
  });

  it('accepts exactly 50 commands', async () => {
    const token = newToken();
    const commands = Array.from({ length: 50 }, () => eventCommand());

    const response = await sendBatch(token, commands);

    expect(response.status).toBe(200);
    expect((await readJson(response)).results).toHaveLength(50);
    expect((await activityOf(token)).commands).toHaveLength(50);
  });

  it('answers 413 to a body over one megabyte', async () => {
    const padding = 'x'.repeat(1024 * 1024 + 1);

    const response = await post(trackPath(newToken()), {
      commands: [eventCommand({ properties: { padding } })],
    });

    expect(response.status).toBe(413);
    expect((await readJson(response)).success).toBe(false);
  });
});

describe('batch results', () => {
  it('answers with float-second times and one result per command', async () => {
    const beforeSeconds = nowSeconds();

    const response = await sendBatch(newToken(), [
      eventCommand(),
      { name: 'customers', data: customerData() },
    ]);

    expect(response.status).toBe(200);
    const answer = await readJson(response);
    expect(answer.success).toBe(true);
    expect(answer.start_time).toBeGreaterThanOrEqual(beforeSeconds - 1);
    expect(answer.start_time).toBeLessThan(beforeSeconds + 60);
    expect(answer.end_time).toBeGreaterThanOrEqual(answer.start_time);
    expect(answer.results).toEqual([
      { success: true, time: expect.any(Number) },
      { success: true, time: expect.any(Number) },
    ]);
    expect(answer.results[0].time).toBeGreaterThanOrEqual(answer.start_time);
  });

  it('answers in request order and records only valid commands', async () => {
    const token = newToken();
    const good = eventCommand({ event_type: 'first' }, { command_id: 'c-1' });
    const bad = eventCommand({ event_type: '' }, { command_id: 'c-2' });
    const last = { name: 'customers', data: customerData() };

    const response = await sendBatch(token, [good, bad, last]);

    const { results } = await readJson(response);
    expect(results).toEqual([
      { success: true, time: expect.any(Number), command_id: 'c-1' },
      { success: false, errors: [expect.any(String)], command_id: 'c-2' },
      { success: true, time: expect.any(Number) },
    ]);
    const { commands } = await activityOf(token);
    expect(commands.map((command) => command.name)).toEqual(['customers/events', 'customers']);
    expect(commands[0]).toMatchObject({ command_id: 'c-1', data: good.data });
    expect(commands[1]).not.toHaveProperty('command_id');
  });

  it.each([
    ['an unknown name', { name: 'customers/delete', data: customerData() }, 'name'],
    ['no name', { data: eventData() }, 'name'],
    ['no data', { name: 'customers/events' }, 'data'],
    ['data that is a list', { name: 'customers', data: [] }, 'data'],
    ['a command_id that is a number', eventCommand({}, { command_id: 7 }), 'command_id'],
    ['a string in place of a command', 'customers/events', 'command'],
  ])('fails a command with %s', async (_, command, field) => {
    const token = newToken();

    const response = await sendBatch(token, [command, eventCommand()]);

    const { results } = await readJson(response);
    expect(results[0].success).toBe(false);
    expect(results[0].errors[0]).toMatch(new RegExp(`^${field}:`));
    expect(results[1].success).toBe(true);
    expect((await activityOf(token)).commands).toHaveLength(1);
  });
});

describe('event validation', () => {
  it.each([
    ['customer_ids is missing', { customer_ids: undefined }, 'customer_ids'],
    ['customer_ids is a list', { customer_ids: ['cookie-1'] }, 'customer_ids'],
    ['customer_ids is empty', { customer_ids: {} }, 'customer_ids'],
    ['every id is empty', { customer_ids: { cookie: '' } }, 'customer_ids'],
    ['an id is not a string', { customer_ids: { cookie: 'c', registered: 42 } }, 'customer_ids'],
    ['event_type is missing', { event_type: undefined }, 'event_type'],
    ['event_type is empty', { event_type: '' }, 'event_type'],
    ['event_type is a number', { event_type: 3 }, 'event_type'],
    ['timestamp is missing', { timestamp: undefined }, 'timestamp'],
    ['timestamp is a string', { timestamp: '1700000000' }, 'timestamp'],
    ['timestamp is null', { timestamp: null }, 'timestamp'],
    ['timestamp is negative', { timestamp: -1 }, 'timestamp'],
    ['timestamp is in milliseconds', { timestamp: Date.now() }, 'timestamp'],
    ['properties is a list', { properties: [1] }, 'properties'],
    ['properties is null', { properties: null }, 'properties'],
    ['properties is a string', { properties: 'x' }, 'properties'],
  ])('fails an event whose %s', async (_, overrides, field) => {
    const token = newToken();

    const response = await sendBatch(token, [eventCommand(overrides)]);

    expect(response.status).toBe(200);
    const [result] = (await readJson(response)).results;
    expect(result.success).toBe(false);
    expect(result.errors).toContainEqual(expect.stringMatching(`^${field}:`));
    expect((await activityOf(token)).commands).toEqual([]);
  });

  it.each([
    ['one empty id beside a real one', { customer_ids: { a: '', cookie: 'c' } }],
    ['no properties', { properties: undefined }],
    ['a timestamp of 0', { timestamp: 0 }],
    ['a timestamp right at the milliseconds bound', { timestamp: 1e11 }],
    ['a fractional timestamp', { timestamp: 1_700_000_000.123 }],
  ])('accepts an event with %s', async (_, overrides) => {
    const response = await sendBatch(newToken(), [eventCommand(overrides)]);

    expect((await readJson(response)).results[0].success).toBe(true);
  });
});

describe('customer validation', () => {
  it.each([
    ['customer_ids is missing', { customer_ids: undefined }, 'customer_ids'],
    ['an id is not a string', { customer_ids: { registered: 1 } }, 'customer_ids'],
    ['every id is empty', { customer_ids: { registered: '' } }, 'customer_ids'],
    ['properties is a list', { properties: [] }, 'properties'],
    ['update_timestamp is in milliseconds', { update_timestamp: Date.now() }, 'update_timestamp'],
    ['update_timestamp is negative', { update_timestamp: -5 }, 'update_timestamp'],
    ['update_timestamp is a string', { update_timestamp: 'now' }, 'update_timestamp'],
    ['timestamp is in milliseconds', { timestamp: Date.now() }, 'timestamp'],
  ])('fails a customer update whose %s', async (_, overrides, field) => {
    const token = newToken();
    const command = { name: 'customers', data: customerData(overrides) };

    const response = await sendBatch(token, [command]);

    const [result] = (await readJson(response)).results;
    expect(result.success).toBe(false);
    expect(result.errors).toContainEqual(expect.stringMatching(`^${field}:`));
    expect((await activityOf(token)).commands).toEqual([]);
  });

  it.each([
    ['no timestamp', {}],
    ['update_timestamp in seconds', { update_timestamp: nowSeconds() }],
    ['timestamp in seconds', { timestamp: nowSeconds() }],
    ['no properties', { properties: undefined }],
  ])('accepts a customer update with %s', async (_, overrides) => {
    const command = { name: 'customers', data: customerData(overrides) };

    const response = await sendBatch(newToken(), [command]);

    expect((await readJson(response)).results[0].success).toBe(true);
  });
});

describe('single calls', () => {
  it('accepts an event on customers/events and records it', async () => {
    const token = newToken();
    const data = eventData();

    const response = await post(trackPath(token, 'customers/events'), data);

    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ success: true });
    const { commands, requests } = await activityOf(token);
    expect(commands).toEqual([
      {
        name: 'customers/events',
        data,
        requestIndex: 0,
        receivedAtMs: expect.any(Number),
      },
    ]);
    expect(requests[0]).toMatchObject({ commandCount: 1, status: 200 });
  });

  it('accepts a customer update on customers and records it', async () => {
    const token = newToken();

    const response = await post(trackPath(token, 'customers'), customerData());

    expect(response.status).toBe(200);
    expect((await activityOf(token)).commands[0]!.name).toBe('customers');
  });

  it.each([
    ['customers/events', eventData({ timestamp: Date.now() }), 'timestamp'],
    ['customers', customerData({ customer_ids: {} }), 'customer_ids'],
  ])('answers 400 with errors to an invalid %s', async (endpoint, data, field) => {
    const token = newToken();

    const response = await post(trackPath(token, endpoint), data);

    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body.success).toBe(false);
    expect(body.errors).toContainEqual(expect.stringMatching(`^${field}:`));
    expect((await activityOf(token)).commands).toEqual([]);
  });

  it('answers 400 "Invalid JSON" to a single call that is not JSON', async () => {
    const response = await post(trackPath(newToken(), 'customers'), 'nope');

    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toBe('Invalid JSON');
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/'],
    ['GET', `/track/v2/projects/${newToken()}/batch`],
    ['POST', `/track/v2/projects/${newToken()}/customers/delete`],
    ['POST', '/__control/projects'],
    ['DELETE', '/__control/health'],
  ])('answers %s %s with a JSON 404', async (method, path) => {
    const response = await fetch(`${api.url}${path}`, { method });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await readJson(response)).success).toBe(false);
  });
});

describe('control: reading what arrived', () => {
  it('answers the health check', async () => {
    const response = await fetch(`${api.url}/__control/health`);

    expect(await readJson(response)).toEqual({ ok: true });
  });

  it('answers empty lists for a token that received nothing', async () => {
    expect(await activityOf(newToken())).toEqual({ commands: [], requests: [] });
  });

  it('lists commands in arrival order with their request', async () => {
    const token = newToken();

    await sendBatch(token, [eventCommand({ event_type: 'a' }), eventCommand({ event_type: 'b' })]);
    const single = eventData({ event_type: 'c' });
    await post(trackPath(token, 'customers/events'), single);

    const { commands, requests } = await activityOf(token);
    expect(commands.map((command) => command.data.event_type)).toEqual(['a', 'b', 'c']);
    expect(commands.map((command) => command.requestIndex)).toEqual([0, 0, 1]);
    expect(requests).toEqual([
      {
        index: 0,
        path: trackPath(token),
        commandCount: 2,
        sentCookies: false,
        status: 200,
        fault: null,
        startedAtMs: expect.any(Number),
        answeredAtMs: expect.any(Number),
      },
      expect.objectContaining({
        index: 1,
        path: trackPath(token, 'customers/events'),
        commandCount: 1,
      }),
    ]);
    const [first] = requests;
    expect(first!.answeredAtMs).toBeGreaterThanOrEqual(first!.startedAtMs);
    expect(commands[0]!.receivedAtMs).toBeGreaterThanOrEqual(first!.startedAtMs);
    expect(commands[0]!.receivedAtMs).toBeLessThanOrEqual(first!.answeredAtMs!);
  });

  it('records whether a request carried cookies', async () => {
    const token = newToken();

    await fetch(`${api.url}${trackPath(token)}`, {
      method: 'POST',
      headers: { ...AUTHORIZED, cookie: 'session=abc' },
      body: JSON.stringify({ commands: [{ name: 'customers/events', data: eventData() }] }),
    });

    const [request] = (await activityOf(token)).requests;
    expect(request!.sentCookies).toBe(true);
  });

  it('keeps projects apart when they are used at the same time', async () => {
    const [first, second] = [newToken(), newToken()];

    await Promise.all([
      sendBatch(first, [eventCommand({ event_type: 'first' })]),
      sendBatch(second, [eventCommand({ event_type: 'second' })]),
      sendBatch(second, [eventCommand({ event_type: 'second' })]),
    ]);

    const [firstActivity, secondActivity] = await Promise.all([
      activityOf(first),
      activityOf(second),
    ]);
    expect(firstActivity.commands.map((c) => c.data.event_type)).toEqual(['first']);
    expect(secondActivity.commands.map((c) => c.data.event_type)).toEqual(['second', 'second']);
    expect(secondActivity.requests.map((r) => r.index)).toEqual([0, 1]);
  });

  it('reads a token that needs percent-encoding', async () => {
    const token = `${newToken()} with space`;
    const encoded = encodeURIComponent(token);

    await sendBatch(encoded, [eventCommand()]);

    expect((await activityOf(encoded)).commands).toHaveLength(1);
  });

  it('forgets commands, requests, faults and refusals on DELETE', async () => {
    const token = newToken();
    await sendBatch(token, [eventCommand()]);
    await queueFaults(token, [{ status: 503, times: 'always' }]);
    await refuseEventTypes(token, ['page_visit']);

    const response = await fetch(`${api.url}/__control/projects/${token}`, {
      method: 'DELETE',
    });

    expect(await readJson(response)).toEqual({ ok: true });
    expect(await activityOf(token)).toEqual({ commands: [], requests: [] });
    const next = await sendBatch(token, [eventCommand()]);
    expect(next.status).toBe(200);
    expect((await readJson(next)).results[0].success).toBe(true);
  });
});

describe('control: status faults', () => {
  it('answers the status with Retry-After and records no command', async () => {
    const token = newToken();
    await queueFaults(token, [{ status: 503, retryAfterSeconds: 5 }]);

    const response = await sendBatch(token, [eventCommand()], {
      headers: { ...AUTHORIZED, origin: 'http://pwa.test' },
    });

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://pwa.test');
    const body = await readJson(response);
    expect(body.success).toBe(false);
    expect(body.message).toEqual(expect.any(String));
    const activity = await activityOf(token);
    expect(activity.commands).toEqual([]);
    expect(activity.requests[0]).toMatchObject({
      status: 503,
      fault: 'status',
      commandCount: 1,
    });
  });

  it('covers one request by default, then answers normally', async () => {
    const token = newToken();
    await queueFaults(token, [{ status: 500 }]);

    const faulted = await sendBatch(token, [eventCommand()]);
    const normal = await sendBatch(token, [eventCommand()]);

    expect(faulted.status).toBe(500);
    expect(faulted.headers.get('retry-after')).toBeNull();
    expect(normal.status).toBe(200);
    const { requests } = await activityOf(token);
    expect(requests.map((request) => request.fault)).toEqual(['status', null]);
  });

  it('sends the given body instead of the default one', async () => {
    const token = newToken();
    const body = { success: false, errors: ['rate limited'] };
    await queueFaults(token, [{ status: 429, body }]);

    const response = await sendBatch(token, [eventCommand()]);

    expect(response.status).toBe(429);
    expect(await readJson(response)).toEqual(body);
  });

  it('runs rules first in, first out, each for its times', async () => {
    const token = newToken();
    await queueFaults(token, [{ status: 503, times: 2 }, { status: 500 }]);

    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await sendBatch(token, [eventCommand()])).status);
    }

    expect(statuses).toEqual([503, 503, 500, 200]);
  });

  it('applies an "always" rule until the queue is cleared', async () => {
    const token = newToken();
    await queueFaults(token, [{ status: 502, times: 'always' }, { status: 500 }]);

    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await sendBatch(token, [eventCommand()])).status);
    }
    const cleared = await post(
      `/__control/projects/${token}/faults`,
      { clear: true },
      { headers: JSON_ONLY },
    );

    expect(statuses).toEqual([502, 502, 502]);
    expect(await readJson(cleared)).toEqual({ ok: true, queuedRules: 0 });
    expect((await sendBatch(token, [eventCommand()])).status).toBe(200);
  });

  it('clears before appending when both are sent', async () => {
    const token = newToken();
    await queueFaults(token, [{ status: 500, times: 'always' }]);

    const response = await post(
      `/__control/projects/${token}/faults`,
      { clear: true, faults: [{ status: 503 }] },
      { headers: JSON_ONLY },
    );

    expect(await readJson(response)).toEqual({ ok: true, queuedRules: 1 });
    expect((await sendBatch(token, [eventCommand()])).status).toBe(503);
    expect((await sendBatch(token, [eventCommand()])).status).toBe(200);
  });

  it('keeps faults to the project they were queued for', async () => {
    const [faulted, other] = [newToken(), newToken()];
    await queueFaults(faulted, [{ status: 503 }]);

    const response = await sendBatch(other, [eventCommand()]);

    expect(response.status).toBe(200);
    expect((await sendBatch(faulted, [eventCommand()])).status).toBe(503);
  });
});

describe('control: timing faults', () => {
  it('records a delayed batch at once and answers after the delay', async () => {
    const token = newToken();
    const delayMs = 300;
    await queueFaults(token, [{ delayMs }]);

    const sentAtMs = Date.now();
    const command = eventCommand({}, { command_id: 'late' });
    const pending = sendBatch(token, [command]);
    const during = await waitForActivity(token, (activity) => {
      expect(activity.commands).toHaveLength(1);
    });
    const response = await pending;

    expect(during.requests[0]).toMatchObject({ status: null, fault: 'delay' });
    expect(Date.now() - sentAtMs).toBeGreaterThanOrEqual(delayMs - 5);
    expect(response.status).toBe(200);
    expect((await readJson(response)).results[0]).toMatchObject({
      success: true,
      command_id: 'late',
    });
    const [request] = (await activityOf(token)).requests;
    expect(request!.status).toBe(200);
    expect(request!.answeredAtMs! - request!.startedAtMs).toBeGreaterThanOrEqual(delayMs - 5);
  });

  it('keeps a delayed batch unanswered when the client gives up', async () => {
    const token = newToken();
    await queueFaults(token, [{ delayMs: 400 }]);
    const controller = new AbortController();

    const pending = sendBatch(token, [eventCommand()], {
      signal: controller.signal,
    });
    await waitForActivity(token, (activity) => {
      expect(activity.commands).toHaveLength(1);
    });
    controller.abort();
    await expect(pending).rejects.toThrow();
    await sleep(600);

    const activity = await activityOf(token);
    expect(activity.commands).toHaveLength(1);
    expect(activity.requests[0]).toMatchObject({
      status: null,
      answeredAtMs: null,
      fault: 'delay',
    });
  });

  it('never answers a hanging request and records no command', async () => {
    const token = newToken();
    await queueFaults(token, [{ hang: true }]);
    const controller = new AbortController();

    const pending = sendBatch(token, [eventCommand()], {
      signal: controller.signal,
    });
    const settled = vi.fn();
    pending.then(settled, settled);
    await waitForActivity(token, (activity) => {
      expect(activity.requests).toHaveLength(1);
    });
    await sleep(200);

    expect(settled).not.toHaveBeenCalled();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const activity = await activityOf(token);
    expect(activity.commands).toEqual([]);
    expect(activity.requests[0]).toMatchObject({
      status: null,
      fault: 'hang',
      commandCount: 1,
    });
    expect((await sendBatch(token, [eventCommand()])).status).toBe(200);
  });
});

describe('control: dropped connections', () => {
  it('drops the connection without recording the commands', async () => {
    const token = newToken();
    await queueFaults(token, [{ drop: true }]);

    await expect(sendBatch(token, [eventCommand()])).rejects.toThrow(TypeError);

    const activity = await activityOf(token);
    expect(activity.commands).toEqual([]);
    expect(activity.requests[0]).toMatchObject({ status: null, fault: 'drop' });
  });

  it('records the commands first when told to accept', async () => {
    const token = newToken();
    await queueFaults(token, [{ drop: true, accept: true }]);

    await expect(sendBatch(token, [eventCommand()])).rejects.toThrow(TypeError);

    const activity = await activityOf(token);
    expect(activity.commands).toHaveLength(1);
    expect(activity.requests[0]).toMatchObject({ status: null, fault: 'drop' });
    expect((await sendBatch(token, [eventCommand()])).status).toBe(200);
  });
});

describe('control: malformed fault rules', () => {
  it.each([
    ['a body that is not JSON', '{', 'body'],
    ['neither faults nor clear', {}, 'faults'],
    ['faults that are not a list', { faults: { status: 503 } }, 'faults'],
    ['clear that is not a boolean', { clear: 'yes' }, 'clear'],
    ['a rule without a kind', { faults: [{ times: 2 }] }, 'faults[0]'],
    ['a rule with two kinds', { faults: [{ status: 503, hang: true }] }, 'faults[0]'],
    ['a status out of range', { faults: [{ status: 99 }] }, 'faults[0].status'],
    ['a misspelt key', { faults: [{ status: 503, retryAfter: 5 }] }, 'faults[0].retryAfter'],
    [
      'a fractional Retry-After',
      { faults: [{ status: 503, retryAfterSeconds: 1.5 }] },
      'faults[0].retryAfterSeconds',
    ],
    ['a negative delay', { faults: [{ delayMs: -1 }] }, 'faults[0].delayMs'],
    ['hang set to false', { faults: [{ hang: false }] }, 'faults[0].hang'],
    [
      'accept that is not a boolean',
      { faults: [{ drop: true, accept: 'yes' }] },
      'faults[0].accept',
    ],
    ['times of zero', { faults: [{ status: 503, times: 0 }] }, 'faults[0].times'],
    [
      'a bad second rule',
      { faults: [{ status: 503 }, { status: 503, times: 'never' }] },
      'faults[1].times',
    ],
  ])('refuses %s with 400 and queues nothing', async (_, body, field) => {
    const token = newToken();

    const response = await post(`/__control/projects/${token}/faults`, body, {
      headers: JSON_ONLY,
    });

    expect(response.status).toBe(400);
    const answer = await readJson(response);
    expect(answer.ok).toBe(false);
    expect(answer.message.startsWith(`${field}:`)).toBe(true);
    expect((await sendBatch(token, [eventCommand()])).status).toBe(200);
  });
});

describe('control: refused event types', () => {
  it('fails the refused events and accepts the rest', async () => {
    const token = newToken();
    await refuseEventTypes(token, ['bad_event']);

    const response = await sendBatch(token, [
      eventCommand({ event_type: 'bad_event' }, { command_id: 'refused-1' }),
      eventCommand({ event_type: 'good_event' }),
      { name: 'customers', data: customerData() },
    ]);

    const { results } = await readJson(response);
    expect(results.map((result: Json) => result.success)).toEqual([false, true, true]);
    expect(results[0].command_id).toBe('refused-1');
    expect(results[0].errors[0]).toMatch(/^refused:/);
    const { commands } = await activityOf(token);
    expect(commands.map((command) => command.name)).toEqual(['customers/events', 'customers']);
    expect(commands[0]!.data.event_type).toBe('good_event');
  });

  it('answers a refused single event with 400', async () => {
    const token = newToken();
    await refuseEventTypes(token, ['bad_event']);

    const response = await post(
      trackPath(token, 'customers/events'),
      eventData({ event_type: 'bad_event' }),
    );

    expect(response.status).toBe(400);
    expect((await readJson(response)).errors[0]).toMatch(/^refused:/);
  });

  it('adds refusals up and keeps them to their project', async () => {
    const [token, other] = [newToken(), newToken()];
    await refuseEventTypes(token, ['first']);

    const answer = await refuseEventTypes(token, ['second']);
    const command = eventCommand({ event_type: 'first' });
    const response = await sendBatch(other, [command]);

    expect(answer).toEqual({ ok: true, eventTypes: ['first', 'second'] });
    expect((await readJson(response)).results[0].success).toBe(true);
  });

  it.each([
    ['no eventTypes', {}],
    ['eventTypes that is a string', { eventTypes: 'bad_event' }],
    ['an empty event type', { eventTypes: [''] }],
  ])('refuses %s with 400', async (_, body) => {
    const path = `/__control/projects/${newToken()}/refuse`;

    const response = await post(path, body, { headers: JSON_ONLY });

    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toMatch(/^eventTypes:/);
  });
});

describe('request log', () => {
  it('prints a line per tracking request, without tokens or bodies', async () => {
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const loud = await startTrackingApi({ quiet: false });
    const token = `secret-${randomUUID()}`;
    const url = `${loud.url}${trackPath(token)}`;
    let lines: string[] = [];

    try {
      await fetch(url, {
        method: 'POST',
        headers: AUTHORIZED,
        body: JSON.stringify({
          commands: [eventCommand({ properties: { secret: 'body-secret' } }), eventCommand()],
        }),
      });
      await fetch(url, { method: 'POST', body: '{}' });
      await fetch(`${loud.url}/__control/projects/${token}`);
      await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(2));
      lines = logged.mock.calls.map((call) => call.join(' '));
    } finally {
      await loud.close();
      logged.mockRestore();
    }

    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('POST /track/v2/projects/:token/batch');
    expect(lines[0]).toContain('2 command');
    expect(lines[0]).toContain('200');
    expect(lines[1]).toContain('401');
    for (const line of lines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain('body-secret');
      expect(line).not.toContain('test-public-key');
    }
  });

  it('prints nothing when quiet', async () => {
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});

    try {
      await sendBatch(newToken(), [eventCommand()]);
    } finally {
      logged.mockRestore();
    }

    expect(logged).not.toHaveBeenCalled();
  });
});

describe('main.mjs', () => {
  it('prints one line with its URL, serves, and stops on SIGINT', async () => {
    const mainPath = fileURLToPath(new URL('./main.mjs', import.meta.url));
    const child = spawn(process.execPath, [mainPath], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    const exited = once(child, 'exit');

    try {
      await vi.waitFor(() => expect(output).toContain('\n'), { timeout: 5000 });
      const url = output.trim().replace('Tracking API listening on ', '');
      const health = await fetch(`${url}/__control/health`);
      expect(await readJson(health)).toEqual({ ok: true });
    } finally {
      child.kill('SIGINT');
    }

    const [code, signal] = await exited;
    expect(output).toMatch(/^Tracking API listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
