/**
 * Bad input: malformed messages posted straight to the worker by a script
 * on the page, and wrong calls to the public API.
 */
import { recordRow } from '../support/fault-rows';
import { eventually, expect, test } from '../support/fixtures';
import { postRaw } from './support';

const PROTOCOL = 'exponea-sw/1';

test('12. malformed messages get error answers, write nothing, the worker serves on', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { flushMode: 'manual' } });
  const before = await tracker.call<{ queued: number }>('getStatus');

  const ours = [
    { protocol: PROTOCOL },
    { protocol: PROTOCOL, page: 'p', calls: 'not an array' },
    { protocol: PROTOCOL, page: 'p', calls: [{ id: 'one', op: 'trackEvent' }] },
    { protocol: PROTOCOL, page: 'p', calls: [{ id: 1, op: 'dropEverything' }] },
    { protocol: PROTOCOL, page: 'p'.repeat(1_000), calls: [] },
    { protocol: PROTOCOL, page: 'p', calls: [{ id: 2, op: 'trackEvent', arg: 'an event' }] },
    {
      protocol: PROTOCOL,
      page: 'p',
      calls: [{ id: 3, op: 'trackEvent', arg: { name: 'x'.repeat(2_000_000) } }],
    },
    {
      protocol: PROTOCOL,
      page: 'p',
      calls: [{ id: 4, op: 'configure', arg: { projectToken: 5 } }],
    },
    {
      protocol: PROTOCOL,
      page: 'p',
      calls: [{ id: 5, op: 'identifyCustomer', arg: { ids: { registered: {} } } }],
    },
    { protocol: PROTOCOL, page: 'p', calls: [{ id: 6, op: 'signal', arg: 'explode' }] },
  ];
  const foreign = [null, 42, 'a string', [1, 2, 3], { protocol: 'someone-else/1' }];
  const replies = (await postRaw(tracker.page, [...foreign, ...ours])) as {
    error?: { code: string };
    replies: { ok: boolean; error?: { code: string } }[];
  }[];

  const answers = replies.filter((reply) => reply.error || reply.replies.length > 0);
  expect(answers).toHaveLength(ours.length);
  for (const answer of answers) {
    const code = answer.error?.code ?? answer.replies[0]?.error?.code;
    expect(code).toBe('invalid-argument');
  }

  const after = await tracker.call<{ queued: number }>('getStatus');
  expect(after.queued).toBe(before.queued);
  await tracker.call('trackEvent', { name: 'still-serving', properties: { seq: 0 } });
  await tracker.call('flushData');
  await eventually(
    () => api.events('still-serving'),
    (events) => events.length === 1,
  );
  recordRow(testInfo, {
    scenario: `12. ${ours.length + foreign.length} malformed messages, then a good call`,
    tracked: 1,
    delivered: (await api.events('still-serving')).length,
    dropped: 0,
    lost: 0,
    duplicated: 0,
    requests: (await api.requests()).length,
    drainMs: null,
  });
});

