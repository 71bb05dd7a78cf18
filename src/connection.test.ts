import { describe, expect, it } from 'vitest';

import { Connection } from './connection';
import { MAX_CALLS_PER_MESSAGE, PROTOCOL, type CallsMessage } from './protocol/messages';

function connected() {
  const connection = new Connection();
  const posted: CallsMessage[] = [];
  connection.attach({ post: (message) => posted.push(message) });
  return { connection, posted };
}

describe('Connection', () => {
  it('posts the calls of one task together, in order', async () => {
    const { connection, posted } = connected();

    void connection.call('signal', 'visible');
    void connection.call('getStatus', undefined);
    await Promise.resolve();

    expect(posted).toHaveLength(1);
    expect(posted[0]!.calls.map((call) => call.op)).toEqual(['signal', 'getStatus']);
  });

  it('splits a run longer than one message allows, keeping the order', async () => {
    const { connection, posted } = connected();
    const count = 2 * MAX_CALLS_PER_MESSAGE + 5;

    for (let index = 0; index < count; index++) void connection.call('getStatus', undefined);
    await Promise.resolve();

    expect(posted.map((message) => message.calls.length)).toEqual([
      MAX_CALLS_PER_MESSAGE,
      MAX_CALLS_PER_MESSAGE,
      5,
    ]);
    const ids = posted.flatMap((message) => message.calls.map((call) => call.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('settles each call with its own reply', async () => {
    const { connection, posted } = connected();
    const first = connection.call('getCustomerCookie', undefined);
    const second = connection.call('trackEvent', { name: 'x', timestamp: new Date() });
    await Promise.resolve();
    const [a, b] = posted[0]!.calls;

    connection.receive({
      protocol: PROTOCOL,
      replies: [
        {
          id: b!.id,
          ok: false,
          error: { code: 'invalid-argument', message: 'bad', field: 'name' },
        },
        { id: a!.id, ok: true, value: 'cookie-1' },
      ],
    });

    await expect(first).resolves.toBe('cookie-1');
    await expect(second).rejects.toMatchObject({ name: 'TypeError', field: 'name' });
  });

  it('names the field that cannot be cloned, and still posts the rest', async () => {
    const connection = new Connection();
    const posted: CallsMessage[] = [];
    connection.attach({
      post: (message) => {
        structuredClone(message);
        posted.push(message);
      },
    });

    const bad = connection.call('trackEvent', {
      name: 'x',
      timestamp: new Date(),
      properties: { nested: { run: (() => 1) as never } },
    });
    void connection.call('getStatus', undefined);
    await Promise.resolve();

    await expect(bad).rejects.toMatchObject({ field: 'properties.nested.run' });
    expect(posted.flatMap((message) => message.calls.map((call) => call.op))).toEqual([
      'getStatus',
    ]);
  });
});