test('13. more than 30 kinds of bad input are refused with a TypeError naming the field', async ({
  api,
  openTracker,
}, testInfo) => {
  const tracker = await openTracker({ config: { flushMode: 'manual' } });
  const before = await tracker.call<{ queued: number }>('getStatus');

  const outcomes = await tracker.page.evaluate(async () => {
    type Sdk = Record<string, (arg?: unknown) => Promise<unknown>>;
    const sdk = (window as unknown as { exponea: Sdk }).exponea;
    const cycle: Record<string, unknown> = {};
    cycle['again'] = { cycle };
    const deep: Record<string, unknown> = {};
    let level = deep;
    for (let depth = 0; depth < 20; depth++)
      level = (level['next'] = {}) as Record<string, unknown>;

    const cases: [string, unknown, string][] = [
      ['trackEvent', undefined, 'event'],
      ['trackEvent', 'purchase', 'event'],
      ['trackEvent', { name: '' }, 'name'],
      ['trackEvent', { name: '   ' }, 'name'],
      ['trackEvent', { name: 7 }, 'name'],
      ['trackEvent', { name: 'n'.repeat(300) }, 'name'],
      ['trackEvent', { name: 'x', props: {} }, 'event.props'],
      ['trackEvent', { name: 'x', properties: [] }, 'properties'],
      ['trackEvent', { name: 'x', properties: 'price=1' }, 'properties'],
      ['trackEvent', { name: 'x', properties: { price: NaN } }, 'properties.price'],
      ['trackEvent', { name: 'x', properties: { price: -Infinity } }, 'properties.price'],
      ['trackEvent', { name: 'x', properties: { id: 1n } }, 'properties.id'],
      ['trackEvent', { name: 'x', properties: { fn: () => 0 } }, 'properties.fn'],
      ['trackEvent', { name: 'x', properties: { s: Symbol('s') } }, 'properties.s'],
      ['trackEvent', { name: 'x', properties: { missing: undefined } }, 'properties.missing'],
      ['trackEvent', { name: 'x', properties: { at: new Date() } }, 'properties.at'],
      ['trackEvent', { name: 'x', properties: { set: new Map() } }, 'properties.set'],
      ['trackEvent', { name: 'x', properties: { list: [1, NaN] } }, 'properties.list[1]'],
      ['trackEvent', { name: 'x', properties: cycle }, 'properties.again.cycle'],
      ['trackEvent', { name: 'x', properties: deep }, 'properties' + '.next'.repeat(16)],
      ['trackEvent', { name: 'x', timestamp: Date.now() }, 'timestamp'],
      ['trackEvent', { name: 'x', timestamp: new Date('never') }, 'timestamp'],
      ['identifyCustomer', undefined, 'customer'],
      ['identifyCustomer', { ids: 'jane@example.com' }, 'ids'],
      ['identifyCustomer', { ids: {} }, 'ids'],
      ['identifyCustomer', { ids: { registered: 42 } }, 'ids.registered'],
      ['identifyCustomer', { ids: { registered: '' } }, 'ids.registered'],
      ['identifyCustomer', { ids: { cookie: 'mine' } }, 'ids.cookie'],
      [
        'identifyCustomer',
        { ids: { registered: 'a@b.c' }, properties: { vip: NaN } },
        'properties.vip',
      ],
      ['setFlushMode', 'sometimes', 'mode'],
      ['setFlushMode', undefined, 'mode'],
      ['setFlushPeriod', 10, 'periodMs'],
      ['setFlushPeriod', 1.5e3 + 0.5, 'periodMs'],
      ['trackSessionStart', 'yesterday', 'timestamp'],
      ['anonymize', { projectToken: '' }, 'change.projectToken'],
      ['anonymize', { authorization: 'secret' }, 'change.authorization'],
      ['anonymize', { baseUrl: 'not a url' }, 'change.baseUrl'],
      ['anonymize', { project: 'x' }, 'change.project'],
      ['configure', 'token', 'config'],
    ];
    const results = [];
    for (const [method, arg, field] of cases) {
      try {
        await sdk[method]!(arg);
        results.push({ method, expected: field, field: null, typeError: false });
      } catch (error) {
        const named = (error as { field?: string }).field ?? null;
        results.push({
          method,
          expected: field,
          field: named,
          typeError: error instanceof TypeError,
        });
      }
    }
    return results;
  });

  for (const outcome of outcomes) {
    expect.soft(outcome, `${outcome.method} → ${outcome.expected}`).toMatchObject({
      field: outcome.expected,
      typeError: true,
    });
  }
  expect(outcomes.length).toBeGreaterThan(30);

  const oversized = await tracker.page.evaluate(async () => {
    const sdk = (window as unknown as { exponea: Record<string, (a: unknown) => Promise<void>> })
      .exponea;
    try {
      await sdk.trackEvent!({ name: 'big', properties: { blob: 'x'.repeat(20_000) } });
      return null;
    } catch (error) {
      return { field: (error as { field?: string }).field, message: (error as Error).message };
    }
  });
  expect(oversized?.field).toBe('properties');
  expect(oversized?.message).toContain('16384');

  const after = await tracker.call<{ queued: number }>('getStatus');
  expect(after.queued).toBe(before.queued);
  recordRow(testInfo, {
    scenario: `13. ${outcomes.length + 1} kinds of bad input to the public API`,
    tracked: 0,
    delivered: (await api.events()).filter((event) => event.data.event_type === 'big').length,
    dropped: 0,
    lost: 0,
    duplicated: 0,
    requests: (await api.requests()).length,
    drainMs: null,
  });
});
